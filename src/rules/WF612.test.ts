import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF612'];

describe('WF612 run-only-prints', () => {
  it('reports RUNs that only print, smoke-test or set session state, at RUN', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo Building & ver
      RUN git --version && dotnet --info
      RUN echo Checking && where git
      SHELL ["powershell", "-Command"]
      RUN Set-PSDebug -Trace 2; New-Alias -Name build -Value C:\\build.ps1
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:4 WF612 This RUN prints and checks that tools run: nothing it does reaches the image, so a Linux build can drop it',
      '3:1-3:4 WF612 This RUN only checks that tools run: nothing it does reaches the image, so a Linux build can drop it',
      '4:1-4:4 WF612 This RUN prints and checks that tools run: nothing it does reaches the image, so a Linux build can drop it',
      '6:1-6:4 WF612 This RUN only prints or changes settings of its own session: nothing it does reaches the image, so a Linux build can drop it',
    ]);
  });

  it('does not judge PowerShell read as cmd where the base image may set a PowerShell SHELL', () => {
    const text = df`
      FROM golang:1.22-windowsservercore-ltsc2022
      RUN cd $env:GOPATH ; go build -o app.exe .
      RUN echo %GOPATH%
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:1-3:4 WF612 This RUN only prints or changes settings of its own session: nothing it does reaches the image, so a Linux build can drop it',
    ]);
  });

  it('accepts RUNs that change the image, wait for something, persist a setting or do not parse', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo Installing && mkdir C:\\app
      RUN echo a > C:\\a.txt
      SHELL ["powershell", "-Command"]
      RUN Set-ExecutionPolicy Unrestricted -Force
      RUN while (!(Test-Path $env:PSModuleAnalysisCachePath)) { Start-Sleep -Seconds 6 }
      RUN Write-Host (1
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
