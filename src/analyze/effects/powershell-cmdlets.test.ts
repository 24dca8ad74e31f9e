import { describe, expect, test } from 'vitest';
import { parsePowerShell } from '../../../grammar/powershell/index.ts';
import type { Command } from '../../../grammar/powershell/ast.ts';
import { argOf, bind, knownCommandNames, lookupCmdlet } from './powershell-cmdlets.ts';
import { powershellEffects } from './powershell.ts';
import type { EffectContext } from './context.ts';

function command(code: string): Command {
  const st = parsePowerShell(code).script.statements[0];
  const el = st?.type === 'Pipeline' ? st.elements[0] : undefined;
  if (el?.type !== 'Command') throw new Error('not a command');
  return el;
}

const source = (code: string, b: ReturnType<typeof bind>, name: string) => {
  const e = argOf(b, name);
  return e ? code.slice(e.start, e.end) : undefined;
};

describe('binding', () => {
  test('positions, abbreviations and aliases resolve as PowerShell resolves them', () => {
    const code = 'Invoke-WebRequest https://x/a.zip -OutF a.zip -UseB';
    const b = bind(command(code), lookupCmdlet('Invoke-WebRequest', 'powershell')!);
    expect([source(code, b, 'uri'), source(code, b, 'outfile'), b.named.get('usebasicparsing')]).toEqual(['https://x/a.zip', 'a.zip', true]);
    const ni = 'New-Item -Type Directory C:\\x -Force';
    const nb = bind(command(ni), lookupCmdlet('ni', 'powershell')!);
    expect([source(ni, nb, 'itemtype'), source(ni, nb, 'path'), nb.named.get('force')]).toEqual(['Directory', 'C:\\x', true]);
  });

  test('a switch never takes the next word, even when the grammar guessed it did', () => {
    const code = 'Expand-Archive -Force a.zip C:\\out';
    const b = bind(command(code), lookupCmdlet('Expand-Archive', 'powershell')!);
    expect([b.named.get('force'), source(code, b, 'path'), source(code, b, 'destinationpath')]).toEqual([true, 'a.zip', 'C:\\out']);
  });

  test('unknown and ambiguous parameters, splats and leftovers are reported', () => {
    const code = 'Remove-Item a b -Frobnicate -R @opts';
    const b = bind(command(code), lookupCmdlet('Remove-Item', 'powershell')!);
    expect([b.unknown, b.splat, b.rest.length, b.named.get('recurse')]).toEqual([['Frobnicate'], true, 1, true]);
  });

  test('curl, wget and sc are aliases only in Windows PowerShell', () => {
    expect(lookupCmdlet('curl', 'powershell')?.name).toBe('Invoke-WebRequest');
    expect(lookupCmdlet('curl', 'pwsh')).toBeUndefined();
    expect(lookupCmdlet('sc', 'powershell')?.name).toBe('Set-Content');
    expect(lookupCmdlet('cp', 'pwsh')?.name).toBe('Copy-Item');
    expect(knownCommandNames().length).toBeGreaterThan(250);
  });
});

describe('robustness', () => {
  const ctx = (text: string): EffectContext => ({
    text,
    host: 'powershell',
    env: () => undefined,
    range: (a, b) => ({ start: { line: 1, column: a + 1, offset: a }, end: { line: 1, column: b + 1, offset: b } }),
    nested: () => [],
  });

  test('recursive functions and nested loops over known items stay bounded', () => {
    const code = "function f { f; f; f; f }; f; foreach ($a in 1..16) { foreach ($b in 1..16) { foreach ($c in 1..16) { foreach ($d in 1..16) { mkdir \"C:\\$a\\$b\\$c\\$d\" } } } }";
    const started = performance.now();
    const effects = powershellEffects(parsePowerShell(code).script, ctx(code));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(effects.length).toBeGreaterThan(0);
    expect(effects.length).toBeLessThan(25000);
  });

  test('scripts the grammar could not parse give unknown effects, never an exception', () => {
    const code = 'Write-Host (; $x = @{ ; } }} if';
    const effects = powershellEffects(parsePowerShell(code).script, ctx(code));
    expect(effects.some((e) => e.kind === 'unknown' || e.kind === 'print')).toBe(true);
  });
});
