import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF608'];

describe('WF608 download-with-progress-bar', () => {
  it('reports a Windows PowerShell SHELL without $ProgressPreference when its RUNs download', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip
      RUN Write-Host hello
      RUN wget https://example.com/b.zip -OutFile C:\\b.zip
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:8-2:68 WF608 The SHELL does not set $ProgressPreference = 'SilentlyContinue', so Invoke-WebRequest in the RUNs on lines 3, 5 renders a progress bar, which makes downloads in Windows PowerShell many times slower",
    ]);
  });

  it('reports powershell -Command downloads under cmd at the cmdlet', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN curl.exe -fsSLo C:\\a.zip https://example.com/a.zip && powershell -Command iwr https://example.com/b.zip -OutFile C:\\b.zip
      RUN ["powershell", "-Command", "Invoke-RestMethod https://example.com/c.json -OutFile C:\\\\c.json"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:79-2:82 WF608 iwr runs in Windows PowerShell without $ProgressPreference = 'SilentlyContinue': rendering its progress bar makes the download many times slower",
      "3:33-3:50 WF608 Invoke-RestMethod runs in Windows PowerShell without $ProgressPreference = 'SilentlyContinue': rendering its progress bar makes the download many times slower",
    ]);
  });

  it('accepts the preference in the SHELL or before the download, pwsh, and other download tools', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS b
      RUN powershell -Command "$ProgressPreference = 'SilentlyContinue'; Invoke-WebRequest https://example.com/b.zip -OutFile C:\\b.zip"
      RUN powershell -Command "(New-Object Net.WebClient).DownloadFile('https://example.com/c.zip', 'C:\\c.zip')"
      RUN pwsh -Command Invoke-WebRequest https://example.com/d.zip -OutFile C:\\d.zip
      FROM mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2022
      SHELL ["pwsh", "-Command"]
      RUN Invoke-WebRequest https://example.com/e.zip -OutFile C:\\e.zip
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
