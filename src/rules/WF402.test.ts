import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';
import { portKeys } from './WF402.ts';

const only = ['WF402'];

describe('WF402 crane-exposed-ports-replace', () => {
  it('lists every port of the image the way Docker stores them', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base
      EXPOSE 80
      FROM base
      ARG UDP=53/UDP
      EXPOSE 443 $UDP
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:1-2:7 WF402 EXPOSE 80: `crane mutate --exposed-ports` replaces the whole set, so the plan must list every port, as Docker writes them: `80/tcp,443/tcp,53/udp` plus any port the base image exposes',
      '5:1-5:7 WF402 EXPOSE 443 53/UDP: `crane mutate --exposed-ports` replaces the whole set, so the plan must list every port, as Docker writes them: `80/tcp,443/tcp,53/udp` plus any port the base image exposes',
    ]);
  });

  it('points to crane edit config before v0.15.0 and leaves older releases to WF404', () => {
    const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nEXPOSE 8080\n';
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.11.0' }))).toEqual([
      '2:1-2:7 WF402 EXPOSE 8080: crane v0.11.0 has no `mutate --exposed-ports` (added in v0.15.0): set ExposedPorts with `crane edit config`, listing `8080/tcp` plus any port the base image exposes',
    ]);
    expect(lintText(text, { only, target: 'crane', craneVersion: 'v0.10.1' })).toEqual([]);
    expect(lintText(text, { only })).toEqual([]);
  });

  it('spells port keys', () => {
    expect([portKeys('80'), portKeys('53/UDP'), portKeys('8000-8002/tcp'), portKeys('1-1000')]).toEqual([['80/tcp'], ['53/udp'], ['8000/tcp', '8001/tcp', '8002/tcp'], ['1-1000/tcp']]);
  });
});
