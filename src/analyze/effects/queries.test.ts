import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build.ts';
import { Catalog } from '../../model/catalog.ts';
import { analyzeRun } from '../analyze-run.ts';
import { analysedRuns, fileName, normalPath, powershellShells, removes, sameFile, setsFirst, shellInstruction, shellKnown } from './queries.ts';
import type { Value } from './types.ts';

const at = { line: 1, column: 1, offset: 0 };
const v = (text: string | undefined, source = text ?? ''): Value => {
  const out: Value = { source, range: { start: at, end: at } };
  if (text !== undefined) out.text = text;
  return out;
};
const model = (...lines: string[]) => buildModel('Dockerfile', lines.join('\n'), { catalog: new Catalog() });

describe('effect queries', () => {
  it('normalises Windows paths for comparison', () => {
    expect(normalPath('"C:/Temp//Go.ZIP"')).toBe('\\temp\\go.zip');
    expect(normalPath('.\\a\\b\\')).toBe('a\\b');
    expect(normalPath('c:\\')).toBe('\\');
    expect(fileName('C:\\x\\Setup.EXE')).toBe('setup.exe');
  });

  it('matches the same file by path, by name when one side is relative, and by source when unresolved', () => {
    expect(sameFile(v('C:\\temp\\go.zip'), v('c:/TEMP/go.zip'))).toBe(true);
    expect(sameFile(v('go.zip'), v('C:\\temp\\go.zip'))).toBe(true);
    expect(sameFile(v('C:\\a\\go.zip'), v('C:\\b\\go.zip'))).toBe(false);
    expect(sameFile(v(undefined, '$out'), v(undefined, '$OUT'))).toBe(true);
    expect(sameFile(v(undefined, '$out'), v('C:\\x.zip'))).toBe(false);
  });

  it('knows which removals delete a file: itself, a directory above it, or a wildcard', () => {
    const file = v('C:\\temp\\setup\\x.msi');
    expect(removes(v('C:\\temp\\setup\\x.msi'), file)).toBe(true);
    expect(removes(v('C:\\temp'), file)).toBe(true);
    expect(removes(v('C:\\temp\\*'), file)).toBe(true);
    expect(removes(v('C:\\temp\\setup\\*.msi'), file)).toBe(true);
    expect(removes(v('C:\\temp\\*.zip'), file)).toBe(false);
    expect(removes(v('C:\\tem'), file)).toBe(false);
    expect(removes(v('*.msi'), v('x.msi'))).toBe(true);
  });

  it('finds the SHELL a RUN uses through FROM <stage>, and whether its shell is known', () => {
    const m = model(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base',
      'SHELL ["powershell", "-Command"]',
      'FROM base',
      'RUN Write-Host a',
      'FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022',
      'RUN echo b',
      'RUN ["cmd", "/c", "echo c"]',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'RUN echo d',
      'FROM golang:1.22-windowsservercore-ltsc2022',
      'RUN Write-Host e',
    );
    const runs = m.instructions.filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => shellInstruction(r)?.range.start.line)).toEqual([2, undefined, undefined, undefined, undefined]);
    expect(runs.map((r) => shellKnown(r))).toEqual([true, false, true, true, true]);
  });

  it('lists PowerShell SHELLs with the RUNs that use them, and preferences set at the start of a RUN', () => {
    const m = model(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'SHELL ["powershell", "-Command", "$ProgressPreference = \'SilentlyContinue\';"]',
      'RUN Write-Host start; $ErrorActionPreference = \'Stop\'; Copy-Item a b',
      'RUN Copy-Item a b; $ErrorActionPreference = \'Stop\'',
      'RUN ["cmd", "/c", "echo"]',
    );
    const runs = analysedRuns(m, (r) => analyzeRun(m, r));
    const [shell] = powershellShells(m, runs);
    expect(shell?.host).toBe('powershell');
    expect(shell?.prefix).toBe("$ProgressPreference = 'SilentlyContinue';");
    expect(shell?.range.start.column).toBe(8);
    expect(shell?.runs.map((r) => r.run.range.start.line)).toEqual([3, 4]);
    expect(shell?.runs.map((r) => setsFirst(r.analysis, 'error-action', /^stop$/i))).toEqual([true, false]);
  });
});
