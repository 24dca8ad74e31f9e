import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF614'];

describe('WF614 powershell-double-quotes-lost', () => {
  it('reports quotes whose loss splits or changes the text, with what PowerShell gets', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN New-Item -ItemType Directory -Path "C:\\Program Files\\app"
      RUN Write-Host "a; b"; Set-Content -Path C:\\x.txt -Value ""; Write-Host "not counted"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:40-3:62 WF614 docker build on Windows removes the double quotes in `"C:\\Program Files\\app"` before PowerShell reads it: PowerShell gets `C:\\Program Files\\app`',
      '4:16-4:22 WF614 docker build on Windows removes the double quotes in `"a; b";` before PowerShell reads it: PowerShell gets `a; b;` (and 1 more quoted string in this RUN)',
    ]);
  });

  it('follows the SHELL a base image sets, and reads flags glued to their quoted value', () => {
    const text = df`
      FROM golang:1.23-windowsservercore-ltsc2022
      RUN go build -ldflags="-s -w" -o C:\\out\\app.exe .
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:23-2:30 WF614 docker build on Windows removes the double quotes in `-ldflags="-s -w"` before PowerShell reads it: PowerShell gets `-ldflags=-s -w`',
    ]);
  });

  it('offers \\" for every removed quote, and no fix when a backslash comes before one', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command"]
      RUN Set-Content "x" -Value "a b"
      RUN Copy-Item "C:\\a b\\" C:\\c
    `;
    const [fixed, unfixable] = lintText(text, { only });
    expect(fixed?.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.text}`)).toEqual(['3:17 \\"', '3:19 \\"', '3:28 \\"', '3:32 \\"']);
    expect(unfixable?.message).toContain('PowerShell gets `C:\\a b" C:\\c`');
    expect(unfixable?.fix).toBeUndefined();
  });

  it('leaves alone quoted single words, text written for the split, printed words, exec form, cmd and Linux stages', () => {
    const text = df`
      FROM alpine AS tools
      SHELL ["/bin/sh", "-c"]
      RUN echo "a b"
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo "a b"
      SHELL ["powershell", "-Command"]
      RUN Write-Host "hello"; Write-Host \\"a b\\"; Write-Host 'c d'; Write-Host "e f"; echo "g h"
      RUN ["powershell", "-Command", "Write-Host \\"a b\\""]
      RUN Invoke-WebRequest "https://example.com/v$($env:V)/a.zip" -OutFile C:\\a.zip; Write-Host "Downloading $($env:V)"
      RUN go install "example.com/tool@$env:V"
      RUN setx /M PATH "\\"\${env:PATH};C:\\bin\\""; cmake -G "'Visual Studio 17 2022'" .
      RUN setx /M PATH $(\${Env:PATH} + \"\"\"\${Env:GOPATH}\\bin\"\"\")
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
