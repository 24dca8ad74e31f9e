import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF601'];

describe('WF601 script-syntax-error', () => {
  it('reports the first parse error of each RUN, in PowerShell and in cmd', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN powershell -Command "if ($true) { Write-Host (1"
      RUN echo a | | more & echo b | | more
      RUN if exist C:\\x (echo a
      RUN dir C:\\
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:37-2:52 WF601 The PowerShell code of this RUN does not parse: Missing closing '}'.",
      "3:12-3:13 WF601 The cmd code of this RUN does not parse: Expected a command after '|'",
      "4:19-4:26 WF601 The cmd code of this RUN does not parse: Missing ')' to close the block opened at offset 14",
    ]);
  });

  it('leaves a trailing && or | to WF312 (a missing line continuation)', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo a &&
      RUN echo b |
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('ignores cmd errors where a base image may set a PowerShell SHELL, but not nested PowerShell', () => {
    const text = df`
      FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022
      RUN if exist C:\\x (echo a
      RUN powershell -Command "Write-Host (1"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "3:37-3:39 WF601 The PowerShell code of this RUN does not parse: Missing closing ')'.",
    ]);
  });

  it('reads the body as PowerShell where the catalog knows the base image sets that SHELL', () => {
    const text = df`
      FROM golang:1.22-windowsservercore-ltsc2022
      RUN if exist C:\\x (echo a)
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:8-2:13 WF601 The PowerShell code of this RUN does not parse: Expected '(' but found 'exist'.",
    ]);
  });

  it('leaves PowerShell under cmd to WF606 and exec form without a shell alone', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN & C:\\tools\\setup.exe /S
      RUN ["C:\\\\app\\\\app.exe", "a | | b"]
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('reports && and || under a Windows PowerShell SHELL, which only PowerShell 7 accepts', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN echo 'a && b' "c || d" # e && f
      RUN git --version && java -version
      RUN git --version || exit 1
      FROM mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022
      SHELL ["pwsh", "-Command"]
      RUN git --version && java -version
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '4:19-4:21 WF601 `&&` is not a statement separator in Windows PowerShell 5.1 (only PowerShell 7 has pipeline chain operators): powershell.exe rejects the whole RUN with a ParserError',
      '5:19-5:21 WF601 `||` is not a statement separator in Windows PowerShell 5.1 (only PowerShell 7 has pipeline chain operators): powershell.exe rejects the whole RUN with a ParserError',
    ]);
  });
});
