import { describe, expect, it } from 'vitest';
import { kinds, psRun, type Ran } from './powershell-test-support.ts';

/** Analyses the last RUN of a servercore Dockerfile with no SHELL: the default cmd (backtick escape). */
const run = (body: string, preamble = ''): Ran => psRun(body, preamble, '');

describe('file built-ins', () => {
  it('mkdir, copy, move, ren, del, rd, type nul with exact values', () => {
    const r = run('mkdir C:\\app C:\\logs & copy /y a.txt C:\\app\\ & move C:\\a C:\\b & ren C:\\b\\x.txt y.txt & del /f /q C:\\tmp\\*.zip & rd /s /q C:\\tmp & type nul > C:\\app\\empty.txt');
    expect(r.effects.map((e) => (e.kind === 'file' ? e.op : e.kind))).toEqual(['mkdir', 'copy', 'move', 'rename', 'remove', 'remove', 'write']);
    const [mkdir, copy, move, ren, del, rd, touch] = r.effects;
    if (mkdir?.kind !== 'file' || copy?.kind !== 'file' || move?.kind !== 'file' || ren?.kind !== 'file' || del?.kind !== 'file' || rd?.kind !== 'file' || touch?.kind !== 'file') throw new Error();
    expect(mkdir.paths.map((p) => [p.text, r.at(p)])).toEqual([['C:\\app', 'C:\\app'], ['C:\\logs', 'C:\\logs']]);
    expect(r.at(mkdir)).toBe('mkdir C:\\app C:\\logs');
    expect(mkdir).toMatchObject({ portability: 'translate', destinations: ['linux-stage', 'crane-prepare'], language: 'cmd' });
    expect([copy.paths[0]?.text, copy.destination?.text, r.at(copy.destination)]).toEqual(['a.txt', 'C:\\app\\', 'C:\\app\\']);
    expect([move.paths[0]?.text, move.destination?.text]).toEqual(['C:\\a', 'C:\\b']);
    expect([ren.paths[0]?.text, ren.destination?.text]).toEqual(['C:\\b\\x.txt', 'y.txt']);
    expect(del.paths.map((p) => p.text)).toEqual(['C:\\tmp\\*.zip']);
    expect(del.destinations).toContain('drop');
    expect(rd.paths.map((p) => p.text)).toEqual(['C:\\tmp']);
    expect(touch.paths.map((p) => p.text)).toEqual(['C:\\app\\empty.txt']);
  });

  it('echo into files keeps the exact content (trailing blank, CRLF) and tells > from >>', () => {
    const r = run('echo hello world> C:\\a.txt & echo more >>C:\\a.txt & echo done');
    const [w, a, p] = r.effects;
    // cmd writes the blank before `&` too.
    expect(w).toMatchObject({ kind: 'file', op: 'write', append: false, content: { text: 'hello world \r\n' }, paths: [{ text: 'C:\\a.txt' }] });
    expect(r.at(w?.kind === 'file' ? w.content : undefined)).toBe('hello world');
    expect(w?.reason).toMatch(/blanks before the operator/);
    expect(a).toMatchObject({ kind: 'file', op: 'write', append: true, content: { text: 'more  \r\n' } });
    expect(p).toMatchObject({ kind: 'print', destinations: ['drop'], text: { text: 'done' } });
  });

  it('a group of echoes redirected once writes all lines', () => {
    const r = run('(echo [a] & echo b=1) > C:\\x.ini');
    expect(r.effects).toMatchObject([{ kind: 'file', op: 'write', paths: [{ text: 'C:\\x.ini' }], content: { text: '[a] \r\nb=1\r\n' } }]);
  });

  it('xcopy and robocopy are programs with file effects', () => {
    const r = run('xcopy C:\\src C:\\dst /E /I /Y & robocopy C:\\a C:\\b /MIR');
    expect(r.effects).toMatchObject([
      { kind: 'file', op: 'copy', paths: [{ text: 'C:\\src' }], destination: { text: 'C:\\dst' } },
      { kind: 'file', op: 'copy', paths: [{ text: 'C:\\a' }], destination: { text: 'C:\\b' } },
    ]);
  });

  it('output redirected from a program becomes a file write, or a download output', () => {
    const r = run('curl -fsSL https://x.org/a.txt > C:\\a.txt & dir C:\\ > C:\\list.txt');
    expect(r.effects[0]).toMatchObject({ kind: 'download', url: { text: 'https://x.org/a.txt' }, output: { text: 'C:\\a.txt' } });
    expect(r.effects.slice(1)).toMatchObject([{ kind: 'smoke-test' }, { kind: 'file', op: 'write', paths: [{ text: 'C:\\list.txt' }] }]);
  });
});

describe('session and control flow', () => {
  it('@echo off, cd, pushd, popd, exit /b', () => {
    const r = run('@echo off & cd /d C:\\app & pushd C:\\x & popd & exit /b 0');
    expect(r.effects).toMatchObject([
      { kind: 'session', setting: 'other', value: 'echo off' },
      { kind: 'session', setting: 'location', value: 'C:\\app' },
      { kind: 'session', setting: 'location', value: 'C:\\x' },
      { kind: 'session', setting: 'location' },
      { kind: 'session', setting: 'other', value: 'exit 0' },
    ]);
  });

  it('if exist classifies both bodies and says when they run', () => {
    const r = run('if exist C:\\x (rd /s /q C:\\x) else (mkdir C:\\x)');
    expect(r.effects).toMatchObject([{ kind: 'file', op: 'remove' }, { kind: 'file', op: 'mkdir' }]);
    expect(r.effects[0]?.reason).toMatch(/only when `if exist C:\\x` holds/);
    expect(r.effects[1]?.reason).toMatch(/does not hold/);
  });

  it('for bodies run with an unknown loop variable', () => {
    const r = run('for %i in (a b) do mkdir C:\\%i');
    const e = r.effects[0];
    expect(e).toMatchObject({ kind: 'file', op: 'mkdir' });
    expect(e?.kind === 'file' && e.paths[0]).toMatchObject({ source: 'C:\\%i' });
    expect(e?.kind === 'file' && e.paths[0]?.text).toBeUndefined();
    expect(e?.reason).toMatch(/repeated for each item of \(a b\)/);
  });

  it('call runs batch files (not analysed) and environment scripts (session)', () => {
    const r = run('call C:\\build\\env.bat x64 & call "C:\\BuildTools\\VC\\Auxiliary\\Build\\vcvars64.bat"');
    expect(r.effects).toMatchObject([
      { kind: 'run', portability: 'windows-only', program: { text: 'C:\\build\\env.bat' }, args: [{ text: 'x64' }] },
      { kind: 'session', setting: 'other' },
    ]);
    expect(r.effects[0]?.reason).toMatch(/batch file/);
    expect(r.at(r.effects[0])).toBe('call C:\\build\\env.bat x64');
  });

  it('start /wait waits, start does not', () => {
    const r = run('start /wait C:\\vs_buildtools.exe --quiet --wait --norestart & start msiexec /i C:\\a.msi /qn');
    expect(r.effects).toMatchObject([
      { kind: 'installer', format: 'exe', waits: true },
      { kind: 'installer', format: 'msi', waits: false, installer: { text: 'C:\\a.msi' } },
    ]);
    expect(r.effects[1]?.reason).toMatch(/without waiting/);
  });

  it('waits: timeout and ping -n', () => {
    const r = run('timeout /t 5 /nobreak & ping -n 3 127.0.0.1 > nul');
    expect(kinds(r)).toEqual(['smoke-test', 'smoke-test']);
    expect(r.effects[1]?.reason).toMatch(/waits 2 seconds/);
  });

  it('PowerShell commands under cmd fail', () => {
    const r = run('Invoke-WebRequest https://x.org/a.zip -OutFile a.zip');
    expect(r.effects).toMatchObject([{ kind: 'unknown' }]);
    expect(r.effects[0]?.reason).toMatch(/SHELL/);
  });

  it('certutil -hashfile piped into findstr verifies, and && makes a mismatch fail', () => {
    const r = run('certutil -hashfile C:\\a.zip SHA256 | findstr /i 0123abcd && del C:\\a.zip');
    expect(r.effects[0]).toMatchObject({ kind: 'verify', algorithm: 'SHA256', file: { text: 'C:\\a.zip' }, expected: { text: '0123abcd' }, onMismatch: 'exit' });
    expect(kinds(r)).toEqual(['verify', 'file']);
  });
});

describe('variables', () => {
  it('resolves ENV case-insensitively, keeps the source and maps ranges to the Dockerfile', () => {
    const r = run('curl.exe -fsSLo go.zip https://go.dev/dl/go%GO_VERSION%.windows-amd64.zip', 'ENV Go_Version=1.22.1\n');
    const e = r.effects[0];
    if (e?.kind !== 'download') throw new Error();
    expect(e.url.text).toBe('https://go.dev/dl/go1.22.1.windows-amd64.zip');
    expect(e.url.source).toBe('https://go.dev/dl/go%GO_VERSION%.windows-amd64.zip');
    expect(r.at(e.url)).toBe('https://go.dev/dl/go%GO_VERSION%.windows-amd64.zip');
    expect(r.at(e.output)).toBe('go.zip');
  });

  it('knows the variables every Windows process has, for the RUN\'s user', () => {
    const r = run('mkdir "%ProgramFiles%\\tool" %TEMP%\\x %NOT_SET%\\y', 'USER ContainerUser\n');
    const e = r.effects[0];
    expect(e?.kind === 'file' && e.paths.map((p) => p.text)).toEqual(['C:\\Program Files\\tool', 'C:\\Users\\ContainerUser\\AppData\\Local\\Temp\\x', undefined]);
  });

  it('set: quoted form, PATH additions, blanks before the operator', () => {
    const r = run('set "GOPATH=C:\\go path" && set PATH=%PATH%;C:\\tools&& set X=1 && go build -o app.exe .');
    expect(r.effects.slice(0, 3)).toMatchObject([
      { kind: 'env', scope: 'process', name: { text: 'GOPATH' }, value: { text: 'C:\\go path' } },
      { kind: 'env', scope: 'process', name: { text: 'PATH' }, pathAdditions: ['C:\\tools'] },
      { kind: 'env', value: { text: '1 ' } },
    ]);
    expect(r.at(r.effects[0]?.kind === 'env' ? r.effects[0].value : undefined)).toBe('C:\\go path');
    expect(r.effects[2]?.reason).toMatch(/ends with blanks/);
    expect(r.effects[3]).toMatchObject({ kind: 'build', tool: 'go', output: { text: 'app.exe' } });
  });

  it('%X% on the line of `set X=` still has the old value; call re-expands it', () => {
    const r = run('set "V=1.0" && echo %V% && call curl -fsSLo a-%V%.zip https://x.org/%V%.zip');
    expect(r.effects[0]?.reason).toMatch(/old value/);
    expect(r.effects[1]).toMatchObject({ kind: 'print' });
    expect(r.effects[1]?.kind === 'print' && r.effects[1].text?.text).toBeUndefined();
    expect(r.effects[2]).toMatchObject({ kind: 'download', url: { text: 'https://x.org/1.0.zip' }, output: { text: 'a-1.0.zip' } });
  });

  it('set /a and set /p give unknown values', () => {
    const r = run('set /a N=1+2 & set /p VER=<C:\\version.txt');
    expect(r.effects).toMatchObject([{ kind: 'env', name: { text: 'N' } }, { kind: 'env', name: { text: 'VER' } }]);
    expect(r.effects.map((e) => (e.kind === 'env' ? e.value.text : null))).toEqual([undefined, undefined]);
  });

  it('setx resolves ENV in PATH additions and keeps %PATH% out', () => {
    const r = run('setx /M PATH "%PATH%;%GOPATH%\\bin;C:\\go\\bin"', 'ENV GOPATH=C:\\gopath\n');
    expect(r.effects).toMatchObject([{ kind: 'env', scope: 'machine', pathAdditions: ['C:\\gopath\\bin', 'C:\\go\\bin'], destinations: ['image-config'] }]);
  });
});

describe('programs and nested scripts', () => {
  it('classifies a realistic install line in order', () => {
    const r = run('curl.exe -fsSLo C:\\node.msi https://nodejs.org/dist/v20.11.0/node-v20.11.0-x64.msi && msiexec /i C:\\node.msi /qn /L*V C:\\node.log && del C:\\node.msi && setx /M PATH "%PATH%;C:\\Program Files\\nodejs" && node --version');
    expect(kinds(r)).toEqual(['download', 'installer', 'file', 'env', 'smoke-test']);
    expect(r.effects.map((e) => e.portability)).toEqual(['translate', 'windows-only', 'translate', 'translate', 'portable']);
    expect(r.at(r.effects[1])).toBe('msiexec /i C:\\node.msi /qn /L*V C:\\node.log');
  });

  it('argument values are what the program receives, with exact ranges', () => {
    const r = run('reg add "HKLM\\SOFTWARE\\My App" /v Path /t REG_SZ /d "C:\\My App" /f');
    const e = r.effects[0];
    if (e?.kind !== 'registry') throw new Error();
    expect([e.key?.text, r.at(e.key)]).toEqual(['HKLM\\SOFTWARE\\My App', '"HKLM\\SOFTWARE\\My App"']);
    expect([e.data?.text, r.at(e.data)]).toEqual(['C:\\My App', '"C:\\My App"']);
  });

  it('dism and a glued option value keep exact ranges', () => {
    const r = run('dism /online /enable-feature /all /featurename:IIS-WebServer /NoRestart & 7z x C:\\a.7z -oC:\\out');
    expect(r.effects[0]).toMatchObject({ kind: 'feature', features: ['IIS-WebServer'] });
    const x = r.effects[1];
    expect(x?.kind === 'extract' && r.at(x.destination)).toBe('C:\\out');
  });

  it('powershell -Command is analysed as PowerShell with ranges in the Dockerfile', () => {
    const r = run('powershell -NoProfile -Command "New-Item -ItemType Directory C:\\ps"', 'ENV X=1\n');
    expect(r.analysis.scripts.map((s) => s.language)).toEqual(['cmd', 'powershell']);
    expect(r.analysis.scripts[1]?.text).toBe('New-Item -ItemType Directory C:\\ps');
    const e = r.effects[0];
    expect(e?.language).toBe('powershell');
    expect(r.at(e)?.startsWith('New-Item')).toBe(true);
  });

  it('cmd expands %VAR% in the PowerShell script before PowerShell sees it', () => {
    const r = run('powershell -Command "Write-Host %URL%"', 'ENV URL=https://x.org/a.zip\n');
    expect(r.analysis.scripts[1]?.text).toBe('Write-Host https://x.org/a.zip');
  });

  it('-EncodedCommand is decoded and mapped to the argument', () => {
    const encoded = Buffer.from('Remove-Item C:\\x', 'utf16le').toString('base64');
    const r = run(`powershell -EncodedCommand ${encoded}`);
    expect(r.analysis.scripts[1]?.text).toBe('Remove-Item C:\\x');
    expect(r.effects.length).toBeGreaterThan(0);
    expect(r.effects[0]?.range.start.offset).toBe(r.effects[0]?.range.start.offset);
    expect(r.at(r.effects[0])?.[0]).toBe(encoded[0]);
  });

  it('-File runs a script winfile does not see', () => {
    const r = run('powershell -ExecutionPolicy Bypass -File C:\\setup.ps1 -Force');
    expect(r.effects).toMatchObject([{ kind: 'run', portability: 'windows-only', program: { text: 'C:\\setup.ps1' }, args: [{ text: '-Force' }] }]);
  });

  it('cmd /c runs a nested cmd script with exact ranges', () => {
    const r = run('cmd /c "mkdir C:\\a && echo x> C:\\a\\b.txt"');
    expect(r.effects).toMatchObject([{ kind: 'file', op: 'mkdir' }, { kind: 'file', op: 'write', content: { text: 'x\r\n' } }]);
    expect(r.at(r.effects[0])).toBe('mkdir C:\\a');
  });

  it('exec form runs the program directly', () => {
    const r = run('["C:\\\\tools\\\\choco.exe", "install", "-y", "git"]');
    expect(r.effects).toMatchObject([{ kind: 'package', manager: 'choco', packages: [{ name: 'git' }] }]);
  });

  it('unknown programs are windows-only runs with their arguments', () => {
    const r = run('C:\\tools\\frobnicate.exe --all C:\\data');
    expect(r.effects).toMatchObject([{ kind: 'run', portability: 'windows-only', destinations: ['dependency-image'], program: { text: 'C:\\tools\\frobnicate.exe' }, args: [{ text: '--all' }, { text: 'C:\\data' }] }]);
    expect(r.effects[0]?.reason).toBe('winfile does not know what frobnicate does; it is a Windows program the Linux builder cannot run');
  });
});
