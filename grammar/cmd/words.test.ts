import { describe, expect, it } from 'vitest';
import type { CmdVariablePart, CmdWord } from './ast.ts';
import { scan } from './lexer.ts';
import { buildWord, cmdText, sourceRange } from './words.ts';

function word(text: string, forVars: string[] = []): CmdWord {
  return buildWord(text, 0, text.length, forVars);
}

function variables(text: string, forVars: string[] = []): Omit<CmdVariablePart, 'type' | 'quoted'>[] {
  return word(text, forVars)
    .parts.filter((p): p is CmdVariablePart => p.type === 'Variable')
    .map(({ start, end, raw, kind, name, modifier }) => ({ start, end, raw, kind, name, modifier }));
}

function tokens(text: string): string[] {
  return scan(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('words', () => {
  it('removes quotes and maps every value character to its source', () => {
    const w = word('"C:\\Program Files\\x"');
    expect(w).toMatchObject({ raw: '"C:\\Program Files\\x"', value: 'C:\\Program Files\\x', quoted: true, start: 0, end: 20 });
    expect(w.offsets).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('unescapes carets outside quotes only', () => {
    const w = word('a^&b"^&"^^^"');
    expect(w.value).toBe('a&b^&^"');
    expect(w.offsets).toEqual([0, 2, 3, 5, 6, 9, 11, 12]);
    expect(w.parts.map((p) => [p.type, p.type === 'Literal' ? p.value : p.raw, p.quoted, p.start, p.end])).toEqual([
      ['Literal', 'a&b', false, 0, 4],
      ['Literal', '^&', true, 5, 7],
      ['Literal', '^"', false, 8, 12],
    ]);
  });

  it('drops a trailing caret and follows caret line continuations', () => {
    expect(word('abc^').value).toBe('abc');
    const w = word('ab^\r\ncd');
    expect(w.value).toBe('abcd');
    expect(w.offsets).toEqual([0, 1, 5, 6, 7]);
  });

  it('maps value ranges back with sourceRange', () => {
    const w = word('x"ab cd"y');
    expect(w.value).toBe('xab cdy');
    expect(sourceRange(w, 1, 6)).toEqual({ start: 2, end: 7 });
    expect(sourceRange(w, 0, 7)).toEqual({ start: 0, end: 9 });
    expect(sourceRange(w, 3, 3)).toEqual({ start: 4, end: 4 });
  });
});

describe('variables', () => {
  it('recognises %VAR% with substring and replace modifiers', () => {
    expect(variables('%PATH%;%JAVA_HOME:~0,5%\\%X:a=b%!')).toEqual([
      { start: 0, end: 6, raw: '%PATH%', kind: 'env', name: 'PATH', modifier: null },
      { start: 7, end: 23, raw: '%JAVA_HOME:~0,5%', kind: 'env', name: 'JAVA_HOME', modifier: { type: 'substring', offset: 0, length: 5 } },
      { start: 24, end: 31, raw: '%X:a=b%', kind: 'env', name: 'X', modifier: { type: 'replace', find: 'a', replacement: 'b' } },
    ]);
    expect(variables('%NPM_REGISTRY:https:=%')[0]?.modifier).toEqual({ type: 'replace', find: 'https:', replacement: '' });
    expect(variables('%X:~-3%')[0]?.modifier).toEqual({ type: 'substring', offset: -3, length: null });
  });

  it('keeps a reference whole when its modifier holds spaces, quotes or parentheses', () => {
    expect(variables('%PATH:;= %')[0]).toMatchObject({ raw: '%PATH:;= %', modifier: { find: ';', replacement: ' ' } });
    expect(tokens('echo %A:"=% & x')).toEqual(['Word:echo', 'Word:%A:"=%', 'Amp:&', 'Word:x']);
    expect(tokens('(echo %ProgramFiles(x86)%)')).toEqual(['LParen:(', 'Word:echo', 'Word:%ProgramFiles(x86)%', 'RParen:)']);
  });

  it('recognises delayed, argument and for variables', () => {
    expect(variables('!VAR!')).toEqual([{ start: 0, end: 5, raw: '!VAR!', kind: 'delayed', name: 'VAR', modifier: null }]);
    expect(variables('%~dp0tools')).toEqual([{ start: 0, end: 5, raw: '%~dp0', kind: 'argument', name: '0', modifier: { type: 'path', flags: 'dp', search: null } }]);
    expect(variables('%1 %*')).toMatchObject([{ kind: 'argument', name: '1' }, { kind: 'argument', name: '*' }]);
    expect(variables('%i.exe', ['i'])).toEqual([{ start: 0, end: 2, raw: '%i', kind: 'for', name: 'i', modifier: null }]);
    expect(variables('%%i', ['i'])).toMatchObject([{ raw: '%%i', kind: 'for', name: 'i' }]);
    expect(variables('%~nxi', ['i'])).toMatchObject([{ raw: '%~nxi', kind: 'for', name: 'i', modifier: { type: 'path', flags: 'nx' } }]);
    expect(variables('%%~$PATH:i', ['i'])).toMatchObject([{ kind: 'for', modifier: { search: 'PATH' } }]);
  });

  it('leaves %% and unmatched signs literal', () => {
    expect(variables('100%% done')).toEqual([]);
    expect(word('100%% done').value).toBe('100%% done');
    expect(variables('50% off')).toEqual([]);
    expect(variables('%i', [])).toEqual([]);
    expect(variables('Hello World!')).toEqual([]);
  });

  it('marks quoted references', () => {
    const parts = word('"%ProgramFiles%\\dotnet"').parts;
    expect(parts.map((p) => [p.type, p.quoted])).toEqual([
      ['Variable', true],
      ['Literal', true],
    ]);
  });
});

describe('cmdText', () => {
  it('keeps quotes, removes carets and skipped ranges', () => {
    const t = cmdText('a ^& "b ^ c" > x d', 0, 18, [{ start: 13, end: 16 }]);
    expect(t.text).toBe('a & "b ^ c"  d');
    expect(Array.from(t.offsets)).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18]);
  });
});

describe('scanner context', () => {
  it('only makes ( a block at command position', () => {
    expect(tokens('echo (a) & (b)')).toEqual(['Word:echo', 'Word:(a)', 'Amp:&', 'LParen:(', 'Word:b', 'RParen:)']);
  });

  it('reads rem and labels to the end of the line', () => {
    expect(tokens('rem a & b\n:lbl x & y')).toEqual(['KwRem:rem', 'RemText:a & b', 'Newline:\n', 'Label::lbl x & y']);
  });

  it('knows if and for headers', () => {
    expect(tokens('if /i not "a"=="b" (x) else y')).toEqual([
      'KwIf:if', 'IfSwitch:/i', 'KwNot:not', 'Word:"a"', 'EqEq:==', 'Word:"b"', 'LParen:(', 'Word:x', 'RParen:)', 'KwElse:else', 'Word:y',
    ]);
    expect(tokens('for /f "delims=" %%a in (\'dir /b\') do echo %%a')).toEqual([
      'KwFor:for', 'ForOption:/f', 'ForParam:"delims="', 'ForVariable:%%a', 'KwIn:in', 'LParen:(', "Word:'dir", "Word:/b'", 'RParen:)', 'KwDo:do', 'Word:echo', 'Word:%%a',
    ]);
  });

  it('treats keywords as plain words outside their context', () => {
    expect(tokens('echo if for rem in do else')).toEqual(['Word:echo', 'Word:if', 'Word:for', 'Word:rem', 'Word:in', 'Word:do', 'Word:else']);
  });

  it('splits redirections from words and reads handles', () => {
    expect(tokens('echo a>b 2>>c 2>&1 <d')).toEqual(['Word:echo', 'Word:a', 'Redirect:>', 'Word:b', 'Redirect:2>>', 'Word:c', 'RedirectDup:2>&1', 'Redirect:<', 'Word:d']);
  });

  it('carries @ on the command token', () => {
    const [first] = scan('@echo off').tokens;
    expect(first?.payload).toEqual({ quietStart: 0 });
  });
});
