import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { windowsRuns } from '../model/queries.ts';
import { analyzeRun } from './analyze-run.ts';

function analyse(...lines: string[]) {
  const model = buildModel('Dockerfile', lines.join('\n'), { catalog: new Catalog() });
  const run = windowsRuns(model)[0];
  if (!run) throw new Error('no RUN in a Windows stage');
  return analyzeRun(model, run);
}

describe('analyzeRun on bodies that are not code', () => {
  it('gives one unknown effect for a PowerShell body with more than 100 syntax errors, and keeps its errors', () => {
    const a = analyse('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', `RUN ${")}]|&&=,$(@{['".repeat(500)}`);
    expect(a.syntaxErrors.length).toBeGreaterThan(100);
    expect(a.effects.map((e) => [e.kind, e.command, e.portability, e.destinations])).toEqual([['unknown', '(unparsable script)', 'windows-only', ['dependency-image']]]);
    expect(a.effects[0]?.reason).toMatch(/^the script has \d+ or more syntax errors, so what it does is not known$/);
    expect(a.effects[0]?.range.start).toEqual({ line: 3, column: 5, offset: 88 });
  });

  it('still classifies the commands of a body with a few errors', () => {
    const a = analyse('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN Write-Host (; Invoke-WebRequest -Uri https://example.com/a.zip -OutFile a.zip');
    expect(a.syntaxErrors.length).toBeGreaterThan(0);
    expect(a.effects.map((e) => e.kind)).toContain('download');
  });
});

describe('analyzeRun on bodies whose double quotes never reach PowerShell', () => {
  it('keeps each lost-quote span small when one argument holds thousands of quoted strings', () => {
    // No blank: the whole body is one argument of the command line, thousands of times quoted.
    const a = analyse('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', `RUN Write-Host${'"a;b"x'.repeat(3000)}`);
    const spans = a.lostQuotes?.spans ?? [];
    expect(spans).toHaveLength(3000);
    expect(spans[0]).toMatchObject({ written: `Write-Host${'"a;b"x'.repeat(7)}"a;b"...`, seen: `Write-Host${'a;bx'.repeat(11)}a;b...` });
    expect(spans.every((s) => s.written.length <= 60 && s.seen.length <= 60)).toBe(true);
    // The analysis is cached as JSON: it must not repeat the 21 KB argument for every span.
    expect(JSON.stringify(a.lostQuotes).length).toBeLessThan(3000 * 600);
  });
});
