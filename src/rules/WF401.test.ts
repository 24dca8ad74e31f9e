import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF401'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF401 crane-workdir', () => {
  it('says crane does not create the directory', () => {
    const text = df`
      ${FROM}
      WORKDIR C:/data
      WORKDIR logs
      COPY app.exe C:/app/
      CMD ["app.exe"]
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:1-2:8 WF401 WORKDIR C:\\data: `crane mutate --workdir` only sets the image config and, unlike BuildKit, does not create C:\\data, so the plan must add the directory to a layer',
      '3:1-3:8 WF401 WORKDIR C:\\data\\logs: `crane mutate --workdir` only sets the image config and, unlike BuildKit, does not create C:\\data\\logs, so the plan must add the directory to a layer',
    ]);
  });

  it('is quiet when a COPY creates the directory, or for the root', () => {
    const text = df`
      ${FROM}
      COPY conf/ C:/etc/conf/
      WORKDIR C:/etc
      WORKDIR /
      WORKDIR C:/app
      COPY . .
      WORKDIR C:/tools
      COPY --from=build /out/x.exe C:/tools/bin/x.exe
    `;
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
  });

  it('names the missing flag on releases before v0.15.0, and leaves older ones to WF404', () => {
    const text = df`
      ${FROM}
      WORKDIR C:/app
      COPY . .
      WORKDIR C:/data
    `;
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.14.0' }))).toEqual([
      '2:1-2:8 WF401 WORKDIR C:\\app: crane v0.14.0 has no `mutate --workdir` (added in v0.15.0): set WorkingDir with `crane edit config`',
      '4:1-4:8 WF401 WORKDIR C:\\data: crane v0.14.0 has no `mutate --workdir` (added in v0.15.0): set WorkingDir with `crane edit config`, and add C:\\data to a layer, since crane never creates it',
    ]);
    expect(lintText(text, { only, target: 'crane', craneVersion: 'v0.10.0' })).toEqual([]);
  });

  it('only looks at the stages of the final image, and not for BuildKit', () => {
    const text = df`
      ${FROM} AS side
      WORKDIR C:/side
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      WORKDIR /src
      ${FROM}
      COPY --from=side C:/side C:/side
    `;
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
    expect(lintText(`${FROM}\nWORKDIR C:/data\n`, { only })).toEqual([]);
  });
});
