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
      '2:1-2:4 WF101 RUN in Windows stage 0 cannot execute on a Linux builder: it runs an installer and downloads files',
      '3:1-3:4 WF101 RUN in Windows stage 0 cannot execute on a Linux builder: it runs a Windows process',
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
      '2:1-2:8 WF101 ONBUILD RUN in Windows stage base will fail in every image built on this one on a Linux builder: it persists environment variables',
    ]);
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
