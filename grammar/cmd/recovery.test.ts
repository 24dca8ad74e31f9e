import { describe, expect, it } from 'vitest';
import type { CmdGroup, CmdIf, CmdNode } from './ast.ts';
import { CmdParser, listSimpleCommands, parseCmd, programArguments, walkCmd } from './index.ts';
import { scan } from './lexer.ts';
import { RParen } from './tokens.ts';

function errors(text: string): [number, number, string][] {
  return parseCmd(text).errors.map((e) => [e.start, e.end, e.message]);
}

function names(text: string): string[] {
  return listSimpleCommands(parseCmd(text).script).map((c) => c.name);
}

describe('syntax errors', () => {
  it('reports a missing operand and keeps the commands around it', () => {
    const result = parseCmd('a && && b & c');
    expect(result.recovered).toBe(true);
    expect(errors('a && && b & c')).toEqual([[2, 4, "Expected a command after '&&'"]]);
    expect(names('a && && b & c')).toEqual(['a', 'b', 'c']);
    expect(errors('a ||')).toEqual([[2, 4, "Expected a command after '||'"]]);
    expect(errors('a |')).toEqual([[2, 3, "Expected a command after '|'"]]);
  });

  it('reports a leading operator like cmd does', () => {
    expect(errors('& echo x')).toEqual([[0, 1, "'&' was unexpected here"]]);
    expect(names('| echo x')).toEqual(['echo']);
  });

  it('does not let a broken command stop the following ones', () => {
    expect(errors('if & echo a & echo b')).toEqual([[0, 2, "Expected a condition after 'if'"]]);
    expect(names('if & echo a & echo b')).toEqual(['echo', 'echo']);
    expect(errors('for %i in & mkdir x')).toEqual([[7, 9, "Expected '(' and the set to loop over"]]);
    expect(names('for %i in & mkdir x')).toEqual(['mkdir']);
    expect(errors('echo > & del x')).toEqual([[5, 6, "Expected a file name after '>'"]]);
    expect(names('echo > & del x')).toEqual(['echo', 'del']);
  });

  it('returns a partial tree for an unclosed block', () => {
    const result = parseCmd('(echo a & echo b');
    expect(result.errors).toEqual([{ message: "Missing ')' to close the block opened at offset 0", start: 0, end: 16 }]);
    const group = result.script.body[0] as CmdGroup;
    expect(group).toMatchObject({ type: 'Group', closed: false, start: 0, end: 16 });
    expect(names('(echo a & echo b')).toEqual(['echo', 'echo']);
  });

  it('reports incomplete if and for commands with partial nodes', () => {
    expect(errors('if exist')).toEqual([[3, 8, "Expected an operand after 'exist'"], [0, 8, 'Expected a command after the if condition']].sort((a, b) => (a[0] as number) - (b[0] as number)));
    const node = parseCmd('if a b c').script.body[0] as CmdIf;
    expect(node.condition).toMatchObject({ kind: 'compare', operator: null, left: { value: 'a' }, right: { value: 'b' } });
    expect(errors('if a b c')).toEqual([[3, 6, 'Expected a comparison operator (==, EQU, NEQ, LSS, LEQ, GTR, GEQ)']]);
    expect(errors('for %i in (a b) echo %i')).toEqual([[10, 15, "Expected 'do'"]]);
    expect(names('for %i in (a b) echo %i')).toEqual(['echo']);
    expect(errors('if x==y (a) else')).toEqual([[12, 16, "Expected a command after 'else'"]]);
  });

  it('reports text after a block, an empty block, a bare @ and a lone redirection', () => {
    expect(errors('(echo a) b')).toEqual([[9, 10, "Expected an operator or a line break before 'b'"]]);
    expect(names('(echo a) b')).toEqual(['echo', 'b']);
    expect(errors('()')).toEqual([[0, 2, 'Empty block']]);
    expect(errors('@ & echo x')).toEqual([
      [0, 1, "Expected a command after '@'"],
      [2, 3, "'&' was unexpected here"],
    ]);
    expect(errors('>nul')).toEqual([[0, 4, 'Redirection without a command']]);
  });

  it('accepts what cmd accepts', () => {
    for (const ok of ['a &', 'echo a)', 'echo "unterminated & still quoted', 'echo ^', '', '   ', '\n\n', 'rem', '@echo off']) {
      expect(parseCmd(ok).errors).toEqual([]);
    }
  });

  it('maps Chevrotain recognition errors when fed a token vector the scanner never produces', () => {
    // The scanner only emits `)` inside a block; a stray one reaches
    // Chevrotain's own error handling, which must still return what parsed.
    const text = 'a & b)';
    const tokens = scan(text).tokens;
    tokens.push({ ...tokens[0]!, image: ')', startOffset: 5, endOffset: 5, tokenType: RParen, tokenTypeIdx: RParen.tokenTypeIdx! });
    const output = new CmdParser().parse(text, tokens);
    expect(output.body.map((s) => s.type)).toEqual(['Chain']);
    expect(output.errors).toHaveLength(1);
    expect(output.errors[0]).toMatchObject({ start: 5, end: 6 });
    expect(output.errors[0]?.message).toMatch(/Redundant input/);
  });

  it('caps the number of reported errors', () => {
    const result = parseCmd('&'.repeat(1000));
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]?.message).toMatch(/more errors not shown/);
  });
});

// A tiny deterministic generator of hostile inputs.
function* randomInputs(count: number): Generator<string> {
  const atoms = ['echo', ' ', 'a', '"', '^', '\\"', '&', '&&', '|', '||', '(', ')', '>', '2>&1', '<', 'if', 'for', 'in', 'do', 'else', 'not', 'exist', '==', 'EQU', '/i', '/f', '%i', '%%i', '%X%', '%X:a=b%', '!Y!', 'rem', ':', '@', '\n', '\r\n', 'set', 'x=1', 'call', 'start', '/wait', ',', ';', '%~dp0', '%', 'powershell', '-c', '\t'];
  let seed = 20240607;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = 1 + next(24);
    for (let k = 0; k < len; k++) s += atoms[next(atoms.length)];
    yield s;
  }
}

describe('never throws', () => {
  it('keeps every node inside its parent and every mapped character exact', () => {
    let checked = 0;
    for (const text of randomInputs(3000)) {
      const result = parseCmd(text);
      for (const e of result.errors) {
        expect(e.message).not.toMatch(/^Internal/);
        expect(e.start >= 0 && e.start <= e.end && e.end <= text.length).toBe(true);
      }
      walkCmd(result.script, (node: CmdNode, parent: CmdNode | null) => {
        const inside = node.start >= 0 && node.start <= node.end && node.end <= text.length;
        const nested = !parent || (node.start >= parent.start && node.end <= parent.end);
        if (!inside || !nested) throw new Error(`${node.type} ${node.start}-${node.end} escapes its parent in ${JSON.stringify(text)}`);
        if (node.type === 'Word' || node.type === 'Literal') {
          expect(node.offsets).toHaveLength(node.value.length + 1);
          for (let i = 0; i < node.value.length; i++) {
            if (text[node.offsets[i] as number] !== node.value[i]) throw new Error(`bad offset in ${JSON.stringify(text)}`);
          }
          checked++;
        }
      });
      for (const c of listSimpleCommands(result.script)) {
        for (const a of programArguments(text, c.node)) {
          for (let i = 0; i < a.value.length; i++) {
            if (text[a.offsets[i] as number] !== a.value[i]) throw new Error(`bad argv offset in ${JSON.stringify(text)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
