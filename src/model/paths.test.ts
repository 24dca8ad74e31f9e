import { describe, expect, it } from 'vitest';
import { df } from '../rules/rule-tester.ts';
import { buildModel } from './build.ts';
import {
  argCharSpans,
  pathArgs,
  resolvePathArg,
  workdirLabel,
  classifyWindowsPath,
  copyDestination,
  displayWindowsPath,
  droppedBackslashes,
  goClean,
  isRemoteSource,
  normalizeWindowsPath,
  workdirBefore,
} from './paths.ts';

describe('classifyWindowsPath (BuildKit util/system/path.go, target windows)', () => {
  it.each([
    ['C:\\app', 'absolute', '/app'],
    ['C:/app', 'absolute', '/app'],
    ['c:/app/', 'absolute', '/app'],
    ['\\app', 'absolute', '/app'],
    ['/app', 'absolute', '/app'],
    ['c:\\', 'absolute', '/'],
    ['C:/first\\second/third', 'absolute', '/first/second/third'],
    ['C:\\..\\test\\..\\', 'absolute', '/'],
    ['app', 'relative', 'app'],
    ['.\\app', 'relative', 'app'],
    ['..\\x', 'relative', '../x'],
    ['', 'relative', '.'],
    ['AB', 'relative', 'AB'],
    ['C:app', 'drive-relative', 'app'],
    ['c:inetpubwwwroot', 'drive-relative', 'inetpubwwwroot'],
  ] as const)('%j is %s (%s)', (p, kind, path) => {
    expect(classifyWindowsPath(p)).toMatchObject({ kind, path });
  });

  it('reports the errors BuildKit reports', () => {
    expect(classifyWindowsPath('C:')).toEqual({ kind: 'drive-only', drive: 'C', error: 'No relative path specified in "C:"' });
    expect(classifyWindowsPath('d:')).toEqual({ kind: 'drive-only', drive: 'd', error: 'No relative path specified in "d:"' });
    expect(classifyWindowsPath('D:\\data')).toEqual({ kind: 'other-drive', drive: 'D', error: 'The specified path is not on the system drive (C:)' });
    expect(classifyWindowsPath('e:logs')).toEqual({ kind: 'other-drive', drive: 'e', error: 'The specified path is not on the system drive (C:)' });
    expect(classifyWindowsPath('\\\\server\\share')).toEqual({ kind: 'unc', error: 'UNC paths are not supported' });
    expect(classifyWindowsPath('//server/share')).toEqual({ kind: 'unc', error: 'UNC paths are not supported' });
    expect(classifyWindowsPath('\\\\.\\C$\\test')).toEqual({ kind: 'unc', error: 'UNC paths are not supported' });
    expect(classifyWindowsPath('/out/a:b')).toEqual({ kind: 'bad-colon', error: 'The specified path is not on the system drive (C:)' });
  });

  it('compares bytes like Go: a two-character path with a multi-byte first character is not `X:`', () => {
    expect(classifyWindowsPath('é:').kind).toBe('bad-colon');
  });
});

describe('normalizeWindowsPath / copyDestination', () => {
  it.each([
    ['', 'test', '/test'],
    ['', 'C:\\withDriveLetter', '/withDriveLetter'],
    ['testing', '', '/testing'],
    ['testing/with\\mixed/slashes', 'newTesting', '/testing/with/mixed/slashes/newTesting'],
    ['C:\\testing/with\\mixed/slashes', '', '/testing/with/mixed/slashes'],
    ['/test', 'C:testing', '/test/testing'],
    ['/test', 'relative/path', '/test/relative/path'],
  ])('NormalizeWorkdir(%j, %j) = %j', (cur, wd, want) => {
    expect(normalizeWindowsPath(cur, wd)).toEqual({ path: want });
  });

  it('fails like BuildKit', () => {
    expect(normalizeWindowsPath('D:\\IWillErrorOut', 'x')).toEqual({ error: 'removing drive letter: The specified path is not on the system drive (C:)' });
    expect(normalizeWindowsPath('/test', 'C:')).toEqual({ error: 'removing drive letter: No relative path specified in "C:"' });
    expect(normalizeWindowsPath('C:', 'testing')).toEqual({ error: 'removing drive letter: No relative path specified in "C:"' });
  });

  it('keeps a trailing slash for COPY destinations and makes `.` a directory', () => {
    expect(copyDestination('/app', 'C:\\dest\\')).toEqual({ path: '/dest/' });
    expect(copyDestination('/app', 'sub/')).toEqual({ path: '/app/sub/' });
    expect(copyDestination('/app', '.')).toEqual({ path: '/app/' });
    expect(copyDestination('/', 'x/.')).toEqual({ path: '/x/.' });
    expect(copyDestination('/app', 'C:x')).toEqual({ path: '/app/x' });
  });

  it('displays paths the Windows way', () => {
    expect(displayWindowsPath('/app/x')).toBe('C:\\app\\x');
    expect(displayWindowsPath('/')).toBe('C:\\');
  });

  it('cleans like Go', () => {
    expect([goClean(''), goClean('/../a/./b/'), goClean('a/../../b'), goClean('//x')]).toEqual(['.', '/a/b', '../b', '/x']);
  });
});

describe('droppedBackslashes (default escape)', () => {
  it.each([
    ['C:\\app', [2]],
    ['C:\\tools\\bin', [2, 8]],
    ['C:\\', [2]],
    ['C:\\\\app', []],
    ['"C:\\app"', []],
    ['"C:\\\\app"', []],
    ["'C:\\app'", []],
    ['a\\ b', []],
    ['\\$HOME', []],
    ['say\\"hi\\"', []],
    ['"x"C:\\y', [5]],
    ['plain', []],
  ])('%j -> %j', (raw, want) => {
    expect(droppedBackslashes(raw)).toEqual(want);
  });
});

describe('argCharSpans', () => {
  it('maps shell-form characters across a continuation line', () => {
    const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.txt C:\\de\\\nst\\x\n';
    const m = buildModel('Dockerfile', text);
    const ins = m.instructions[1]!;
    const dest = ins.args[1]!;
    expect(dest.raw).toBe('C:\\dest\\x');
    const spans = argCharSpans(ins, dest, text)!;
    expect(spans.map(([a]) => text[a]).join('')).toBe('C:\\dest\\x');
    expect(spans[5]).toEqual([text.indexOf('st\\x'), text.indexOf('st\\x') + 1]);
  });

  it('maps decoded JSON characters to their escape sequences', () => {
    const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY ["a b", "C:\\\\x\\u0041"]\n';
    const m = buildModel('Dockerfile', text);
    const ins = m.instructions[1]!;
    const dest = ins.args[1]!;
    expect(dest.raw).toBe('C:\\xA');
    const spans = argCharSpans(ins, dest, text)!;
    expect(spans.map(([a, b]) => text.slice(a, b))).toEqual(['C', ':', '\\\\', 'x', '\\u0041']);
  });
});

describe('workdirBefore', () => {
  it('follows WORKDIRs and parent stages', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base
      COPY a /a
      WORKDIR C:/app
      FROM base
      WORKDIR sub
      COPY b .
    `;
    const m = buildModel('Dockerfile', text);
    const [, copyA, , , wdSub, copyB] = m.instructions;
    expect(workdirBefore(copyA!)).toEqual({ path: '/', set: false });
    expect(workdirBefore(wdSub!)).toEqual({ path: '/app', set: true });
    expect(workdirBefore(copyB!)).toEqual({ path: '/app/sub', set: true });
  });
});

describe('pathArgs / resolvePathArg / workdirLabel', () => {
  const text = df`
    FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    COPY a.txt <<EOF C:x
    hi
    EOF
    WORKDIR C:/app
    ADD b.zip c.zip sub/
    WORKDIR D:/x
  `;
  const m = buildModel('Dockerfile', text);
  const [, copy, , add, wd] = m.instructions;

  it('lists sources, the destination and WORKDIR, without heredoc markers', () => {
    expect(pathArgs(copy!).map((p) => [p.role, p.arg.value])).toEqual([
      ['source', 'a.txt'],
      ['dest', 'C:x'],
    ]);
    expect(pathArgs(add!).map((p) => p.role)).toEqual(['source', 'source', 'dest']);
    expect(pathArgs(wd!).map((p) => [p.role, p.arg.value])).toEqual([['workdir', 'D:/x']]);
  });

  it('resolves them the way BuildKit does', () => {
    expect(resolvePathArg(copy!, 'dest', 'C:x')).toEqual({ kind: 'drive-relative', path: '/x', workdir: { path: '/', set: false } });
    expect(resolvePathArg(add!, 'dest', 'sub/')).toEqual({ kind: 'relative', path: '/app/sub/', workdir: { path: '/app', set: true } });
    expect(resolvePathArg(add!, 'source', 'C:b.zip')).toEqual({ kind: 'drive-relative', path: '/b.zip', workdir: { path: '/app', set: true } });
    expect(resolvePathArg(wd!, 'workdir', 'D:/x')).toEqual({ kind: 'other-drive', error: 'removing drive letter: The specified path is not on the system drive (C:)', workdir: { path: '/app', set: true } });
    expect([workdirLabel({ path: '/app', set: true }), workdirLabel({ path: '/', set: false })]).toEqual(['C:\\app', "the base image's, C:\\ unless it sets one"]);
  });
});

describe('isRemoteSource', () => {
  it.each([
    ['https://example.com/a.tar.gz', true],
    ['git@github.com:moby/buildkit.git', true],
    ['https://github.com/moby/buildkit.git#v0.12.0', true],
    ['app.tar.gz', false],
    ['/out/a:b', false],
  ])('%s -> %s', (src, want) => {
    expect(isRemoteSource(src)).toBe(want);
  });
});
