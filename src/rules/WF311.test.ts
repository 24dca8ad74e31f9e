import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF311'];

describe('WF311 stopsignal-on-windows', () => {
  it('flags STOPSIGNAL in a Windows stage for BuildKit', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS app
      ARG SIG=SIGTERM
      STOPSIGNAL $SIG
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:1-3:11 WF311 STOPSIGNAL SIGTERM in Windows stage app: BuildKit stores it, but Windows containers are not stopped with Linux signals (the classic Windows builder rejected STOPSIGNAL); its effect at run time is unconfirmed',
    ]);
  });

  it('is a BuildKit-only rule and ignores Linux stages', () => {
    const text = df`
      FROM --platform=linux/amd64 alpine:3.20
      STOPSIGNAL SIGQUIT
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      STOPSIGNAL SIGTERM
    `;
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
    expect(lintText(text, { only }).map((d) => d.range.start.line)).toEqual([4]);
  });
});
