import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF605'];

describe('WF605 installer-not-awaited', () => {
  it('reports installers started without waiting: Start-Process, start and an .msi opened directly', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Start-Process C:\\setup.exe -ArgumentList '/S'
      RUN Start-Process msiexec -ArgumentList '/i', 'C:\\app.msi', '/qn'
      RUN .\\app.msi /qn
      RUN cmd /c start C:\\setup.exe /S
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:5-3:50 WF605 The installer C:\\setup.exe is started with Start-Process without -Wait: the RUN ends before the installation does and the layer is committed half-installed',
      '4:5-4:66 WF605 The installer C:\\app.msi is started with Start-Process without -Wait: the RUN ends before the installation does and the layer is committed half-installed',
      '5:5-5:18 WF605 The installer .\\app.msi is started with an .msi opened directly: the RUN ends before the installation does and the layer is committed half-installed',
      '6:12-6:33 WF605 The installer C:\\setup.exe is started with start without /wait: the RUN ends before the installation does and the layer is committed half-installed',
    ]);
  });

  it('accepts -Wait, start /wait, WaitForExit on the -PassThru process and installers cmd runs itself', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN start /wait C:\\setup.exe /S
      RUN msiexec /i C:\\app.msi /qn
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Start-Process C:\\setup.exe -ArgumentList '/S' -Wait
      RUN $p = Start-Process C:\\setup.exe -ArgumentList '/S' -PassThru; $p.WaitForExit()
      RUN Start-Process C:\\setup.exe -ArgumentList '/S' -PassThru | Wait-Process
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
