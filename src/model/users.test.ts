import { describe, expect, it } from 'vitest';
import { df } from '../rules/rule-tester.ts';
import { buildModel } from './build.ts';
import { isContainerUser, userKey, userOf, usersCreatedBefore, usersCreatedBy } from './users.ts';

function runs(text: string) {
  return buildModel('Dockerfile', text).instructions.filter((i) => i.keyword === 'RUN');
}

const names = (text: string) => runs(text).flatMap((r) => usersCreatedBy(r).map((u) => `${u.name} (${u.how})`));

describe('usersCreatedBy', () => {
  it('reads net user and net localgroup in either argument order', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN net user John B@dP@ssw0rd /ADD && NET.EXE LOCALGROUP "Remote Desktop Users" John Mary /add
      RUN net user /add User03 Passw0rd & net user ContainerAdministrator newpass & net user old /delete
    `;
    expect(names(text)).toEqual(['John (net user /add)', 'John (net localgroup /add)', 'Mary (net localgroup /add)', 'User03 (net user /add)']);
  });

  it('reads New-LocalUser and Add-LocalGroupMember with named, colon and positional parameters', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command"]
      RUN New-LocalUser -Password $pw -Name "svc" -NoPassword; New-LocalUser -Description 'x' app2 -Disabled
      RUN New-LocalUser -Name:batch; Add-LocalGroupMember Administrators ops1,ops2; Add-LocalGroupMember -Member deploy -Group Users
    `;
    expect(names(text)).toEqual([
      'svc (New-LocalUser)',
      'app2 (New-LocalUser)',
      'batch (New-LocalUser)',
      'ops1 (Add-LocalGroupMember)',
      'ops2 (Add-LocalGroupMember)',
      'deploy (Add-LocalGroupMember)',
    ]);
  });

  it('skips names held in variables and exec-form commands without accounts', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN net user %USERNAME% /add
      RUN ["powershell", "-Command", "New-LocalUser -Name $env:APP_USER"]
      RUN ["cmd", "/c", "net", "user", "exec1", "/add"]
    `;
    expect(names(text)).toEqual(['exec1 (net user /add)']);
  });
});

describe('usersCreatedBefore', () => {
  it('collects accounts from the stage chain up to the instruction, by lower-case key', () => {
    const model = buildModel(
      'Dockerfile',
      df`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
        RUN net user Alice /add
        FROM base
        USER alice
        RUN net user bob /add
      `,
    );
    const child = model.stages[1];
    const user = model.instructions.find((i) => i.keyword === 'USER');
    if (!child || !user) throw new Error('bad fixture');
    expect([...usersCreatedBefore(child, user).keys()]).toEqual(['alice']);
  });
});

describe('account names', () => {
  it('compares like Windows and strips the group', () => {
    expect(isContainerUser('containeruser')).toBe(true);
    expect(isContainerUser('User Manager\\ContainerAdministrator')).toBe(true);
    expect(isContainerUser('Administrator')).toBe(false);
    expect(userKey('.\\Jenkins')).toBe('jenkins');
    expect(userOf('app:Administrators')).toBe('app');
    expect(userOf('NT AUTHORITY\\SYSTEM')).toBe('NT AUTHORITY\\SYSTEM');
  });
});
