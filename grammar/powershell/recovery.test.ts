import { describe, expect, test } from 'vitest';
import { parsePowerShell, findCommands, MAX_ERRORS } from './index.ts';
import { render } from './test-support.ts';

const names = (text: string) => findCommands(parsePowerShell(text).script).map((c) => c.nameText);

describe('error recovery', () => {
  test('a broken statement does not prevent the following ones', () => {
    const text = 'Write-Host ok; $x = (1 + ; Invoke-WebRequest -Uri $u -OutFile a.zip\nExpand-Archive a.zip C:\\x';
    const r = parsePowerShell(text);
    expect(r.recovered).toBe(true);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(names(text)).toEqual(['Write-Host', 'Invoke-WebRequest', 'Expand-Archive']);
  });

  test('single missing tokens are inserted by Chevrotain recovery', () => {
    const r = parsePowerShell('foreach ($x $y) { a }; b');
    expect(render('foreach ($x $y) { a }; b', true)).toBe("foreach($x in $y) {cmd[w'a']()} ;; cmd[w'b']()");
    expect(r.errors).toEqual([{ message: "Expected a name but found '$y'.", start: 12, end: 14 }]);
  });

  test('an unparsable statement becomes an ErrorStatement covering its text', () => {
    const r = parsePowerShell('Write-Host a; foreach ($x) { a }; b');
    expect(r.script.statements.map((s) => s.type)).toEqual(['Pipeline', 'ErrorStatement', 'Pipeline']);
    expect(r.script.statements[1]).toMatchObject({ text: 'foreach ($x) { a }', start: 14, end: 32 });
  });

  test('stray closers and operators are reported and skipped', () => {
    const r = parsePowerShell(') a } | b && c');
    expect(r.errors.map((e) => [e.message, e.start])).toEqual([
      ["Unexpected token ')' in expression or statement.", 0],
      ["Unexpected token '}' in expression or statement.", 4],
      ["Unexpected token '|' in expression or statement.", 6],
    ]);
    expect(render(') a } | b && c', true)).toBe("cmd[w'a']() ;; (cmd[w'b']() && cmd[w'c']())");
  });

  test('missing closers are reported without losing the statement', () => {
    const r = parsePowerShell('if ($a) { Write-Host x');
    expect(r.errors).toEqual([{ message: "Missing closing '}'.", start: 8, end: 22 }]);
    expect(render('if ($a) { Write-Host x', true)).toBe("if ($a) {cmd[w'Write-Host'](w'x')}");
    expect(parsePowerShell("$x.Foo('a'").errors[0]?.message).toBe("Missing closing ')'.");
  });

  test('missing operands and values', () => {
    expect(parsePowerShell('$x = ').errors[0]?.message).toBe("Expected a value after '=' but found end of input.");
    expect(parsePowerShell('$a -eq').errors[0]?.message).toBe('Expected an expression but found end of input.');
    expect(parsePowerShell('a |').errors[0]?.message).toBe('An empty pipe element is not allowed.');
  });

  test('two statements without a separator', () => {
    const r = parsePowerShell('$a = 1 2');
    expect(r.errors).toEqual([{ message: "Unexpected token '2' in expression or statement.", start: 7, end: 8 }]);
  });

  test('unterminated strings, here-strings, comments and braced variables', () => {
    for (const text of ["Write-Host 'abc", 'Write-Host "abc $(x', "$a = @'\nabc", 'a <# b', 'Write-Host ${abc']) {
      const r = parsePowerShell(text);
      expect(r.recovered, text).toBe(true);
      expect(r.errors.length, text).toBeGreaterThan(0);
    }
  });

  test('too many errors are summarised', () => {
    const r = parsePowerShell(') '.repeat(5000));
    expect(r.errors).toHaveLength(MAX_ERRORS + 1);
    expect(r.errors[MAX_ERRORS]!.message).toMatch(/more syntax errors not shown/);
  });

  test('never throws, whatever the input', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['$', '(', ')', '{', '}', '[', ']', '"', "'", '`', '@', '#', '<#', '#>', '|', '&', ';', '\n', ' ', 'a', '-x', '=', ',', '.', '::', '2>&1', '@"\n', '"@', 'if', 'foreach', 'function', '$(', '\u201C', '\u2013'];
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = 1 + Math.floor(rnd() * 60);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parsePowerShell(s);
      expect(r.script.type).toBe('Script');
      expect(r.errors.every((e) => !e.message.startsWith('Internal')), s).toBe(true);
      for (const e of r.errors) {
        expect(e.start, s).toBeGreaterThanOrEqual(0);
        expect(e.end, s).toBeLessThanOrEqual(s.length);
        expect(e.start, s).toBeLessThanOrEqual(e.end);
      }
    }
  });
});

describe('the recovery budget', () => {
  test('past 50 errors a broken statement ends at the next separator, and later statements are still parsed', () => {
    const text = `${'Write-Host (1 +;\n'.repeat(80)}Invoke-WebRequest -Uri https://example.com/a.zip -OutFile a.zip`;
    const r = parsePowerShell(text);
    expect(r.errors.length).toBeGreaterThanOrEqual(80);
    expect(findCommands(r.script).map((c) => c.nameText)).toContain('Invoke-WebRequest');
    // The budget is per parse: the next script recovers in-rule again (a missing ')' is inserted).
    const next = parsePowerShell('Write-Host (1 + 2; Remove-Item x');
    expect(findCommands(next.script).map((c) => c.nameText)).toEqual(['Write-Host', 'Remove-Item']);
  });
});

describe('pathological inputs', () => {
  // Timings of such inputs through the whole analysis: node bench/pathological.mjs.
  const cases: Array<[string, string, RegExp | undefined]> = [
    ['2000 nested parentheses', `$x = ${'('.repeat(2000)}1${')'.repeat(2000)}`, /Nesting is too deep/],
    ['2000 nested script blocks', `${'{'.repeat(2000)}${'}'.repeat(2000)}`, /Nesting is too deep/],
    ['2000 nested if statements', `${'if ($a) { '.repeat(2000)}x${' }'.repeat(2000)}`, /Nesting is too deep/],
    ['2000 nested subexpressions in a command', `Write-Host ${'$('.repeat(2000)}1${')'.repeat(2000)}`, /Nesting is too deep/],
    ['2000 nested strings with subexpressions', `"${'$("'.repeat(2000)}x${'")'.repeat(2000)}"`, /nested too deeply|nested in strings/],
    ['300k unclosed parentheses', '('.repeat(300000), /Missing closing/],
    ['100k unary operators', `$x = ${'!'.repeat(100000)}$y`, /chained operators/],
    ['100k binary operators', `$x = 1${' + 1'.repeat(100000)}`, /chained operators/],
    ['a pipeline of 10k commands', Array.from({ length: 10000 }, (_, i) => `Cmd-${i} -Name x${i} arg`).join(' | '), undefined],
    ['a 500 KB single-quoted string', `$s = '${'x'.repeat(500000)}'; Write-Host done`, undefined],
    ['a 500 KB expandable string', `$s = "${'x $y '.repeat(100000)}"; Write-Host done`, undefined],
    ['1 MB of realistic statements', Array.from({ length: 9000 }, (_, i) => `Invoke-WebRequest -Uri https://example.com/f${i}.zip -OutFile C:\\t\\f${i}.zip; Expand-Archive C:\\t\\f${i}.zip -Dest C:\\x`).join('\n'), undefined],
    ['1 MB of junk', ')}]|&&=,$(@{["\''.repeat(70000), undefined],
  ];

  for (const [name, text, expected] of cases) {
    test(`${name} (${(text.length / 1024).toFixed(0)} KB) parses without an internal error`, () => {
      const r = parsePowerShell(text);
      expect(r.errors.every((e) => !e.message.startsWith('Internal')), JSON.stringify(r.errors[0])).toBe(true);
      if (expected) expect(r.errors.some((e) => expected.test(e.message))).toBe(true);
      else if (name !== '1 MB of junk') expect(r.errors).toEqual([]);
    });
  }

  test('statements after a too-deep construct are still parsed', () => {
    const r = parsePowerShell(`$x = ${'('.repeat(500)}1${')'.repeat(500)}; Invoke-WebRequest -Uri u -OutFile f`);
    expect(findCommands(r.script).map((c) => c.nameText)).toContain('Invoke-WebRequest');
  });
});
