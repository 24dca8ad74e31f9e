import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF503'];

const text = df`
  FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
  SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
  RUN Write-Host setup
  FROM base
  HEALTHCHECK CMD Invoke-WebRequest http://localhost/ -UseBasicParsing
  CMD C:\\app\\start.ps1
  FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
  SHELL ["cmd", "/S", "/C"]
  ENTRYPOINT ["app.exe"]
`;

describe('WF503 shell-without-run', () => {
  it('says which shell-form instructions still use the SHELL under BuildKit, through FROM <stage>', () => {
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:6 WF503 SHELL powershell: RUN cannot execute on a Linux builder, so in the converted build this SHELL only affects the shell-form HEALTHCHECK on line 5, CMD on line 6',
      '8:1-8:6 WF503 SHELL cmd: RUN cannot execute on a Linux builder and no shell-form CMD, ENTRYPOINT or HEALTHCHECK follows, so this SHELL has no effect in the converted image beyond the Shell recorded in its config',
    ]);
  });

  it('tells crane users that the Shell cannot be set, with a version-specific workaround', () => {
    const d = lintText(text, { only, target: 'crane' });
    expect(summarize(d)).toEqual([
      "2:1-2:6 WF503 SHELL powershell: crane cannot set the image config's Shell (crane mutate has no flag for it), so the shell-form HEALTHCHECK on line 5, CMD on line 6 must be written in exec form with the shell spelled out",
      "8:1-8:6 WF503 SHELL cmd: crane cannot set the image config's Shell (crane mutate has no flag for it); nothing after it uses the shell, so the converted image only lacks the recorded Shell",
    ]);
    expect(d[0]?.workaround).toMatch(/crane config IMG \| jq/);
    const old = lintText(text, { only, target: 'crane', craneVersion: 'v0.10.0' });
    expect(old[0]?.workaround).toBe(
      'Write HEALTHCHECK on line 5, CMD on line 6 in exec form with the shell spelled out (["powershell", "-Command", "..."]). crane v0.10.0 predates `crane edit config` (v0.11.0), the only crane command that can set the config\'s Shell.',
    );
  });

  it('stops at the next SHELL and ignores exec-form commands, HEALTHCHECK NONE and Linux stages', () => {
    const other = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command"]
      HEALTHCHECK NONE
      CMD ["powershell", "-File", "C:/start.ps1"]
      SHELL ["cmd", "/S", "/C"]
      CMD start.cmd
      FROM --platform=$BUILDPLATFORM alpine:3.20
      SHELL ["/bin/ash", "-c"]
    `;
    expect(summarize(lintText(other, { only }))).toEqual([
      '2:1-2:6 WF503 SHELL powershell: RUN cannot execute on a Linux builder and no shell-form CMD, ENTRYPOINT or HEALTHCHECK follows, so this SHELL has no effect in the converted image beyond the Shell recorded in its config',
      '5:1-5:6 WF503 SHELL cmd: RUN cannot execute on a Linux builder, so in the converted build this SHELL only affects the shell-form CMD on line 6',
    ]);
  });
});
