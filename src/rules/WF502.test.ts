import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF502'];

describe('WF502 user-not-in-base', () => {
  it('flags unknown accounts and Linux users', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      USER app
      USER root
      USER 1000:1000
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:6-2:9 WF502 USER app is neither ContainerUser nor ContainerAdministrator, and no RUN in this build creates it: unless the base image has this account, the container fails to start ("The user name or password is incorrect")',
      '3:6-3:10 WF502 USER root is a Linux user: Windows has no root account and no numeric user ids, so the container fails to start; use ContainerAdministrator or ContainerUser',
      '4:6-4:15 WF502 USER 1000 is a Linux user: Windows has no root account and no numeric user ids, so the container fails to start; use ContainerAdministrator or ContainerUser',
    ]);
  });

  it('mentions the crane release that added --user when the target crane is older', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      USER app
      USER root
    `;
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.8.0' }))).toEqual([
      '2:6-2:9 WF502 USER app is neither ContainerUser nor ContainerAdministrator, and no RUN in this build creates it: unless the base image has this account, the container fails to start; also, crane sets the user with `crane mutate --user`, which needs crane v0.9.0 or newer',
      '3:6-3:10 WF502 USER root is a Linux user: Windows has no root account and no numeric user ids, so the container fails to start; use ContainerAdministrator or ContainerUser (and crane v0.9.0 or newer, which has `crane mutate --user`)',
    ]);
    expect(summarize(lintText(text, { only, target: 'crane', craneVersion: 'v0.9.0' })).map((s) => s.includes('crane'))).toEqual([false, false]);
  });

  it('flags NT AUTHORITY accounts except in HostProcess images', () => {
    const text = df`
      FROM mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0 AS hpc
      USER "NT AUTHORITY\\\\SYSTEM"
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      USER "NT AUTHORITY\\\\NETWORK SERVICE"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '4:6-4:37 WF502 USER NT AUTHORITY\\NETWORK SERVICE is neither ContainerUser nor ContainerAdministrator, and no RUN in this build creates it: unless the base image has this account, the container fails to start ("The user name or password is incorrect")',
    ]);
  });

  it('accepts the built-in accounts in any case, Administrator, accounts a RUN creates, ARG users and Linux stages', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ARG RUNAS
      USER containeradministrator
      USER ContainerUser
      USER Administrator
      USER \${RUNAS}
      RUN net user app /add
      USER app
      FROM --platform=$BUILDPLATFORM alpine:3.20
      USER nobody
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
