import { describe, expect, it } from 'vitest';
import type { CmdCall, CmdEcho, CmdInvocation, CmdSet, CmdStart } from './ast.ts';
import { listSimpleCommands, parseCmd } from './index.ts';

/** The single command of valid text. */
function command<T extends CmdInvocation = CmdInvocation>(text: string): T {
  const result = parseCmd(text);
  expect(result.errors).toEqual([]);
  const list = listSimpleCommands(result.script).filter((c) => c.via === 'direct');
  expect(list).toHaveLength(1);
  return list[0]?.node as T;
}

describe('echo', () => {
  it('takes its argument as raw text up to the operator', () => {
    const result = parseCmd('echo Hello & world');
    expect(listSimpleCommands(result.script).map((c) => c.name)).toEqual(['echo', 'world']);
    expect((result.script.body[0] as { items: CmdEcho[] }).items[0]?.text).toBe('Hello ');
  });

  it('keeps quoted operators and quotes, unescapes carets', () => {
    expect(command<CmdEcho>('echo "a & b"').text).toBe('"a & b"');
    expect(command<CmdEcho>('echo a ^& b ^| c ^^ ^"d').text).toBe('a & b | c ^ "d');
    expect(command<CmdEcho>('echo   spaced   out').text).toBe('  spaced   out');
  });

  it('cuts redirections out and keeps the spaces around them', () => {
    const node = command<CmdEcho>('echo ^<add key=^"x^" /^> >> NuGet.config');
    expect(node.text).toBe('<add key="x" /> ');
    expect(node.redirections[0]).toMatchObject({ operator: '>>', target: { value: 'NuGet.config' } });
    expect(command<CmdEcho>('echo print("Hello World!") > c:\\hello.py').text).toBe('print("Hello World!") ');
  });

  it('recognises echo., echo: and on/off', () => {
    expect(command<CmdEcho>('echo.')).toMatchObject({ type: 'Echo', mode: 'text', text: '' });
    expect(command<CmdEcho>('echo.text here')).toMatchObject({ mode: 'text', text: 'text here' });
    expect(command<CmdEcho>('echo:')).toMatchObject({ type: 'Echo', text: '' });
    expect(command<CmdEcho>('@echo off')).toMatchObject({ mode: 'off', quiet: true });
    expect(command<CmdEcho>('ECHO ON')).toMatchObject({ mode: 'on' });
    expect(command<CmdEcho>('echo')).toMatchObject({ mode: 'status', text: '' });
    // The variable is expanded before cmd reads the command name.
    expect(command<CmdEcho>('echo%SOURCES% >> NuGet.config')).toMatchObject({ type: 'Echo', text: '%SOURCES% ' });
  });
});

describe('set', () => {
  it('takes the raw rest of the line as the value', () => {
    const node = command<CmdSet>('set PATH=%PATH%;C:\\Program Files\\x');
    expect(node).toMatchObject({ type: 'Set', mode: 'assign', quotedForm: false, assignedValue: '%PATH%;C:\\Program Files\\x' });
    expect(node.variable).toMatchObject({ value: 'PATH', start: 4, end: 8 });
    expect(node.value).toMatchObject({ start: 9, end: 34 });
    expect(node.value?.parts.map((p) => p.type)).toEqual(['Variable', 'Literal']);
  });

  it('keeps trailing spaces before an operator and quotes in the value', () => {
    const result = parseCmd('set x=a b & set y="q"');
    const sets = listSimpleCommands(result.script).map((c) => c.node as CmdSet);
    expect(sets.map((s) => s.assignedValue)).toEqual(['a b ', '"q"']);
  });

  it('handles the quoted form', () => {
    const node = command<CmdSet>('set "dotnet_sdk_version=5.0.100 preview" ignored');
    expect(node).toMatchObject({ quotedForm: true, assignedValue: '5.0.100 preview' });
    expect(node.variable).toMatchObject({ value: 'dotnet_sdk_version', start: 5, end: 23 });
    expect(node.value).toMatchObject({ start: 24, end: 39 });
  });

  it('unescapes carets outside quotes', () => {
    expect(command<CmdSet>('set x=a^&b').assignedValue).toBe('a&b');
  });

  it('parses /a, /p and display forms', () => {
    expect(command<CmdSet>('set /a count=(1+2)*3')).toMatchObject({ mode: 'arithmetic', variable: null, value: { raw: 'count=(1+2)*3' } });
    expect(command<CmdSet>('set /p NAME=Your name: ')).toMatchObject({ mode: 'prompt', variable: { value: 'NAME' }, value: { raw: 'Your name: ' } });
    expect(command<CmdSet>('set')).toMatchObject({ mode: 'display', variable: null });
    expect(command<CmdSet>('set PROCESSOR')).toMatchObject({ mode: 'display', variable: { value: 'PROCESSOR' } });
  });

  it('treats setx as an ordinary command', () => {
    const node = command('setx /M PATH "%PATH%;C:\\tools" ');
    expect(node).toMatchObject({ type: 'SimpleCommand', builtin: null });
    expect(node.args.map((a) => a.value)).toEqual(['/M', 'PATH', '%PATH%;C:\\tools']);
  });
});

describe('call and start', () => {
  it('calls a label or a command', () => {
    expect(command<CmdCall>('call :build arg')).toMatchObject({ type: 'Call', label: { value: ':build' }, command: null });
    const node = command<CmdCall>('call "%MSVS_HOME%\\VC\\vcvars64.bat" x64');
    expect(node.command).toMatchObject({ type: 'SimpleCommand', name: { value: '%MSVS_HOME%\\VC\\vcvars64.bat' }, start: 5, end: 38 });
    const inner = listSimpleCommands(parseCmd('call echo hi > log.txt & x').script)[1]?.node as CmdEcho;
    expect(inner).toMatchObject({ type: 'Echo', text: 'hi  ', redirections: [] });
    expect(listSimpleCommands(parseCmd('call curl -o a b').script).map((c) => [c.program, c.via])).toEqual([
      ['call', 'direct'],
      ['curl', 'call'],
    ]);
  });

  it('parses start options, title and program', () => {
    const node = command<CmdStart>('start "Setup" /wait /b msiexec /i "a b.msi" /qn');
    expect(node.title).toMatchObject({ value: 'Setup' });
    expect(node.wait).toBe(true);
    expect(node.options.map((o) => o.value)).toEqual(['/wait', '/b']);
    expect(node.command).toMatchObject({ name: { value: 'msiexec' } });
    expect(node.command?.args.map((a) => a.value)).toEqual(['/i', 'a b.msi', '/qn']);
    const info = listSimpleCommands(parseCmd('start /w vs.exe --quiet').script);
    expect(info.map((c) => [c.program, c.via, c.async])).toEqual([
      ['start', 'direct', false],
      ['vs', 'start', false],
    ]);
    expect(listSimpleCommands(parseCmd('start /d C:\\x prog.exe').script)[1]).toMatchObject({ program: 'prog', async: true });
  });
});

describe('ordinary commands', () => {
  it('marks internal commands', () => {
    const text = 'cd /d C:\\app & exit /b 3 & goto :eof & pushd x & popd & mkdir a & md b & del /q c & copy d e & xcopy /s f g & move h i & ren j k & rd /s /q l & type m & mklink /d n o';
    const info = listSimpleCommands(parseCmd(text).script);
    expect(info.map((c) => [c.name, c.node.builtin])).toEqual([
      ['cd', 'cd'],
      ['exit', 'exit'],
      ['goto', 'goto'],
      ['pushd', 'pushd'],
      ['popd', 'popd'],
      ['mkdir', 'mkdir'],
      ['md', 'md'],
      ['del', 'del'],
      ['copy', 'copy'],
      ['xcopy', null],
      ['move', 'move'],
      ['ren', 'ren'],
      ['rd', 'rd'],
      ['type', 'type'],
      ['mklink', 'mklink'],
    ]);
    expect(info[0]?.args).toEqual(['/d', 'C:\\app']);
    expect(info[1]?.args).toEqual(['/b', '3']);
  });

  it('recognises cd.. and cd\\', () => {
    expect(command('cd..')).toMatchObject({ builtin: 'cd' });
  });

  it('accepts quoted and path command names', () => {
    const quoted = command('"C:\\Program Files\\x\\y.exe" /S /D="C:\\x"');
    expect(quoted.name).toMatchObject({ raw: '"C:\\Program Files\\x\\y.exe"', value: 'C:\\Program Files\\x\\y.exe', quoted: true, start: 0, end: 26 });
    expect(quoted.args.map((a) => a.value)).toEqual(['/S', '/D=C:\\x']);
    const info = listSimpleCommands(parseCmd('C:\\tools\\7z.exe x a.zip -oC:\\x').script)[0];
    expect(info).toMatchObject({ name: 'C:\\tools\\7z.exe', program: '7z', args: ['x', 'a.zip', '-oC:\\x'] });
    expect(listSimpleCommands(parseCmd('%windir%\\system32\\inetsrv\\appcmd.exe set config').script)[0]?.program).toBe('appcmd');
  });

  it('keeps installer and registry command lines intact', () => {
    const reg = command('reg add "HKLM\\SOFTWARE\\Microsoft\\Process Monitor" /v EulaAccepted /t REG_DWORD /d 1 /f');
    expect(reg.args.map((a) => a.value)).toEqual(['add', 'HKLM\\SOFTWARE\\Microsoft\\Process Monitor', '/v', 'EulaAccepted', '/t', 'REG_DWORD', '/d', '1', '/f']);
    const msi = command('msiexec /i "webfarm.msi" /q /log foo.log');
    expect(msi.args.map((a) => a.raw)).toEqual(['/i', '"webfarm.msi"', '/q', '/log', 'foo.log']);
    const choco = command('choco install -y ruby --params "\'/InstallDir:C:\\ruby\'"');
    expect(choco.args.at(-1)?.value).toBe("'/InstallDir:C:\\ruby'");
  });
});
