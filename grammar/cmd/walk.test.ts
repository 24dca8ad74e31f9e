import { describe, expect, it } from 'vitest';
import type { CmdNode } from './ast.ts';
import { cmdChildren, listSimpleCommands, parseCmd, powershellInvocation, programName, walkCmd } from './index.ts';

function summary(text: string): string[] {
  const result = parseCmd(text);
  expect(result.errors).toEqual([]);
  return listSimpleCommands(result.script).map((c) => `${c.via}${c.async ? '&' : ''} ${c.program} ${JSON.stringify(c.args)}`);
}

describe('walkCmd', () => {
  it('visits nodes in source order, parents first', () => {
    const seen: string[] = [];
    walkCmd(parseCmd('if exist a (copy a b) else echo x > y').script, (node) => {
      seen.push(node.type === 'Word' ? `Word:${node.raw}` : node.type);
    });
    expect(seen).toEqual([
      'Script', 'If', 'Condition', 'Word:a', 'Literal', 'Group', 'SimpleCommand', 'Word:copy', 'Literal', 'Word:a', 'Literal', 'Word:b', 'Literal',
      'Echo', 'Word:echo', 'Literal', 'Word:x', 'Literal', 'Redirection', 'Word:y', 'Literal',
    ]);
  });

  it('skips children when the visitor returns false and passes the parent', () => {
    const pairs: string[] = [];
    walkCmd(parseCmd('a && (b)').script, (node: CmdNode, parent: CmdNode | null) => {
      pairs.push(`${parent?.type ?? '-'}>${node.type}`);
      return node.type !== 'SimpleCommand' && node.type !== 'Group';
    });
    expect(pairs).toEqual(['->Script', 'Script>Chain', 'Chain>SimpleCommand', 'Chain>Operator', 'Chain>Group']);
  });

  it('lists the words an inner call/start command shares only once', () => {
    const call = parseCmd('call x.bat a').script.body[0] as CmdNode;
    expect(cmdChildren(call).map((n) => n.type)).toEqual(['Word', 'SimpleCommand']);
  });

  it('walks very deep trees without recursion', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `echo ${i}`).join(' & ');
    let words = 0;
    walkCmd(parseCmd(text).script, (node) => {
      if (node.type === 'Word') words++;
    });
    expect(words).toBe(10_000);
  });
});

describe('listSimpleCommands', () => {
  it('finds commands nested in if, for, groups, call and start', () => {
    const text = '(if 1==1 (for %i in (a) do call b.cmd %i)) & start /wait "" c.exe -x & start d.exe';
    expect(summary(text)).toEqual([
      'direct call ["b.cmd","%i"]',
      'call b ["%i"]',
      'direct start ["/wait","","c.exe","-x"]',
      'start c ["-x"]',
      'direct start ["d.exe"]',
      'start& d []',
    ]);
  });

  it('normalises program names', () => {
    expect(programName('C:\\Program Files\\7-Zip\\7z.EXE')).toBe('7z');
    expect(programName('.\\emsdk')).toBe('emsdk');
    expect(programName('c:/tools/setup.cmd')).toBe('setup');
    expect(programName('%windir%\\system32\\inetsrv\\appcmd')).toBe('appcmd');
  });
});

// Hand-written snippets in the style of Windows Dockerfile RUN bodies.
describe('realistic RUN bodies', () => {
  it('download, unpack, clean up, extend PATH', () => {
    const text =
      'curl -fSLo %TEMP%\\node.zip https://nodejs.org/dist/v20.11.0/node-v20.11.0-win-x64.zip' +
      '     && tar -xf %TEMP%\\node.zip -C C:\\' +
      '     && del /q %TEMP%\\node.zip' +
      '     && setx /M PATH "%PATH%;C:\\node-v20.11.0-win-x64"';
    expect(summary(text)).toEqual([
      'direct curl ["-fSLo","%TEMP%\\\\node.zip","https://nodejs.org/dist/v20.11.0/node-v20.11.0-win-x64.zip"]',
      'direct tar ["-xf","%TEMP%\\\\node.zip","-C","C:\\\\"]',
      'direct del ["/q","%TEMP%\\\\node.zip"]',
      'direct setx ["/M","PATH","%PATH%;C:\\\\node-v20.11.0-win-x64"]',
    ]);
  });

  it('an installer whose reboot exit code is accepted', () => {
    const text = 'start /wait C:\\setup.exe /quiet /norestart || if "%ERRORLEVEL%"=="3010" (exit /b 0) else (exit /b 1)';
    expect(summary(text)).toEqual([
      'direct start ["/wait","C:\\\\setup.exe","/quiet","/norestart"]',
      'start setup ["/quiet","/norestart"]',
      'direct exit ["/b","0"]',
      'direct exit ["/b","1"]',
    ]);
  });

  it('msiexec with properties and a quoted install directory', () => {
    const text = 'msiexec.exe /i C:\\temp\\app.msi /qn /norestart ADDLOCAL=ALL INSTALLDIR="C:\\Program Files\\App" /l*v C:\\temp\\install.log';
    expect(summary(text)).toEqual([
      'direct msiexec ["/i","C:\\\\temp\\\\app.msi","/qn","/norestart","ADDLOCAL=ALL","INSTALLDIR=C:\\\\Program Files\\\\App","/l*v","C:\\\\temp\\\\install.log"]',
    ]);
  });

  it('chocolatey bootstrap through PowerShell', () => {
    const text =
      '@powershell -NoProfile -ExecutionPolicy Bypass -Command "iex ((New-Object System.Net.WebClient).DownloadString(\'https://community.chocolatey.org/install.ps1\'))"' +
      ' && SET "PATH=%PATH%;%ALLUSERSPROFILE%\\chocolatey\\bin" && choco install -y git 7zip';
    const result = parseCmd(text);
    expect(result.errors).toEqual([]);
    const [ps, set, choco] = listSimpleCommands(result.script);
    expect(ps?.node.quiet).toBe(true);
    expect(powershellInvocation(text, ps!.node)?.script?.text).toBe(
      "iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))",
    );
    expect(set?.node).toMatchObject({ type: 'Set', quotedForm: true, assignedValue: '%PATH%;%ALLUSERSPROFILE%\\chocolatey\\bin' });
    expect(choco?.args).toEqual(['install', '-y', 'git', '7zip']);
  });

  it('registry edit with output discarded', () => {
    const text = 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem" /v LongPathsEnabled /t REG_DWORD /d 1 /f >nul 2>&1';
    const [reg] = listSimpleCommands(parseCmd(text).script);
    expect(reg?.args).toEqual(['add', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem', '/v', 'LongPathsEnabled', '/t', 'REG_DWORD', '/d', '1', '/f']);
    expect(reg?.node.redirections.map((r) => `${r.handle}${r.operator}${r.target?.raw}`)).toEqual(['1>nul', '2>&1']);
  });

  it('per-user cleanup loop', () => {
    const text = 'for /d %d in (C:\\Users\\*) do @if exist "%d\\AppData\\Local\\Temp" rd /s /q "%d\\AppData\\Local\\Temp"';
    const result = parseCmd(text);
    expect(result.errors).toEqual([]);
    const [rd] = listSimpleCommands(result.script);
    expect(rd?.args).toEqual(['/s', '/q', '%d\\AppData\\Local\\Temp']);
    expect(rd?.node.args[2]?.parts.map((p) => (p.type === 'Variable' ? `${p.kind}:${p.name}` : p.value))).toEqual(['for:d', '\\AppData\\Local\\Temp']);
  });

  it('a multi-line block with comments', () => {
    const text = '(\r\n  rem create the layout\r\n  mkdir C:\\app\\logs\r\n  :: config\r\n  copy /y C:\\src\\app.config C:\\app\\\r\n) > C:\\setup.log 2>&1';
    expect(summary(text)).toEqual(['direct mkdir ["C:\\\\app\\\\logs"]', 'direct copy ["/y","C:\\\\src\\\\app.config","C:\\\\app\\\\"]']);
  });
});
