import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF501'];
const tail = 'which cannot execute on a Linux builder, so the image will not have it and the container will fail to start as';
const k8s = 'use ContainerUser or ContainerAdministrator, or in Kubernetes securityContext.windowsOptions.runAsUserName';

describe('WF501 user-created-by-run', () => {
  it('flags USER of an account a RUN creates, case-insensitively', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN net user /add Jenkins Passw0rd ; net localgroup Administrators Jenkins /add
      USER jenkins
    `;
    expect(summarize(lintText(text, { only }))).toEqual([`3:6-3:13 WF501 USER jenkins: the account is created by the RUN on line 2 (net user /add), ${tail} jenkins; ${k8s}`]);
  });

  it('finds New-LocalUser and group membership in parent stages, for crane too', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      SHELL ["powershell", "-Command"]
      RUN New-LocalUser -Name 'svc' -NoPassword -AccountNeverExpires
      RUN Add-LocalGroupMember -Group Administrators -Member ops
      FROM base
      USER svc
      USER ops:Administrators
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      `6:6-6:9 WF501 USER svc: the account is created by the RUN on line 3 (New-LocalUser), ${tail} svc; ${k8s}`,
      `7:6-7:24 WF501 USER ops: the account is created by the RUN on line 4 (Add-LocalGroupMember), ${tail} ops; ${k8s}`,
    ]);
  });

  it('ignores built-in accounts, RUNs after the USER, other stages and Linux stages', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS other
      RUN net user app /add
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      USER app
      RUN net user app /add
      USER ContainerAdministrator
      FROM --platform=$BUILDPLATFORM alpine:3.20
      RUN adduser -D app
      USER app
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
