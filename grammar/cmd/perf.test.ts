import { describe, expect, it } from 'vitest';
import type { CmdChain, CmdGroup, CmdSimpleCommand } from './ast.ts';
import { CmdParser, listSimpleCommands, MAX_NESTING, parseCmd } from './index.ts';

describe('parser construction', () => {
  it('passes Chevrotain grammar validations', () => {
    // With validations on, Chevrotain throws on any grammar definition error
    // (ambiguity, left recursion, unreachable alternative).
    expect(new CmdParser({ validate: true })).toBeInstanceOf(CmdParser);
    expect(new CmdParser({ validate: false })).toBeInstanceOf(CmdParser);
  });
});

describe('pathological input', () => {
  it('stops at the nesting limit instead of overflowing the stack', () => {
    const text = '('.repeat(2000) + 'echo x' + ')'.repeat(2000);
    const value = parseCmd(text);
    expect(value.errors).toEqual([{ message: `Nesting deeper than ${MAX_NESTING} levels is not supported`, start: MAX_NESTING, end: 4006 - MAX_NESTING }]);
    let depth = 0;
    let node = value.script.body[0];
    while (node?.type === 'Group') {
      depth++;
      node = (node as CmdGroup).body[0];
    }
    expect(depth).toBe(MAX_NESTING);
    expect(node).toMatchObject({ type: 'Error', start: MAX_NESTING });
  });

  it('parses the deepest allowed nesting without errors', () => {
    const text = '('.repeat(MAX_NESTING) + 'echo x' + ')'.repeat(MAX_NESTING);
    expect(parseCmd(text).errors).toEqual([]);
    const ifs = 'if a==b '.repeat(MAX_NESTING - 1) + '(echo x)';
    expect(parseCmd(ifs).errors).toEqual([]);
  });

  it('guards nested if and for bodies too', () => {
    for (const text of ['if a==b '.repeat(5000) + 'echo', 'for %i in (a) do '.repeat(5000) + 'echo', '@if 1==1 ('.repeat(3000)]) {
      const value = parseCmd(text);
      expect(value.errors.some((e) => e.message.startsWith('Nesting deeper'))).toBe(true);
    }
  });

  it('handles 10k &&-chained commands', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ');
    const value = parseCmd(text);
    expect(value.errors).toEqual([]);
    const chain = value.script.body[0] as CmdChain;
    expect(chain.items).toHaveLength(10_000);
    expect(listSimpleCommands(value.script)).toHaveLength(10_000);
  });

  it('handles a 500 KB argument', () => {
    const text = `curl -o x "${'a'.repeat(250_000)}" ${'b^&'.repeat(85_000)}`;
    const value = parseCmd(text);
    expect(value.errors).toEqual([]);
    const cmd = value.script.body[0] as CmdSimpleCommand;
    expect(cmd.args[2]?.value).toHaveLength(250_000);
    expect(cmd.args[3]?.value).toHaveLength(170_000);
  });

  it('handles a combined 1 MB input', () => {
    const nested = '('.repeat(2000) + 'echo x' + ')'.repeat(2000);
    const chain = Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ');
    const big = `curl -o x ${'a'.repeat(500 * 1024)}`;
    let text = [nested, chain, big].join('\n');
    text += `\necho ${'c'.repeat(1024 * 1024 - text.length - 6)}`;
    expect(text.length).toBe(1024 * 1024);
    const value = parseCmd(text);
    expect(value.errors).toHaveLength(1);
    expect(value.script.body).toHaveLength(4);
  });

  it('stays linear on runs of special characters', () => {
    for (const text of ['^'.repeat(300_000), '"'.repeat(300_000), '%a'.repeat(150_000), '!a'.repeat(150_000), '('.repeat(300_000), ')'.repeat(300_000), '&'.repeat(300_000), '>'.repeat(100_000), 'call '.repeat(60_000) + 'x']) {
      parseCmd(text);
    }
  });
});
