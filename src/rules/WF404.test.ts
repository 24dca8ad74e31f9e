import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF404'];
const text = df`
  FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
  COPY app.exe C:/app/
  ENV APP_HOME=C:/app
  USER ContainerUser
  WORKDIR C:/app
  EXPOSE 80
  ENTRYPOINT ["app.exe"]
  CMD ["--serve"]
`;

describe('WF404 crane-release-too-old', () => {
  it('reports each instruction the release cannot express', () => {
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.7.0', windowsVersions: ['ltsc2022'] }))).toEqual([
      '2:1-2:5 WF404 COPY needs the Windows layer conversion of `crane append` / `mutate --append`, which crane v0.7.0 lacks (added in v0.8.0)',
      '3:1-3:4 WF404 ENV needs `crane mutate --env`, which crane v0.7.0 lacks (added in v0.8.0)',
      '4:1-4:5 WF404 USER needs `crane mutate --user`, which crane v0.7.0 lacks (added in v0.9.0)',
      '5:1-5:8 WF404 WORKDIR needs `crane mutate --workdir`, which crane v0.7.0 lacks (added in v0.15.0)',
      '6:1-6:7 WF404 EXPOSE needs `crane mutate --exposed-ports`, which crane v0.7.0 lacks (added in v0.15.0)',
      '8:1-8:4 WF404 CMD needs `crane mutate --cmd`, which crane v0.7.0 lacks (added in v0.8.0)',
    ]);
  });

  it('leaves WORKDIR and EXPOSE to WF401/WF402 once crane edit config exists', () => {
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.11.0', windowsVersions: ['ltsc2022'] }))).toEqual([]);
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.8.0', windowsVersions: ['ltsc2022'] }))).toEqual([
      '4:1-4:5 WF404 USER needs `crane mutate --user`, which crane v0.8.0 lacks (added in v0.9.0)',
      '5:1-5:8 WF404 WORKDIR needs `crane mutate --workdir`, which crane v0.8.0 lacks (added in v0.15.0)',
      '6:1-6:7 WF404 EXPOSE needs `crane mutate --exposed-ports`, which crane v0.8.0 lacks (added in v0.15.0)',
    ]);
  });

  it('needs crane index append for several Windows versions', () => {
    const d = lintText(text, { only, target: 'crane', craneVersion: 'v0.13.0', windowsVersions: ['ltsc2019', 'ltsc2022'] });
    expect(summarize(d)).toEqual([
      '1:1-1:5 WF404 One tag for 2 Windows versions (ltsc2019, ltsc2022) needs `crane index append`, which crane v0.13.0 lacks (added in v0.14.0)',
    ]);
    expect(lintText(text, { only, target: 'crane', craneVersion: 'v0.14.0', windowsVersions: ['ltsc2019', 'ltsc2022'] })).toEqual([]);
  });

  it('ignores BuildKit and stages outside the final image', () => {
    expect(lintText(text, { only, craneVersion: 'v0.7.0' })).toEqual([]);
    const side = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS side
      COPY a C:/a
      FROM --platform=linux/amd64 alpine:3.20
      COPY --from=side /a /a
    `;
    expect(lintText(side, { only, target: 'crane', craneVersion: 'v0.7.0' })).toEqual([]);
  });
});
