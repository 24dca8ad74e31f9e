import { describe, expect, test } from 'vitest';
import { parsePowerShell } from '../../../grammar/powershell/index.ts';
import type { Statement } from '../../../grammar/powershell/ast.ts';
import { binaryValue, formatString, PsEvaluator, PsScope, toText, UNKNOWN } from './ps-eval.ts';
import type { PsValue } from './ps-eval.ts';
import { replaceRegex } from './powershell-values.ts';
import { fileHashRef } from './powershell-pure.ts';

/** Runs the assignments of `code` in order and returns the value of its last statement. */
function run(code: string, env: Record<string, string> = {}): { value: PsValue; scope: PsScope } {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  const scope = new PsScope((n) => lower.get(n.toLowerCase()));
  const ev = new PsEvaluator();
  const parsed = parsePowerShell(code);
  expect(parsed.errors).toEqual([]);
  let value: PsValue = UNKNOWN;
  for (const st of parsed.script.statements as Statement[]) {
    if (st.type === 'Assignment' && st.target.type === 'Variable') {
      const v = ev.statement(st.value, scope);
      if (st.target.scope === 'env') scope.setEnv(st.target.name, v);
      else scope.set(st.target.name, v, st.target.scope);
      value = v;
    } else {
      value = ev.statement(st, scope);
    }
  }
  return { value, scope };
}

const text = (code: string, env?: Record<string, string>) => toText(run(code, env).value);

describe('strings and variables', () => {
  test('literals, expandable strings and command-mode words', () => {
    expect(text(`'a''b'`)).toBe("a'b");
    expect(text('$v = "1.2"; "go$v.zip"')).toBe('go1.2.zip');
    expect(text('$v = "1.2"; "go${v}x"')).toBe('go1.2x');
    expect(text('$a = @{ b = "x" }; "v$($a.b)!"')).toBe('vx!');
    expect(text('Write-Output C:\\go\\bin')).toBe('C:\\go\\bin');
    expect(text('"a`tb"')).toBe('a\tb');
  });

  test('$env: reads the RUN environment case-insensitively and assignments made earlier', () => {
    expect(text('$env:go_version', { GO_VERSION: '1.22' })).toBe('1.22');
    expect(text('$env:X = "a"; "$env:x-b"')).toBe('a-b');
    expect(text('"${env:GO_VERSION}"', { GO_VERSION: '1' })).toBe('1');
  });

  test('Windows container paths are known; user-dependent ones and unset variables are not', () => {
    expect(text('"$env:ProgramFiles\\Git"')).toBe('C:\\Program Files\\Git');
    expect(text('$env:SystemRoot')).toBe('C:\\Windows');
    expect(text('$env:ProgramFiles', { ProgramFiles: 'D:\\PF' })).toBe('D:\\PF');
    expect(text('$env:TEMP')).toBeUndefined();
    expect(text('"a$nothing"')).toBeUndefined();
    expect(text('"$env:MISSING\\x"')).toBeUndefined();
  });

  test('$true, $false and $null', () => {
    expect(run('$true').value).toEqual({ kind: 'bool', value: true });
    expect(text('"[$null]"')).toBe('[]');
  });
});

describe('operators', () => {
  test('-f formats, including alignment and escaped braces; format specifiers stay unknown', () => {
    expect(text(`'{0}/{1}' -f 'a', 'b'`)).toBe('a/b');
    expect(text(`'https://x/v{0}/go{0}.zip' -f $env:V`, { V: '1.2' })).toBe('https://x/v1.2/go1.2.zip');
    expect(text(`'[{0,4}|{1,-3}]' -f 'a', 'b'`)).toBe('[   a|b  ]');
    expect(text(`'{{{0}}}' -f 1`)).toBe('{1}');
    expect(text(`'{0:N2}' -f 1`)).toBeUndefined();
    expect(text(`'{1}' -f 'a'`)).toBeUndefined();
    expect(formatString('{0} and }', [{ kind: 'string', value: 'x' }])).toBeUndefined();
  });

  test('+ concatenates strings and arrays, adds numbers', () => {
    expect(text(`'C:\\go\\bin;' + $env:P`, { P: 'C:\\x' })).toBe('C:\\go\\bin;C:\\x');
    expect(text('1 + 2')).toBe('3');
    expect(run(`@('a') + 'b'`).value).toEqual({ kind: 'array', items: [{ kind: 'string', value: 'a' }, { kind: 'string', value: 'b' }] });
    expect(text(`'a' + $unknown`)).toBeUndefined();
  });

  test('-replace uses .NET regex semantics where JavaScript agrees', () => {
    expect(text(`'1.22.0' -replace '\\.0$', ''`)).toBe('1.22');
    expect(text(`'a-b' -replace '(\\w)-(\\w)', '$2-$1'`)).toBe('b-a');
    expect(text(`'ABC' -replace 'b', 'x'`)).toBe('AxC');
    expect(text(`'ABC' -creplace 'b', 'x'`)).toBe('ABC');
    expect(text(`'abc' -replace 'b'`)).toBe('ac');
    expect(replaceRegex('abc', '\\Aa', 'x', true)).toBeUndefined();
    expect(replaceRegex('ab', '(?<n>a)', '${n}${n}', false)).toBe('aab');
    expect(replaceRegex('ab', 'a', '$0$0', false)).toBe('aab');
  });

  test('-join, ranges, comparisons, -not', () => {
    expect(text(`'a', 'b' -join ';'`)).toBe('a;b');
    expect(text(`-join ('a', 'b')`)).toBe('ab');
    expect(text(`(1..3) -join ','`)).toBe('1,2,3');
    expect(run(`'A' -eq 'a'`).value).toEqual({ kind: 'bool', value: true });
    expect(run(`'A' -cne 'a'`).value).toEqual({ kind: 'bool', value: true });
    expect(run(`-not ('a' -eq 'b')`).value).toEqual({ kind: 'bool', value: true });
    expect(binaryValue('-like', { kind: 'string', value: 'a' }, { kind: 'string', value: 'a' })).toEqual(UNKNOWN);
  });

  test('arrays, indexes and hashtables', () => {
    expect(text(`$a = 'x', 'y'; $a[1]`)).toBe('y');
    expect(text(`$a = 'x', 'y'; $a[-1]`)).toBe('y');
    expect(text(`$h = @{ Uri = 'u' }; $h['uri']`)).toBe('u');
    expect(text(`$h = @{ Uri = 'u' }; $h.Uri`)).toBe('u');
    expect(text(`@('a', 'b')`)).toBe('a b');
  });

  test('casts', () => {
    expect(text('[string]42')).toBe('42');
    expect(text(`[char]0x22 + 'x' + [char]34`)).toBe('"x"');
    expect(text(`[int]'7' + 1`)).toBe('8');
    expect(text(`[datetime]'2020-01-01'`)).toBeUndefined();
  });
});

describe('.NET members and pure cmdlets', () => {
  test('string methods', () => {
    expect(text(`'v1.2'.TrimStart('v')`)).toBe('1.2');
    expect(text(`'  a '.Trim()`)).toBe('a');
    expect(text(`'1.2'.Replace('.', '_')`)).toBe('1_2');
    expect(text(`'ABC'.ToLower()`)).toBe('abc');
    expect(text(`'abcdef'.Substring(1, 2)`)).toBe('bc');
    expect(text(`'a,b'.Split(',')[1]`)).toBe('b');
    expect(text(`'a,b'.Split(',;')`)).toBeUndefined();
    expect(text(`$env:V.Replace('.', '')`, { V: '1.2.3' })).toBe('123');
  });

  test('[IO.Path], [string] and [Environment] statics', () => {
    expect(text(`[IO.Path]::Combine('C:\\a', 'b', 'c.zip')`)).toBe('C:\\a\\b\\c.zip');
    expect(text(`[System.IO.Path]::Combine('C:\\a', 'C:\\b')`)).toBe('C:\\b');
    expect(text(`[IO.Path]::GetFileName('C:\\a\\b.zip')`)).toBe('b.zip');
    expect(text(`[IO.Path]::GetFileNameWithoutExtension('C:\\a\\b.tar.gz')`)).toBe('b.tar');
    expect(text(`[IO.Path]::GetDirectoryName('C:\\a\\b.zip')`)).toBe('C:\\a');
    expect(text(`[string]::Format('{0}-{1}', 'a', 'b')`)).toBe('a-b');
    expect(text(`[string]::Join(';', @('a', 'b'))`)).toBe('a;b');
    expect(text(`[Environment]::GetEnvironmentVariable('V')`, { V: 'x' })).toBe('x');
    expect(text(`[Environment]::GetEnvironmentVariable('V', 'Machine')`, { V: 'x' })).toBeUndefined();
    expect(text('[EnvironmentVariableTarget]::Machine')).toBe('Machine');
    expect(text('[Net.SecurityProtocolType]::Tls12')).toBe('Tls12');
  });

  test('Join-Path and Split-Path', () => {
    expect(text(`$dir = 'C:\\tools\\'; $file = Join-Path $dir 'x.zip'; $file`)).toBe('C:\\tools\\x.zip');
    expect(text(`Join-Path -Path C:\\a -ChildPath \\b`)).toBe('C:\\a\\b');
    expect(text(`Split-Path C:\\a\\b.zip -Leaf`)).toBe('b.zip');
    expect(text(`Split-Path -Parent C:\\a\\b.zip`)).toBe('C:\\a');
    expect(text(`Join-Path $env:TEMP 'x'`)).toBeUndefined();
  });

  test('pipelines through Select-Object, ForEach-Object and Write-Output', () => {
    expect(text(`@{ a = 'x' } | Select-Object -ExpandProperty a`)).toBe('x');
    expect(text(`'a', 'b' | ForEach-Object { $_.ToUpper() }`)).toBe('A B');
    expect(text(`'a' | % ToUpper`)).toBeUndefined();
    expect(text(`Write-Output 'x'`)).toBe('x');
    expect(text(`Write-Host 'x'`)).toBe('');
  });

  test('$x = if (...) {...} else {...} is known only when both branches agree', () => {
    expect(text(`$x = if ($c) { 'a' } else { 'a' }; $x`)).toBe('a');
    expect(text(`$x = if ($c) { 'a' } else { 'b' }; $x`)).toBeUndefined();
  });

  test('New-Object and Get-FileHash give objects the walker recognises', () => {
    expect(run('New-Object System.Net.WebClient').value).toMatchObject({ kind: 'object', type: 'net.webclient' });
    expect(run('[Net.WebClient]::new()').value).toMatchObject({ kind: 'object', type: 'net.webclient' });
    const h = run(`$h = Get-FileHash go.zip -Algorithm sha512; $h.Hash.ToLower()`).value;
    expect(fileHashRef(h)).toMatchObject({ algorithm: 'SHA512', pathValue: { kind: 'string', value: 'go.zip' } });
    expect(fileHashRef(run(`Get-FileHash x | Select-Object -ExpandProperty Hash`).value)).toMatchObject({ algorithm: 'SHA256' });
    expect(toText(run('(Get-FileHash x).Hash').value)).toBeUndefined();
  });
});

describe('scopes', () => {
  test('a branch that may not run leaves a variable unknown unless it keeps its value', () => {
    const scope = new PsScope(() => undefined);
    scope.set('a', { kind: 'string', value: '1' });
    scope.set('b', { kind: 'string', value: '1' });
    const branch = scope.fork();
    branch.set('a', { kind: 'string', value: '2' });
    branch.set('b', { kind: 'string', value: '1' });
    scope.merge([branch], true);
    expect(scope.get('a')).toEqual(UNKNOWN);
    expect(scope.get('b')).toEqual({ kind: 'string', value: '1' });
  });

  test('if/else branches that assign the same value keep it; different values do not', () => {
    const scope = new PsScope(() => undefined);
    const [x, y] = [scope.fork(), scope.fork()];
    x.set('v', { kind: 'string', value: 'same' });
    y.set('v', { kind: 'string', value: 'same' });
    x.setEnv('E', { kind: 'string', value: '1' });
    y.setEnv('E', { kind: 'string', value: '2' });
    scope.merge([x, y], false);
    expect(scope.get('V')).toEqual({ kind: 'string', value: 'same' });
    expect(scope.getEnv('e')).toEqual(UNKNOWN);
  });

  test('child scopes read their parent, write locally, and share the environment', () => {
    const scope = new PsScope(() => undefined);
    scope.set('a', { kind: 'string', value: '1' });
    const child = scope.child();
    expect(child.get('a')).toEqual({ kind: 'string', value: '1' });
    child.set('a', { kind: 'string', value: '2' });
    child.set('b', { kind: 'string', value: '3' }, 'script');
    child.setEnv('X', { kind: 'string', value: 'x' });
    expect(scope.get('a')).toEqual({ kind: 'string', value: '1' });
    expect(scope.get('b')).toEqual({ kind: 'string', value: '3' });
    expect(scope.getEnv('x')).toEqual({ kind: 'string', value: 'x' });
  });
});
