import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF206'];

describe('WF206 powershell-not-in-image', () => {
  it('flags a PowerShell SHELL on Nano Server, and pwsh on Server Core', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS nano
      SHELL ["powershell", "-Command"]
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["pwsh.exe", "-Command"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:8-2:20 WF206 SHELL uses Windows PowerShell (powershell.exe), but mcr.microsoft.com/windows/nanoserver:ltsc2022 does not contain it (it has cmd.exe): every RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK after it fails',
      '4:8-4:18 WF206 SHELL uses PowerShell 7 (pwsh.exe), but mcr.microsoft.com/windows/servercore:ltsc2022 does not contain it (it has cmd.exe, Windows PowerShell (powershell.exe)): every RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK after it fails',
    ]);
  });

  it('flags RUN and ENTRYPOINT that start PowerShell, at the command word', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:1809 AS base
      FROM base
      RUN powershell -Command Invoke-WebRequest https://example.com/a.zip -OutFile a.zip
      RUN ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-File", "setup.ps1"]
      ENTRYPOINT  @pwsh -File C:/app/start.ps1
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '3:5-3:15 WF206 RUN starts Windows PowerShell (powershell.exe), but mcr.microsoft.com/windows/nanoserver:1809 does not contain it (it has cmd.exe)',
      '4:6-4:70 WF206 RUN starts Windows PowerShell (powershell.exe), but mcr.microsoft.com/windows/nanoserver:1809 does not contain it (it has cmd.exe)',
      '5:13-5:18 WF206 ENTRYPOINT starts PowerShell 7 (pwsh.exe), but mcr.microsoft.com/windows/nanoserver:1809 does not contain it (it has cmd.exe): the container fails to start',
    ]);
  });

  it('knows that Nano Server 2016 still had Windows PowerShell', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:10.0.14393.2068 AS a
      SHELL ["powershell", "-Command"]
      FROM microsoft/nanoserver:10.0.14300.1030
      RUN powershell -Command Write-Host hi
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('does not guess for Nano Server tags that name no version', () => {
    const text = df`
      FROM golang:1.9-nanoserver
      SHELL ["powershell", "-Command"]
      SHELL ["pwsh", "-Command"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:8-3:14 WF206 SHELL uses PowerShell 7 (pwsh.exe), but golang:1.9-nanoserver does not contain it (it has cmd.exe): every RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK after it fails',
    ]);
  });

  it('accepts a PowerShell the build copies in, images that include pwsh, and HostProcess images', () => {
    const copied = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS installer
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=installer ["C:/Program Files/PowerShell", "C:/Program Files/PowerShell"]
      SHELL ["pwsh", "-Command"]
    `;
    expect(lintText(copied, { only })).toEqual([]);
    const byPath = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      SHELL ["C:/Program Files/PowerShell/pwsh.exe", "-Command"]
    `;
    expect(lintText(byPath, { only })).toEqual([]);
    const sdk = df`
      FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022
      SHELL ["pwsh", "-Command"]
    `;
    expect(lintText(sdk, { only })).toEqual([]);
    const hostProcess = df`
      FROM mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0
      ENTRYPOINT ["powershell", "-File", "install.ps1"]
    `;
    expect(lintText(hostProcess, { only })).toEqual([]);
  });

  it('is not fooled by PowerShell settings that install nothing', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      ENV POWERSHELL_TELEMETRY_OPTOUT=1
      SHELL ["pwsh", "-Command"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:8-3:14 WF206 SHELL uses PowerShell 7 (pwsh.exe), but mcr.microsoft.com/windows/nanoserver:ltsc2022 does not contain it (it has cmd.exe): every RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK after it fails',
    ]);
    const pointed = text.replace('ENV POWERSHELL_TELEMETRY_OPTOUT=1', 'ENV PSCORE="C:/Program Files/PowerShell/pwsh.exe"');
    expect(lintText(pointed, { only })).toEqual([]);
  });

  it('ignores images the catalog does not know', () => {
    const text = df`
      FROM contoso/app-base:ltsc2022
      SHELL ["pwsh", "-Command"]
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
