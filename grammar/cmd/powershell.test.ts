import { describe, expect, it } from 'vitest';
import type { CmdInvocation } from './ast.ts';
import { joinArguments, joinedArguments, listSimpleCommands, parseCmd, powershellInvocation, programArguments, sourceRange, splitArguments } from './index.ts';

function first(text: string): CmdInvocation {
  const result = parseCmd(text);
  expect(result.errors).toEqual([]);
  const info = listSimpleCommands(result.script)[0];
  if (!info) throw new Error('no command');
  return info.node;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('powershell -Command', () => {
  const text = 'powershell -NoProfile -Command "Get-ChildItem $env:TEMP | Remove-Item" ^| Out-Null && echo ok';

  it('exposes each word raw, unquoted and mapped', () => {
    const cmd = first(text);
    const script = cmd.args[2];
    expect(script).toMatchObject({ raw: '"Get-ChildItem $env:TEMP | Remove-Item"', value: 'Get-ChildItem $env:TEMP | Remove-Item', start: 31, end: 70 });
    expect(Array.from(script?.offsets ?? [])).toEqual([...range(32, 69), 69]);
    const pipe = cmd.args[3];
    expect(pipe).toMatchObject({ raw: '^|', value: '|', start: 71, end: 73, offsets: [72, 73] });
  });

  it('recovers the script PowerShell runs, with a source map', () => {
    const ps = powershellInvocation(text, first(text));
    expect(ps).toMatchObject({ host: 'powershell', mode: 'command' });
    expect(ps?.parameters.map((p) => p.value)).toEqual(['-NoProfile', '-Command']);
    const script = ps?.script;
    if (!script) throw new Error('no script');
    expect(script.text).toBe('Get-ChildItem $env:TEMP | Remove-Item | Out-Null');
    expect(Array.from(script.offsets)).toEqual([...range(32, 69), 70, 72, 73, ...range(74, 82), 82]);
    // A PowerShell node position maps back to the exact Dockerfile text.
    const at = script.text.indexOf('Remove-Item');
    expect(sourceRange(script, at, at + 11)).toEqual({ start: 58, end: 69 });
    expect(text.slice(58, 69)).toBe('Remove-Item');
    const outNull = script.text.indexOf('Out-Null');
    expect(sourceRange(script, outNull, outNull + 8)).toEqual({ start: 74, end: 82 });
  });

  it('applies the C runtime quoting rules that PowerShell sees', () => {
    const src = 'powershell -Command "Throw \\"bad thing\\""';
    const cmd = first(src);
    // cmd's own view: \" does not escape, so the quoted region ends early.
    expect(cmd.args.map((a) => a.raw)).toEqual(['-Command', '"Throw \\"bad', 'thing\\""']);
    const ps = powershellInvocation(src, cmd);
    expect(ps?.script?.text).toBe('Throw "bad thing"');
    expect(Array.from(ps?.script?.offsets ?? [])).toEqual([21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 39, 40]);
  });

  it('keeps %VAR% references visible as parts', () => {
    const src = 'powershell -Command "Expand-Archive %TEMP%\\x.zip -Dest C:\\x"';
    const word = first(src).args[1];
    expect(word?.parts.map((p) => [p.type, p.type === 'Literal' ? p.value : p.raw, p.start, p.end])).toEqual([
      ['Literal', 'Expand-Archive ', 21, 36],
      ['Variable', '%TEMP%', 36, 42],
      ['Literal', '\\x.zip -Dest C:\\x', 42, 59],
    ]);
    expect(powershellInvocation(src, first(src))?.script?.text).toBe('Expand-Archive %TEMP%\\x.zip -Dest C:\\x');
  });

  it('joins unquoted arguments as PowerShell does', () => {
    const src = '@powershell -NoProfile \t-Command \t$ErrorActionPreference = \'Stop\'; \tRemove-Item -Force x.zip';
    const ps = powershellInvocation(src, first(src));
    expect(ps?.script?.text).toBe("$ErrorActionPreference = 'Stop'; Remove-Item -Force x.zip");
  });
});

describe('powershell command lines', () => {
  it('reads parameters with values, prefixes and aliases', () => {
    const src = 'powershell.exe -executionpolicy bypass -NoLogo -noni -c "Add-WindowsFeature Web-CGI"';
    const ps = powershellInvocation(src, first(src));
    expect(ps?.parameters.map((p) => p.value)).toEqual(['-executionpolicy', 'bypass', '-NoLogo', '-noni', '-c']);
    expect(ps?.script?.text).toBe('Add-WindowsFeature Web-CGI');
  });

  it('defaults to a command for Windows PowerShell and to a file for pwsh', () => {
    const win = 'powershell add-windowsfeature web-asp-net45';
    expect(powershellInvocation(win, first(win))).toMatchObject({ mode: 'command', script: { text: 'add-windowsfeature web-asp-net45' } });
    const core = 'pwsh C:\\build.ps1 -Flag';
    const ps = powershellInvocation(core, first(core));
    expect(ps).toMatchObject({ host: 'pwsh', mode: 'file', file: { value: 'C:\\build.ps1' } });
    expect(ps?.args.map((a) => a.value)).toEqual(['-Flag']);
  });

  it('reads -File and -EncodedCommand', () => {
    const file = 'powershell -ExecutionPolicy Bypass -File "C:\\a b\\x.ps1" -Mode fast';
    expect(powershellInvocation(file, first(file))).toMatchObject({ mode: 'file', file: { value: 'C:\\a b\\x.ps1' } });
    const b64 = Buffer.from('Write-Host hi', 'utf16le').toString('base64');
    const enc = `pwsh -NoProfile -EncodedCommand ${b64}`;
    expect(powershellInvocation(enc, first(enc))).toMatchObject({ mode: 'encodedCommand', decoded: 'Write-Host hi' });
  });

  it('ignores other programs', () => {
    expect(powershellInvocation('curl -o a b', first('curl -o a b'))).toBeNull();
    expect(powershellInvocation('C:\\x\\pwsh.exe -c 1', first('C:\\x\\pwsh.exe -c 1'))?.host).toBe('pwsh');
  });
});

describe('program arguments', () => {
  it('splits by the C runtime rules', () => {
    const split = (s: string): string[] => splitArguments({ text: s, offsets: range(0, s.length + 1) }).map((a) => a.value);
    expect(split('a "b c" d')).toEqual(['a', 'b c', 'd']);
    expect(split('a\\\\"b c" \\"d\\\\ e\\')).toEqual(['a\\b c', '"d\\\\', 'e\\']);
    expect(split('"a ""b"" c"')).toEqual(['a "b" c']);
    expect(split('x""y')).toEqual(['xy']);
  });

  it('joins split arguments with single spaces in one pass, source map included', () => {
    const inputs = ['', '   ', 'a', '  a \t b  ', 'a "b c" d', 'a\\\\"b c" \\"d\\\\ e\\', '"a ""b"" c"', 'x""y', '""', 'a "" b', '\\\\\\"', '"unterminated x'];
    for (const s of inputs) {
      const line = { text: s, offsets: range(100, 100 + s.length + 1) };
      const viaSplit = joinArguments(splitArguments(line));
      const joined = joinedArguments(line);
      expect([joined.text, Array.from(joined.offsets)], JSON.stringify(s)).toEqual([viaSplit.text, Array.from(viaSplit.offsets)]);
    }
    expect(joinedArguments({ text: 'a  "b c"', offsets: range(0, 9) })).toEqual({ text: 'a b c', offsets: Int32Array.from([0, 1, 4, 5, 6, 7]) });
  });

  it('drops redirections and carets before splitting', () => {
    const src = 'tool.exe /a ^"x y^" >nul 2>&1 "p q"';
    const args = programArguments(src, first(src));
    expect(args.map((a) => [a.value, a.start, a.end])).toEqual([
      ['/a', 9, 11],
      // cmd passes ^" on as a plain quote, which then groups for the program.
      ['x y', 13, 19],
      ['p q', 30, 35],
    ]);
  });
});
