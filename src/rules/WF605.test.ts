import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF605'];

describe('WF605 installer-not-awaited', () => {
  it('reports installers started without waiting: Start-Process, start, an .msi opened directly, msiexec called from PowerShell', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Start-Process C:\\setup.exe -ArgumentList '/S'
      RUN Start-Process msiexec -ArgumentList '/i', 'C:\\app.msi', '/qn'
      RUN .\\app.msi /qn
      RUN cmd /c start C:\\setup.exe /S
      RUN msiexec /i C:\\app.msi /qn
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:5-3:50 WF605 The installer C:\\setup.exe is started with Start-Process without -Wait: the RUN ends before the installation does and the layer is committed half-installed',
      '4:5-4:66 WF605 The installer C:\\app.msi is started with Start-Process without -Wait: the RUN ends before the installation does and the layer is committed half-installed',
      '5:5-5:18 WF605 The installer .\\app.msi is started with an .msi opened directly: the RUN ends before the installation does and the layer is committed half-installed',
      '6:12-6:33 WF605 The installer C:\\setup.exe is started with start without /wait: the RUN ends before the installation does and the layer is committed half-installed',
      '7:5-7:30 WF605 The installer C:\\app.msi is started with a plain call from PowerShell, which does not wait for a GUI program like msiexec: the RUN ends before the installation does and the layer is committed half-installed',
    ]);
  });

  it('accepts -Wait, start /wait, WaitForExit on the -PassThru process, installers cmd runs itself and msiexec whose output PowerShell reads', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN start /wait C:\\setup.exe /S
      RUN msiexec /i C:\\app.msi /qn
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Start-Process C:\\setup.exe -ArgumentList '/S' -Wait
      RUN $p = Start-Process C:\\setup.exe -ArgumentList '/S' -PassThru; $p.WaitForExit()
      RUN Start-Process C:\\setup.exe -ArgumentList '/S' -PassThru | Wait-Process
      RUN msiexec /i C:\\app.msi /qn | Out-Null
      RUN $out = msiexec.exe /i C:\\app.msi /qn
      RUN Start-Process msiexec -ArgumentList '/i', 'C:\\app.msi', '/qn' -Wait
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
