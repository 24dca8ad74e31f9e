import { describe, expect, it } from 'vitest';
import type { CmdChain, CmdFor, CmdGroup, CmdIf, CmdPipeline, CmdSimpleCommand, CmdStatement } from './ast.ts';
import { listSimpleCommands, parseCmd } from './index.ts';

/** Parses text that must be valid and returns its single statement. */
function statement(text: string): CmdStatement {
  const result = parseCmd(text);
  expect(result.errors).toEqual([]);
  expect(result.recovered).toBe(false);
  expect(result.script.body).toHaveLength(1);
  return result.script.body[0] as CmdStatement;
}

/** `name(arg,arg)` for every command, in source order. */
function commands(text: string): string[] {
  return listSimpleCommands(parseCmd(text).script).map((c) => `${c.name}(${c.args.join(',')})`);
}

/** A compact picture of the operator structure. */
function shape(node: CmdStatement): string {
  switch (node.type) {
    case 'Chain':
      return `(${node.items.map(shape).join(` ${node.operator} `)})`;
    case 'Pipeline':
      return `(${node.commands.map(shape).join(' | ')})`;
    case 'SimpleCommand':
    case 'Echo':
    case 'Set':
    case 'Call':
    case 'Start':
      return node.name.value;
    default:
      return node.type;
  }
}

describe('operators', () => {
  it('applies cmd precedence: & < || < && < |', () => {
    expect(shape(statement('a && b || c & d | e'))).toBe('(((a && b) || c) & (d | e))');
    expect(shape(statement('a || b && c'))).toBe('(a || (b && c))');
    expect(shape(statement('a | b && c | d'))).toBe('((a | b) && (c | d))');
  });

  it('records exact operator offsets', () => {
    const chain = statement('a && b || c') as CmdChain;
    expect(chain.type).toBe('Chain');
    expect(chain.operator).toBe('||');
    expect(chain.operators).toEqual([{ type: 'Operator', value: '||', start: 7, end: 9 }]);
    expect({ start: chain.start, end: chain.end }).toEqual({ start: 0, end: 11 });
    const inner = chain.items[0] as CmdChain;
    expect(inner.operators).toEqual([{ type: 'Operator', value: '&&', start: 2, end: 4 }]);
    expect({ start: inner.start, end: inner.end }).toEqual({ start: 0, end: 6 });
  });

  it('keeps chains flat', () => {
    const chain = statement('a & b & c & d') as CmdChain;
    expect(chain.items).toHaveLength(4);
    expect(chain.operators.map((o) => o.start)).toEqual([2, 6, 10]);
  });

  it('builds pipelines', () => {
    const pipe = statement('type a.txt | findstr x | sort') as CmdPipeline;
    expect(pipe.type).toBe('Pipeline');
    expect(pipe.commands.map((c) => c.type)).toEqual(['SimpleCommand', 'SimpleCommand', 'SimpleCommand']);
    expect(pipe.operators.map((o) => [o.start, o.end])).toEqual([
      [11, 12],
      [23, 24],
    ]);
  });

  it('accepts a trailing &', () => {
    const chain = statement('echo a &') as CmdChain;
    expect(chain.items).toHaveLength(1);
    expect(chain.operators).toHaveLength(1);
  });

  it('treats line breaks as statement separators', () => {
    const result = parseCmd('a\r\nb\n\n  c');
    expect(result.errors).toEqual([]);
    expect(result.script.body.map(shape)).toEqual(['a', 'b', 'c']);
  });
});

describe('blocks', () => {
  it('parses a parenthesised group with redirections', () => {
    const group = statement('(echo a & echo b) > log.txt 2>&1') as CmdGroup;
    expect(group.type).toBe('Group');
    expect(group).toMatchObject({ start: 0, end: 32, closed: true });
    expect(group.body.map(shape)).toEqual(['(echo & echo)']);
    expect(group.redirections.map((r) => [r.operator, r.handle, r.target?.value])).toEqual([
      ['>', 1, 'log.txt'],
      ['>&', 2, '1'],
    ]);
  });

  it('lets a group span lines', () => {
    const group = statement('(\n  mkdir C:\\a\n  cd C:\\a\n) && echo done') as CmdChain;
    expect(shape(group)).toBe('(Group && echo)');
    expect(commands('(\n  mkdir C:\\a\n  cd C:\\a\n) && echo done')).toEqual(['mkdir(C:\\a)', 'cd(C:\\a)', 'echo(done)']);
  });

  it('only opens a group at command position', () => {
    expect(commands('echo (a) & set /a x=(1+2)*3')).toEqual(['echo((a))', 'set(/a,x=(1+2)*3)']);
  });

  it('only closes a group while one is open', () => {
    expect(commands('echo a) b')).toEqual(['echo(a),b)']);
  });

  it('nests groups', () => {
    const outer = statement('((a) & (b))') as CmdGroup;
    expect(outer.body.map(shape)).toEqual(['(Group & Group)']);
  });

  it('applies @ to any command', () => {
    const group = statement('@(echo a)') as CmdGroup;
    expect(group).toMatchObject({ type: 'Group', quiet: true, start: 0, end: 9 });
    const cmd = statement('@echo off') as CmdSimpleCommand;
    expect(cmd).toMatchObject({ type: 'Echo', quiet: true, start: 0, end: 9 });
    expect(cmd.name).toMatchObject({ start: 1, end: 5 });
  });
});

describe('redirections', () => {
  it('parses every form, anywhere in the command', () => {
    const cmd = statement('>nul 2>&1 dir /b 2> err.txt C:\\ >> out.txt < in.txt 1>nul') as CmdSimpleCommand;
    expect(cmd.name.value).toBe('dir');
    expect(cmd.args.map((a) => a.value)).toEqual(['/b', 'C:\\']);
    expect(cmd.redirections.map((r) => [r.operator, r.handle, r.target?.raw, r.start, r.end])).toEqual([
      ['>', 1, 'nul', 0, 4],
      ['>&', 2, '1', 5, 9],
      ['>', 2, 'err.txt', 17, 27],
      ['>>', 1, 'out.txt', 32, 42],
      ['<', 0, 'in.txt', 43, 51],
      ['>', 1, 'nul', 52, 57],
    ]);
    expect({ start: cmd.start, end: cmd.end }).toEqual({ start: 0, end: 57 });
  });

  it('does not take a digit inside a word as a handle', () => {
    const cmd = statement('echo a2>x') as CmdSimpleCommand;
    expect(cmd.redirections[0]).toMatchObject({ operator: '>', handle: 1, start: 7 });
  });
});

describe('if', () => {
  it('parses exist with not, body and else after )', () => {
    const node = statement('if not exist "C:\\x" (mkdir "C:\\x") else (echo exists)') as CmdIf;
    expect(node).toMatchObject({ type: 'If', negated: true, caseInsensitive: false, start: 0, end: 53 });
    expect(node.condition).toMatchObject({ kind: 'exist', start: 7, end: 19, operand: { value: 'C:\\x', raw: '"C:\\x"' } });
    expect(node.then?.type).toBe('Group');
    expect(node.else?.type).toBe('Group');
    expect(node.else).toMatchObject({ start: 40, end: 53 });
  });

  it('parses errorlevel, defined and cmdextversion', () => {
    expect((statement('if errorlevel 1 exit /b 1') as CmdIf).condition).toMatchObject({ kind: 'errorlevel', operand: { value: '1' } });
    expect((statement('if defined NPM_TOKEN echo yes') as CmdIf).condition).toMatchObject({ kind: 'defined', operand: { value: 'NPM_TOKEN' } });
    expect((statement('IF CMDEXTVERSION 2 echo ok') as CmdIf).condition).toMatchObject({ kind: 'cmdextversion' });
  });

  it('parses == with and without spaces', () => {
    const node = statement('IF "%ERRORLEVEL%"=="3010" EXIT 0') as CmdIf;
    expect(node.condition).toMatchObject({ kind: 'compare', operator: '==', left: { raw: '"%ERRORLEVEL%"' }, right: { value: '3010' } });
    expect(commands('IF "%ERRORLEVEL%"=="3010" EXIT 0')).toEqual(['EXIT(0)']);
    expect((statement('if a == b echo same') as CmdIf).condition).toMatchObject({ operator: '==', left: { value: 'a' }, right: { value: 'b' } });
  });

  it('parses /i and the comparison keywords', () => {
    for (const op of ['EQU', 'NEQ', 'LSS', 'LEQ', 'GTR', 'GEQ'] as const) {
      const node = statement(`if /i %x% ${op.toLowerCase()} 5 echo hit`) as CmdIf;
      expect(node.caseInsensitive).toBe(true);
      expect(node.condition).toMatchObject({ kind: 'compare', operator: op, right: { value: '5' } });
    }
  });

  it('runs the rest of the line as the body, like cmd', () => {
    const node = statement('if exist x del x & echo deleted') as CmdIf;
    expect(shape(node.then as CmdStatement)).toBe('(del & echo)');
  });

  it('binds else to the nearest if and supports else if', () => {
    const node = statement('if a==b (echo 1) else if c==d (echo 2) else (echo 3)') as CmdIf;
    expect(node.else?.type).toBe('If');
    expect((node.else as CmdIf).else?.type).toBe('Group');
    expect(commands('if a==b (echo 1) else if c==d (echo 2) else (echo 3)')).toEqual(['echo(1)', 'echo(2)', 'echo(3)']);
  });

  it('does not treat else after an unparenthesised body as a keyword', () => {
    expect(commands('if 1==1 echo yes else echo no')).toEqual(['echo(yes,else,echo,no)']);
  });
});

describe('for', () => {
  it('parses /f with options and a command set', () => {
    const node = statement("FOR /f \"tokens=*\" %i IN ('busybox --list') DO mklink C:\\bin\\%i.exe busybox.exe") as CmdFor;
    expect(node).toMatchObject({ type: 'For', kind: 'parse', start: 0, end: 78 });
    expect(node.parseOptions).toMatchObject({ value: 'tokens=*', start: 7, end: 17 });
    expect(node.variable).toEqual({ type: 'ForVariable', start: 18, end: 20, raw: '%i', name: 'i' });
    expect(node.set).toMatchObject({ start: 24, end: 42, raw: "'busybox --list'" });
    const body = node.body as CmdSimpleCommand;
    expect(body.args[0]?.parts.map((p) => p.type + ':' + (p.type === 'Literal' ? p.value : p.kind))).toEqual(['Literal:C:\\bin\\', 'Variable:for', 'Literal:.exe']);
  });

  it('parses /d, /r with a root, /l and a plain set', () => {
    expect(statement('for /d %%d in (C:\\*) do rd /s /q %%d')).toMatchObject({ kind: 'directories', variable: { name: 'd', raw: '%%d' } });
    const r = statement('for /r C:\\src %i in (*.txt *.md) do type "%i"') as CmdFor;
    expect(r).toMatchObject({ kind: 'recursive', root: { value: 'C:\\src' } });
    expect(r.set?.items.map((w) => w.value)).toEqual(['*.txt', '*.md']);
    const l = statement('for /l %i in (1,1,5) do echo %i') as CmdFor;
    expect(l.kind).toBe('range');
    expect(l.set?.items.map((w) => w.value)).toEqual(['1', '1', '5']);
    expect((statement('for %i in (a b) do echo %i') as CmdFor).kind).toBe('files');
  });

  it('runs the rest of the line as the body and accepts do(', () => {
    const node = statement('for %i in (a b) do(echo %i) & echo next') as CmdFor;
    expect(shape(node.body as CmdStatement)).toBe('(Group & echo)');
  });

  it('nests if inside for', () => {
    const text = 'for %i in ("%ProgramFiles(x86)%\\VS\\*") do if not "%~nxi" == "vswhere.exe" del "%~i"';
    const node = statement(text) as CmdFor;
    expect(node.set?.items[0]?.value).toBe('%ProgramFiles(x86)%\\VS\\*');
    const inner = node.body as CmdIf;
    expect(inner.condition).toMatchObject({ kind: 'compare', left: { value: '%~nxi' }, right: { value: 'vswhere.exe' } });
    expect(commands(text)).toEqual(['del(%~i)']);
  });
});

describe('rem and labels', () => {
  it('ignores the rest of the line after rem, operators included', () => {
    expect(statement('rem install & configure | done')).toEqual({ type: 'Rem', start: 0, end: 30, quiet: false, text: 'install & configure | done' });
    expect(parseCmd('rem a & b\necho c').script.body.map((s) => s.type)).toEqual(['Rem', 'Echo']);
  });

  it('parses labels and :: comments', () => {
    expect(statement(':setup')).toMatchObject({ type: 'Label', name: 'setup', text: 'setup', start: 0, end: 6 });
    expect(statement(':: a comment & more')).toMatchObject({ type: 'Label', text: ': a comment & more' });
  });
});
