import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF101'];

describe('WF101 run-in-windows-stage', () => {
  it('flags RUN in a Windows stage with what it does', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN powershell -Command Invoke-WebRequest https://x.example/a.msi -OutFile a.msi; Start-Process msiexec -Wait
      RUN ["cmd", "/S", "/C", "echo hi"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:4 WF101 RUN in Windows stage 0 cannot execute on a Linux builder: it runs an installer (msiexec) and downloads a file',
      '3:1-3:4 WF101 RUN in Windows stage 0 cannot execute on a Linux builder: it only prints or checks things, which leave nothing in the image',
    ]);
  });

  it('ignores RUN in Linux stages, for both targets', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      RUN go build -o /out/app.exe .
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=build /out/app.exe /app/app.exe
    `;
    expect(lintText(text, { only })).toEqual([]);
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
  });

  it('flags ONBUILD RUN', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      ONBUILD RUN setx /M PATH "%PATH%;C:\\tools"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:8 WF101 ONBUILD RUN in Windows stage base will fail in every image built on this one on a Linux builder: it sets PATH',
    ]);
  });

  it('says where each step can go in the workaround', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Invoke-WebRequest -Uri https://example.com/t.zip -OutFile C:\\t.zip; \`
          Expand-Archive C:\\t.zip -DestinationPath C:\\t; \`
          Install-WindowsFeature Web-Server
    `;
    const [d] = lintText(text, { only });
    expect(d?.message).toBe('RUN in Windows stage 0 cannot execute on a Linux builder: it enables Windows features (Web-Server), downloads a file and unpacks an archive');
    expect(d?.workaround.split('Where each step can go:\n')[1]).toBe(
      [
        '- line 4: Invoke-WebRequest (download) -> a Linux stage or a crane prepare step',
        '- line 5: Expand-Archive (extract) -> a Linux stage or a crane prepare step',
        '- line 6: Install-WindowsFeature (feature) -> a dependency image built on Windows',
      ].join('\n'),
    );
  });

  it('follows the OS of a parent stage', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      FROM base
      RUN mkdir C:\\app
    `;
    const d = lintText(text, { only, target: 'crane' });
    expect(d.map((x) => [x.range.start.line, x.stage, x.target])).toEqual([[3, { index: 1 }, 'crane']]);
  });
});
