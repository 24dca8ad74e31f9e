import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF602'];
const PS = `SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]`;

describe('WF602 download-without-checksum', () => {
  it('reports downloads whose file is never checked, at the URL', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ${PS}
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip; Expand-Archive C:\\a.zip C:\\a
      RUN (New-Object Net.WebClient).DownloadFile('https://example.com/b.msi', 'C:\\b.msi')
      RUN curl.exe -fsSLo C:\\c.zip https://example.com/c.zip
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:23-3:48 WF602 The download of https://example.com/a.zip to C:\\a.zip is never checked against a known hash: a changed or tampered file goes into the image unnoticed',
      '4:45-4:72 WF602 The download of https://example.com/b.msi to C:\\b.msi is never checked against a known hash: a changed or tampered file goes into the image unnoticed',
      '5:30-5:55 WF602 The download of https://example.com/c.zip to C:\\c.zip is never checked against a known hash: a changed or tampered file goes into the image unnoticed',
    ]);
  });

  it('accepts a hash check of the same file in the same RUN or a later RUN of the stage', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ${PS}
      ENV SHA=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile a.zip; \`
          if ((Get-FileHash a.zip -Algorithm SHA256).Hash -ne $env:SHA) { throw 'bad' }
      RUN Invoke-WebRequest https://example.com/b.zip -OutFile C:\\temp\\b.zip
      RUN if ((Get-FileHash C:/temp/b.zip).Hash -ne $env:SHA) { exit 1 }
      RUN $out = $env:OUT; Invoke-WebRequest https://example.com/c.zip -OutFile $out; \`
          if ((Get-FileHash $out).Hash -ne $env:SHA) { throw 'bad' }
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('accepts certutil piped to findstr in cmd, and reports a check of another file', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN curl.exe -fsSLo C:\\go.zip https://go.dev/dl/go.zip && certutil -hashfile C:\\go.zip SHA256 | findstr /i e3b0c442
      RUN curl.exe -fsSLo C:\\node.zip https://nodejs.org/node.zip && certutil -hashfile C:\\go.zip SHA256 | findstr /i e3b0c442
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:33-3:60 WF602 The download of https://nodejs.org/node.zip to C:\\node.zip is never checked against a known hash: a changed or tampered file goes into the image unnoticed',
    ]);
  });

  it('says when the hash is computed but a mismatch changes nothing', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ${PS}
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip; Get-FileHash C:\\a.zip
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:23-3:48 WF602 The download of https://example.com/a.zip to C:\\a.zip is hashed by Get-FileHash on line 3, but nothing fails when the hash differs',
    ]);
  });

  it('ignores in-memory downloads, git clones and checksum or signature files', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ${PS}
      RUN $index = Invoke-RestMethod https://nodejs.org/dist/index.json; Write-Host $index.Count
      RUN git clone --branch v1.2.0 https://github.com/example/tool.git C:\\tool
      RUN Invoke-WebRequest https://nodejs.org/dist/v20.0.0/SHASUMS256.txt -OutFile SHASUMS256.txt
      RUN Invoke-WebRequest https://nodejs.org/dist/v20.0.0/SHASUMS256.txt.asc -OutFile C:\\sums.asc
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
