import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF606'];

describe('WF606 powershell-under-cmd', () => {
  it('reports the first PowerShell construct of a RUN that cmd runs', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN $ErrorActionPreference = 'Stop'; Invoke-WebRequest https://example.com/a.zip -OutFile a.zip
      RUN [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
      RUN mkdir $env:APPDIR ; cd $env:APPDIR
      RUN git clone https://github.com/\${env:ORG}/tool.git
      RUN Expand-Archive C:\\a.zip C:\\a
      RUN & C:\\tools\\setup.exe /S
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:5-2:27 WF606 This RUN goes to cmd (cmd /S /C), but `$ErrorActionPreference` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended",
      '3:5-3:48 WF606 This RUN goes to cmd (cmd /S /C), but `[Net.ServicePointManager]::SecurityProtocol` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
      '4:11-4:22 WF606 This RUN goes to cmd (cmd /S /C), but `$env:APPDIR` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
      '5:34-5:44 WF606 This RUN goes to cmd (cmd /S /C), but `${env:ORG}` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
      '6:5-6:19 WF606 This RUN goes to cmd (cmd /S /C), but `Expand-Archive` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
      '7:5-7:6 WF606 This RUN goes to cmd (cmd /S /C), but `&` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
    ]);
  });

  it('checks an explicit cmd SHELL and cmd /c started from PowerShell', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      SHELL ["powershell", "-Command"]
      RUN cmd /c 'Remove-Item C:\\x'
      FROM base
      SHELL ["cmd", "/S", "/C"]
      RUN Write-Host done
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:13-3:24 WF606 This code goes to cmd (cmd /c), but `Remove-Item` is PowerShell, which cmd does not understand: it fails or does something else than intended',
      '6:5-6:15 WF606 This RUN goes to cmd (cmd /S /C), but `Write-Host` is PowerShell, which cmd does not understand: the RUN fails or does something else than intended',
    ]);
  });

  it('trusts images that may set a PowerShell SHELL in their config, and PowerShell that cmd hands on', () => {
    const text = df`
      FROM golang:1.22-windowsservercore-ltsc2022
      RUN $v = go version; Write-Host $v
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN powershell -Command "$ErrorActionPreference = 'Stop'; Remove-Item $env:TEMP\\* -Recurse"
      RUN powershell -Command "cmd /c \\"mklink C:\\tool.exe $env:ProgramFiles\\tool.exe\\""
      RUN echo %PATH% && set X=$1
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
