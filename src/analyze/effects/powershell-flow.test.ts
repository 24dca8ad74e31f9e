import { describe, expect, it } from 'vitest';
import { kinds, psRun } from './powershell-test-support.ts';

describe('execution order and variables', () => {
  it('foreach over known items runs each iteration with its value', () => {
    const r = psRun("foreach ($f in 'a.zip', 'b.zip') { Remove-Item C:\\tmp\\$f }; 'x', 'y' | ForEach-Object { New-Item -ItemType Directory C:\\$_ }");
    expect(r.effects.map((e) => (e.kind === 'file' ? `${e.op} ${e.paths[0]?.text}` : e.kind))).toEqual(['remove C:\\tmp\\a.zip', 'remove C:\\tmp\\b.zip', 'mkdir C:\\x', 'mkdir C:\\y']);
    expect(r.at(r.effects[0])).toBe('Remove-Item C:\\tmp\\$f');
  });

  it('variables assigned in a loop over unknown items or in one branch are unknown afterwards', () => {
    const r = psRun("$d = 'C:\\a'; foreach ($x in $items) { $d = 'C:\\b' }; mkdir $d; $e = 'C:\\e'; if ($c) { $e = 'C:\\f' }; mkdir $e; $g = 'C:\\g'; if ($c) { $g = 'C:\\h' } else { $g = 'C:\\h' }; mkdir $g");
    expect(r.effects.map((e) => (e.kind === 'file' ? e.paths[0]?.text ?? '?' : e.kind))).toEqual(['?', '?', 'C:\\h']);
  });

  it('functions run where they are called, with their parameters bound', () => {
    const r = psRun("function Get-Zip([string] $url, [string] $out) { Invoke-WebRequest -Uri $url -OutFile $out -UseBasicParsing }; Get-Zip https://x.org/a.zip C:\\a.zip; Get-Zip -out C:\\b.zip -url https://x.org/b.zip");
    expect(r.effects.map((e) => (e.kind === 'download' ? [e.url.text, e.output?.text, r.at(e)?.slice(0, 17)] : e.kind))).toEqual([
      ['https://x.org/a.zip', 'C:\\a.zip', 'Invoke-WebRequest'],
      ['https://x.org/b.zip', 'C:\\b.zip', 'Invoke-WebRequest'],
    ]);
  });

  it('script blocks run with & . Invoke-Command; try/catch/finally bodies run; throw messages do not', () => {
    const r = psRun("& { mkdir C:\\a }; . { mkdir C:\\b }; Invoke-Command -ScriptBlock { mkdir C:\\c }; try { mkdir C:\\d } catch { Write-Host 'failed'; throw ('no ' + (Get-Date)) } finally { Remove-Item C:\\d }");
    expect(r.effects.map((e) => (e.kind === 'file' ? `${e.op} ${e.paths[0]?.text}` : e.kind))).toEqual(['mkdir C:\\a', 'mkdir C:\\b', 'mkdir C:\\c', 'mkdir C:\\d', 'print', 'remove C:\\d']);
  });

  it('commands inside arguments run before the command; their queries add nothing', () => {
    const r = psRun("Write-Host ('Now: {0}' -f (Get-Date)); [void](New-Item -ItemType Directory C:\\x); $v = (Get-Content C:\\v.txt).Trim()");
    expect(kinds(r)).toEqual(['print', 'file']);
  });

  it('exec form with -Command runs the same classifier, with ranges inside the JSON string', () => {
    const r = psRun('["powershell", "-NoProfile", "-Command", "Remove-Item -Force C:/a.zip; Write-Host \'done here\'"]');
    expect(r.effects.map((e) => [e.kind, r.at(e)])).toEqual([
      ['file', 'Remove-Item -Force C:/a.zip'],
      ['print', "Write-Host 'done here'"],
    ]);
    expect(r.effects[1]?.kind === 'print' && r.effects[1].text?.text).toBe('done here');
  });
});

describe('nested scripts', () => {
  it('cmd /c and powershell -Command inside PowerShell are followed, with ranges in the Dockerfile', () => {
    const r = psRun(String.raw`cmd /c 'mklink /D C:\link C:\target'; powershell -NoProfile -Command 'Remove-Item C:\x -Recurse'; cmd /c rd /s /q $env:WORKDIR`);
    expect(r.effects.map((e) => [e.kind, e.language, e.command, r.at(e)])).toEqual([
      ['file', 'cmd', 'mklink', 'mklink /D C:\\link C:\\target'],
      ['file', 'powershell', 'Remove-Item', 'Remove-Item C:\\x -Recurse'],
      ['file', 'cmd', 'rd', 'rd /s /q $env:WORKDIR'],
    ]);
    // cmd inherits the environment, so an unknown $env:X is left to cmd as %X%.
    expect(r.analysis.scripts.map((s) => s.text).slice(1)).toEqual(['mklink /D C:\\link C:\\target', 'Remove-Item C:\\x -Recurse', 'rd /s /q %WORKDIR%']);
  });

  it('powershell -Command under the default cmd shell reaches the PowerShell classifier', () => {
    const r = psRun(`powershell -NoProfile -Command "Invoke-WebRequest https://x.org/a.zip -OutFile C:\\a.zip; if ((Get-FileHash C:\\a.zip).Hash -ne $env:A_SHA) { exit 1 }"`, 'ENV A_SHA=abc\n', '');
    expect(r.effects.map((e) => [e.kind, e.language, r.at(e)])).toEqual([
      ['download', 'powershell', 'Invoke-WebRequest https://x.org/a.zip -OutFile C:\\a.zip'],
      ['verify', 'powershell', 'if ((Get-FileHash C:\\a.zip).Hash -ne $env:A_SHA) { exit 1 }'],
    ]);
    expect(r.effects[1]).toMatchObject({ expected: { text: 'abc' }, onMismatch: 'exit' });
  });

  it('Invoke-Expression of a static string is a nested script; of a dynamic one, unknown', () => {
    const r = psRun("iex 'mkdir C:\\n'; Invoke-Expression $code");
    expect(r.effects).toMatchObject([
      { kind: 'file', op: 'mkdir', paths: [{ text: 'C:\\n' }] },
      { kind: 'unknown', command: 'Invoke-Expression' },
    ]);
    expect(r.at(r.effects[0])).toBe('mkdir C:\\n');
    expect(r.effects[1]?.reason).toMatch(/built while the RUN executes/);
  });

  it('a PowerShell script file and pwsh -File run code winfile cannot see', () => {
    const r = psRun(String.raw`C:\setup\configure.ps1 -Mode Full; pwsh -File C:\x.ps1`);
    expect(r.effects).toMatchObject([
      { kind: 'run', program: { text: 'C:\\setup\\configure.ps1' }, args: [{ text: '-Mode' }, { text: 'Full' }], portability: 'windows-only' },
      { kind: 'run', program: { text: 'C:\\x.ps1' } },
    ]);
  });
});
