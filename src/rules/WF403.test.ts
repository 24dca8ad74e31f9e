import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF403'];

describe('WF403 crane-config-without-flag', () => {
  it('gives the crane edit config recipe and the deployment equivalent', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      VOLUME C:\\data C:/logs
      HEALTHCHECK --interval=5s CMD curl -f http://localhost/
      STOPSIGNAL SIGTERM
      ONBUILD COPY . C:/app/
      SHELL ["powershell", "-Command"]
      HEALTHCHECK CMD ["ping", "-n", "1", "localhost"]
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '3:1-3:7 WF403 VOLUME has no `crane mutate` flag: set Volumes with `crane config IMG | jq \'.config.Volumes += {"C:\\\\data": {}, "C:/logs": {}}\' | crane edit config IMG -t NEW` (a hidden command, crane v0.11.0+), or at deployment: a pod volume mounted with volumeMounts at C:\\data, C:/logs',
      '4:1-4:12 WF403 HEALTHCHECK has no `crane mutate` flag: set Healthcheck with `crane config IMG | jq \'.config.Healthcheck = {"Test": ["CMD-SHELL","curl -f http://localhost/"]}\' | crane edit config IMG -t NEW` (a hidden command, crane v0.11.0+), or at deployment: a livenessProbe or readinessProbe with exec.command ["cmd","/S","/C","curl -f http://localhost/"]',
      '5:1-5:11 WF403 STOPSIGNAL has no `crane mutate` flag: set StopSignal with `crane config IMG | jq \'.config.StopSignal = "SIGTERM"\' | crane edit config IMG -t NEW` (a hidden command, crane v0.11.0+), or at deployment: none, Windows containers are not stopped with signals (see terminationGracePeriodSeconds)',
      '6:1-6:8 WF403 ONBUILD has no `crane mutate` flag: set OnBuild with `crane config IMG | jq \'.config.OnBuild += ["COPY . C:/app/"]\' | crane edit config IMG -t NEW` (a hidden command, crane v0.11.0+), or at deployment: none, ONBUILD only affects images built FROM this one',
      '8:1-8:12 WF403 HEALTHCHECK has no `crane mutate` flag: set Healthcheck with `crane config IMG | jq \'.config.Healthcheck = {"Test": ["CMD","ping","-n","1","localhost"]}\' | crane edit config IMG -t NEW` (a hidden command, crane v0.11.0+), or at deployment: a livenessProbe or readinessProbe with exec.command ["ping","-n","1","localhost"]',
    ]);
  });

  it('says there is no way before crane v0.11.0', () => {
    const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nHEALTHCHECK NONE\n';
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.10.0' }))).toEqual([
      '2:1-2:12 WF403 HEALTHCHECK has no `crane mutate` flag, and crane v0.10.0 lacks `crane edit config` (added in v0.11.0), so the plan cannot set Healthcheck; at deployment: no probe',
    ]);
  });

  it('ignores BuildKit, Linux final stages and side stages', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS side
      VOLUME C:/x
      FROM --platform=linux/amd64 alpine:3.20
      VOLUME /data
    `;
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
    expect(lintText('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nVOLUME C:/x\n', { only })).toEqual([]);
  });
});
