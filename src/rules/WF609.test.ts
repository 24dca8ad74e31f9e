import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF609'];

describe('WF609 ambiguous-alias', () => {
  it('reports curl, wget and sc used by name in PowerShell, in Windows PowerShell and in pwsh', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN wget https://example.com/a.zip -OutFile C:\\a.zip
      RUN sc stop w3svc
      FROM mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2022
      SHELL ["pwsh", "-Command"]
      RUN curl -fsSLo C:\\b.zip https://example.com/b.zip
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:5-3:9 WF609 `wget` is Invoke-WebRequest in Windows PowerShell but runs wget.exe (which Windows does not ship) in PowerShell 7, with different arguments: write `Invoke-WebRequest` or `curl.exe`',
      '4:5-4:7 WF609 `sc` is Set-Content in Windows PowerShell but runs sc.exe (the service controller) in PowerShell 7, with different arguments: write `sc.exe` or `Set-Content`',
      '7:5-7:9 WF609 `curl` is Invoke-WebRequest in Windows PowerShell but runs curl.exe in PowerShell 7, with different arguments: write `curl.exe` or `Invoke-WebRequest`',
    ]);
  });

  it('accepts the full names, and the programs under cmd', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN curl -fsSLo C:\\a.zip https://example.com/a.zip && sc config w3svc start= demand
      RUN powershell -Command "curl.exe -fsSLo C:\\b.zip https://example.com/b.zip; sc.exe stop w3svc; Invoke-WebRequest https://example.com/c.zip -OutFile C:\\c.zip"
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
