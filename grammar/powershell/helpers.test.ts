import { describe, expect, test } from 'vitest';
import { findCommands, parsePowerShell, staticString, walk, isCmdletLike, KNOWN_SWITCHES } from './index.ts';
import type { PsNode } from './ast.ts';
import { powershellCommandText, splitWindowsCommandLine } from './cmdline.ts';

describe('staticString', () => {
  test('static for bare words, literal strings and numbers only', () => {
    const r = parsePowerShell("Write-Host a 'b' \"c\" 42 \"d$x\" $y e$z (1)");
    const args = findCommands(r.script)[0]!.elements;
    expect(args.map((a) => staticString(a as PsNode))).toEqual(['a', 'b', 'c', '42', undefined, undefined, undefined, undefined]);
    expect(staticString(undefined)).toBeUndefined();
  });
});

describe('walk', () => {
  test('visits every node in source order and can skip subtrees', () => {
    const r = parsePowerShell('a | b; if ($x) { c }');
    const seen: string[] = [];
    walk(r.script, (n) => {
      seen.push(n.type);
      return n.type !== 'If';
    });
    expect(seen).toEqual(['Script', 'Pipeline', 'Command', 'BareWord', 'Command', 'BareWord', 'If']);
  });

  test('findCommands reaches script blocks and subexpressions inside strings', () => {
    const r = parsePowerShell('Get-ChildItem | ForEach-Object { Remove-Item $_ }; Write-Host "v: $(git describe)"');
    expect(findCommands(r.script).map((c) => c.nameText)).toEqual(['Get-ChildItem', 'ForEach-Object', 'Remove-Item', 'Write-Host', 'git']);
  });

  test('is iterative: very deep trees do not overflow', () => {
    // A deep chain of nested script blocks built by hand (the parser itself caps nesting).
    let node: PsNode = { type: 'BareWord', value: 'x', start: 0, end: 1 };
    for (let i = 0; i < 100000; i++) node = { type: 'ParenExpression', statement: { type: 'Pipeline', background: false, elements: [{ type: 'CommandExpression', expression: node, redirections: [], start: 0, end: 1 }], start: 0, end: 1 }, start: 0, end: 1 };
    let count = 0;
    walk(node, () => { count++; });
    expect(count).toBe(300001);
  });
});

describe('parameter binding heuristics', () => {
  test('cmdlet-like names', () => {
    expect(['Invoke-WebRequest', 'iwr', '%', 'Get-WithRetry', 'msiexec', 'C:\\x\\Do-It.exe', 'choco'].map(isCmdletLike))
      .toEqual([true, true, true, true, false, false, false]);
    expect(KNOWN_SWITCHES.has('force')).toBe(true);
  });
});

describe('Windows command-line unescaping', () => {
  test('argv splitting like the C runtime', () => {
    expect(splitWindowsCommandLine('a "b c" d\\"e \\\\"f g" h\\\\i')).toEqual(['a', 'b c', 'd"e', '\\f g', 'h\\\\i']);
  });

  test('what powershell -Command executes', () => {
    expect(powershellCommandText('Write-Host \\"a  b\\"; $x = "quoted"')).toBe('Write-Host "a b"; $x = quoted');
    const r = parsePowerShell(powershellCommandText('$sm.Sites[\\"Default Web Site\\"].Name'));
    expect(r.errors).toEqual([]);
  });
});
