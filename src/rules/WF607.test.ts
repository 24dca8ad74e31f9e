import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF607'];

describe('WF607 shell-without-error-action', () => {
  it('reports a PowerShell SHELL without $ErrorActionPreference = Stop, with the RUNs it affects', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      SHELL ["powershell", "-Command", "$ProgressPreference = 'SilentlyContinue';"]
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip
      FROM base
      RUN Expand-Archive C:\\a.zip C:\\a
      FROM mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022
      SHELL ["pwsh", "-NoProfile", "-Command"]
      RUN Copy-Item C:\\a C:\\b
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:8-2:77 WF607 SHELL powershell does not set $ErrorActionPreference = 'Stop': a failing cmdlet in the RUNs on lines 3, 5 does not stop it, and the RUN succeeds if its last command does",
      "7:8-7:40 WF607 SHELL pwsh does not set $ErrorActionPreference = 'Stop': a failing cmdlet in the RUN on line 8 does not stop it, and the RUN succeeds if its last command does",
    ]);
  });

  it('accepts the preference in the SHELL or at the start of every RUN, and SHELLs no RUN uses', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
      RUN Copy-Item C:\\a C:\\b
      SHELL ["powershell", "-Command"]
      RUN Write-Host copying; $ErrorActionPreference = 'Stop'; Copy-Item C:\\a C:\\b
      RUN ["powershell", "-Command", "Copy-Item C:\\\\a C:\\\\b"]
      SHELL ["pwsh", "-Command"]
      CMD Write-Host hello
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
