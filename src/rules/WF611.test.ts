import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF611'];

describe('WF611 setx-path-truncation', () => {
  it('reports setx PATH in cmd and PowerShell, at setx', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN setx /M PATH "%PATH%;C:\\go\\bin"
      RUN mkdir C:\\tools && setx PATH "C:\\tools;%PATH%"
      RUN powershell -Command setx /M PATH $($env:PATH + ';C:\\node')
      RUN SETX /M Path C:\\Windows\\system32;C:\\Windows;C:\\app
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:5-2:9 WF611 setx /M PATH builds on %PATH%, which joins the machine and user PATH, and setx cuts the value at 1024 characters: entries get duplicated into the machine PATH or silently lost',
      '3:23-3:27 WF611 setx PATH builds on %PATH%, which joins the machine and user PATH, and setx cuts the value at 1024 characters: entries get duplicated into the user PATH or silently lost',
      '4:25-4:29 WF611 setx /M PATH builds on %PATH%, which joins the machine and user PATH, and setx cuts the value at 1024 characters: entries get duplicated into the machine PATH or silently lost',
      '5:5-5:9 WF611 setx /M PATH replaces the machine PATH with C:\\Windows\\system32;C:\\Windows;C:\\app, and setx cuts values at 1024 characters',
    ]);
  });

  it('accepts other variables and other ways to set PATH', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN setx /M JAVA_HOME C:\\openjdk
      RUN powershell -Command [Environment]::SetEnvironmentVariable('PATH', $env:PATH + ';C:\\go\\bin', 'Machine')
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
