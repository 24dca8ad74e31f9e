import { describe, expect, it } from 'vitest';
import { nativeEffects } from './native.ts';
import type { NativeCall } from './native.ts';
import type { Effect, Value } from './types.ts';

const pos = (offset: number) => ({ line: 1, column: offset + 1, offset });

/** A call as a shell classifier would build it from one line: words split at blanks outside quotes. */
function call(line: string, extra: Partial<NativeCall> = {}): NativeCall {
  const values: Value[] = [];
  for (const m of line.matchAll(/(?:"[^"]*"|[^\s"])+/g)) {
    const source = m[0];
    const v: Value = { source, range: { start: pos(m.index), end: pos(m.index + source.length) } };
    // Variables stay unknown, as for a RUN without ENV.
    if (!/%[^%]+%/.test(source)) v.text = source.replace(/"/g, '');
    values.push(v);
  }
  const [name, ...args] = values as [Value, ...Value[]];
  const base = (name.text ?? name.source).replace(/^.*[\\/]/, '').replace(/\.(exe|com|bat|cmd)$/i, '').toLowerCase();
  return { program: base, name, args, language: 'cmd', range: { start: pos(0), end: pos(line.length) }, ...extra };
}

function one(line: string, extra: Partial<NativeCall> = {}): Effect {
  const effects = nativeEffects(call(line, extra));
  expect(effects).toHaveLength(1);
  return effects[0] as Effect;
}

/** Text, source slice and offsets of a value, for exact comparisons. */
function v(line: string, value: Value | undefined): [string | undefined, string, number, number] | undefined {
  if (!value) return undefined;
  return [value.text, line.slice(value.range.start.offset, value.range.end.offset), value.range.start.offset, value.range.end.offset];
}

describe('downloads', () => {
  it('reads bundled curl options: -fsSLo file URL', () => {
    const line = 'curl.exe -fsSLo C:\\go.zip https://go.dev/dl/go1.22.windows-amd64.zip';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'download', command: 'curl.exe', portability: 'translate', destinations: ['linux-stage', 'crane-prepare'] });
    if (e.kind !== 'download') throw new Error();
    expect(v(line, e.url)).toEqual(['https://go.dev/dl/go1.22.windows-amd64.zip', 'https://go.dev/dl/go1.22.windows-amd64.zip', 26, 68]);
    expect(v(line, e.output)).toEqual(['C:\\go.zip', 'C:\\go.zip', 16, 25]);
    expect(e.reason).not.toMatch(/--fail/);
  });

  it('names -O outputs after the URL and warns about missing -f and -L', () => {
    const line = 'curl -O https://example.com/files/tool-1.2.zip?sig=1';
    const e = one(line);
    if (e.kind !== 'download') throw new Error();
    expect(v(line, e.output)).toEqual(['tool-1.2.zip', 'tool-1.2.zip', 34, 46]);
    expect(e.reason).toMatch(/-f\/--fail/);
    expect(e.reason).toMatch(/-L\/--location/);
  });

  it('takes --output=file as a part of its argument and pairs outputs with URLs in order', () => {
    const line = 'curl -L --output=a.zip https://x.org/a --output b.zip https://x.org/b';
    const effects = nativeEffects(call(line));
    expect(effects.map((e) => (e.kind === 'download' ? [e.url.text, v(line, e.output)] : null))).toEqual([
      ['https://x.org/a', ['a.zip', 'a.zip', 17, 22]],
      ['https://x.org/b', ['b.zip', 'b.zip', 48, 53]],
    ]);
  });

  it('keeps unresolved variables unknown but exact in source', () => {
    const line = 'curl -fsSL -o %TEMP%\\node.msi https://nodejs.org/dist/v%NODE_VERSION%/node.msi';
    const e = one(line);
    if (e.kind !== 'download') throw new Error();
    expect(e.output).toMatchObject({ source: '%TEMP%\\node.msi' });
    expect(e.output?.text).toBeUndefined();
    expect(e.reason).toMatch(/cannot resolve/);
  });

  it('wget -O and the default file name', () => {
    const a = one('wget -q -O C:\\x.zip https://x.org/y.zip');
    const b = one('wget -nv https://x.org/dir/y.tar.gz');
    expect(a.kind === 'download' && a.output?.text).toBe('C:\\x.zip');
    expect(b.kind === 'download' && b.output?.text).toBe('y.tar.gz');
  });

  it('certutil: -urlcache downloads, -hashfile computes without checking, -addstore imports', () => {
    const d = one('certutil -urlcache -split -f https://x.org/a.zip C:\\a.zip');
    expect(d).toMatchObject({ kind: 'download', url: { text: 'https://x.org/a.zip' }, output: { text: 'C:\\a.zip' } });
    const h = one('certutil -hashfile C:\\a.zip SHA256');
    expect(h).toMatchObject({ kind: 'verify', algorithm: 'SHA256', file: { text: 'C:\\a.zip' }, onMismatch: 'none' });
    expect(one('certutil -hashfile C:\\a.zip')).toMatchObject({ algorithm: 'SHA1' });
    const s = one('certutil -addstore -f root roots.sst');
    expect(s).toMatchObject({ kind: 'registry', action: 'import', key: { text: 'root' }, data: { text: 'roots.sst' }, portability: 'windows-only' });
  });

  it('bitsadmin /transfer', () => {
    expect(one('bitsadmin /transfer job /download /priority normal https://x.org/a.exe C:\\a.exe')).toMatchObject({
      kind: 'download', url: { text: 'https://x.org/a.exe' }, output: { text: 'C:\\a.exe' },
    });
  });

  it('git clone is a download into the repository directory', () => {
    const line = 'git clone --depth 1 https://github.com/emscripten-core/emsdk.git';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'download', portability: 'translate', url: { text: 'https://github.com/emscripten-core/emsdk.git' } });
    if (e.kind !== 'download') throw new Error();
    expect(v(line, e.output)).toEqual(['emsdk', 'emsdk', 55, 60]);
    expect(e.reason).toMatch(/autocrlf/);
    expect(one('git clone -b v1 https://x.org/r.git C:\\src')).toMatchObject({ output: { text: 'C:\\src' } });
    expect(one('git --version')).toMatchObject({ kind: 'smoke-test', destinations: ['drop'] });
  });
});

describe('archives', () => {
  it('tar -xf / -xzf -C / old-style xzf', () => {
    expect(one('tar.exe -xf C:\\a.zip -C C:\\tools')).toMatchObject({ kind: 'extract', format: 'zip', archive: { text: 'C:\\a.zip' }, destination: { text: 'C:\\tools' } });
    expect(one('tar -xzf node.tgz')).toMatchObject({ kind: 'extract', format: 'tar', archive: { text: 'node.tgz' } });
    expect(one('tar xzf node.tar.gz -C out')).toMatchObject({ format: 'tar', destination: { text: 'out' } });
    expect(one('tar -tf a.tar').kind).toBe('smoke-test');
    expect(one('tar -cf out.tar dir')).toMatchObject({ kind: 'file', op: 'write', paths: [{ text: 'out.tar' }] });
  });

  it("7z x with a glued -o<dir>, exactly ranged", () => {
    const line = '"C:\\Program Files\\7-Zip\\7z.exe" x C:\\a.7z -oC:\\out -y';
    const e = one(line, { program: '7z' });
    if (e.kind !== 'extract') throw new Error();
    expect(e.format).toBe('7z');
    expect(v(line, e.destination)).toEqual(['C:\\out', 'C:\\out', 44, 50]);
    expect(one('7z e a.zip -oout').reason).toMatch(/drops the directory structure/);
    expect(one('7z l a.zip').kind).toBe('smoke-test');
  });

  it('expand (.cab, .msu) and unzip', () => {
    expect(one('expand patch.msu patch -F:*')).toMatchObject({ kind: 'extract', format: 'cab', archive: { text: 'patch.msu' }, destination: { text: 'patch' } });
    expect(one('unzip -q a.zip -d C:\\a')).toMatchObject({ kind: 'extract', format: 'zip', destination: { text: 'C:\\a' } });
  });
});

describe('installers', () => {
  it('msiexec /i with properties and a log', () => {
    const e = one('msiexec /i C:\\a.msi /qn /L*V C:\\a.log INSTALLDIR=C:\\a ADDLOCAL=ALL');
    expect(e).toMatchObject({ kind: 'installer', format: 'msi', waits: true, installer: { text: 'C:\\a.msi' }, portability: 'windows-only', destinations: ['dependency-image'] });
    if (e.kind !== 'installer') throw new Error();
    expect(e.args.map((a) => a.text)).toEqual(['/qn', '/L*V', 'C:\\a.log', 'INSTALLDIR=C:\\a', 'ADDLOCAL=ALL']);
    expect(e.reason).not.toMatch(/hangs/);
  });

  it('msiexec without /qn, /a, /x, and started without waiting', () => {
    expect(one('msiexec /i a.msi').reason).toMatch(/without \/qn/);
    expect(one('msiexec /a a.msi /qn TARGETDIR=C:\\x').reason).toMatch(/administrative/);
    expect(one('msiexec /x a.msi /quiet').reason).toMatch(/uninstalls/);
    const a = one('msiexec /i a.msi /qn', { async: true });
    expect(a).toMatchObject({ waits: false });
    expect(a.reason).toMatch(/without waiting/);
  });

  it('setup programs, Visual Studio bootstrappers, and unknown programs with silent switches', () => {
    expect(one('C:\\setup.exe /S', { program: 'setup' })).toMatchObject({ kind: 'installer', format: 'exe' });
    const vs = one('vs_buildtools.exe --quiet --norestart --add Microsoft.VisualStudio.Workload.VCTools');
    expect(vs.reason).toMatch(/--wait/);
    expect(vs.reason).toMatch(/3010/);
    expect(one('sqlexpr_x64_enu.exe /q /x:C:\\setup')).toMatchObject({ kind: 'installer' });
    expect(one('mytool.exe /S')).toMatchObject({ kind: 'installer' });
    expect(one('C:\\x.msi /quiet', { program: 'x.msi' })).toMatchObject({ kind: 'installer', format: 'msi' });
    expect(one('wusa C:\\kb.msu /quiet /norestart')).toMatchObject({ kind: 'installer', installer: { text: 'C:\\kb.msu' } });
  });
});

describe('package managers', () => {
  it('choco install with versions, cinst, -y', () => {
    const e = one('choco install git nodejs --version 20.1.0 -y --no-progress');
    expect(e).toMatchObject({ kind: 'package', manager: 'choco', pinned: true, packages: [{ name: 'git', version: '20.1.0' }, { name: 'nodejs', version: '20.1.0' }] });
    const c = one('cinst -y python3');
    expect(c).toMatchObject({ manager: 'choco', pinned: false, packages: [{ name: 'python3' }] });
    expect(c.reason).toMatch(/newest/);
    expect(one('choco install x').reason).toMatch(/-y/);
    expect(one('choco feature enable -n allowGlobalConfirmation')).toMatchObject({ kind: 'run', portability: 'windows-only' });
  });

  it('winget and scoop', () => {
    expect(one('winget install --id Git.Git -e --version 2.44.0 --accept-package-agreements')).toMatchObject({ manager: 'winget', pinned: true, packages: [{ name: 'Git.Git', version: '2.44.0' }] });
    expect(one('scoop install git@2.44.0 7zip')).toMatchObject({ manager: 'scoop', pinned: false, packages: [{ name: 'git', version: '2.44.0' }, { name: '7zip' }] });
  });

  it('pip, python -m pip, requirement files, pip wheel', () => {
    expect(one('pip install requests==2.31.0 flask[async]==3.0.0')).toMatchObject({ manager: 'pip', pinned: true, packages: [{ name: 'requests', version: '2.31.0' }, { name: 'flask[async]', version: '3.0.0' }] });
    const r = one('python -m pip install --no-cache-dir -r requirements.txt');
    expect(r).toMatchObject({ kind: 'package', manager: 'pip', pinned: false, packages: [] });
    expect(r.reason).toMatch(/requirements\.txt/);
    expect(one('py -m pip install -U pip')).toMatchObject({ packages: [{ name: 'pip' }] });
    expect(one('pip wheel -w C:\\wheels .')).toMatchObject({ kind: 'build', tool: 'pip', verb: 'wheel', portability: 'translate', output: { text: 'C:\\wheels' } });
    expect(one('pip3 --version').kind).toBe('smoke-test');
  });

  it('npm, yarn and pnpm: global installs are packages, project installs and scripts are builds', () => {
    expect(one('npm install -g nodemon@3.1.0 typescript')).toMatchObject({ kind: 'package', manager: 'npm', pinned: false, packages: [{ name: 'nodemon', version: '3.1.0' }, { name: 'typescript' }] });
    expect(one('npm i -g @angular/cli@17.0.0')).toMatchObject({ pinned: true, packages: [{ name: '@angular/cli', version: '17.0.0' }] });
    expect(one('npm ci')).toMatchObject({ kind: 'build', tool: 'npm', verb: 'ci', portability: 'translate', destinations: ['linux-stage'] });
    expect(one('npm run build')).toMatchObject({ kind: 'build', verb: 'run', project: { text: 'build' } });
    expect(one('yarn')).toMatchObject({ kind: 'build', tool: 'yarn', verb: 'install' });
    expect(one('yarn build')).toMatchObject({ kind: 'build', tool: 'yarn', verb: 'run' });
    expect(one('yarn global add serve')).toMatchObject({ kind: 'package', packages: [{ name: 'serve' }] });
    expect(one('pnpm add -g pm2')).toMatchObject({ kind: 'package', packages: [{ name: 'pm2' }] });
    expect(one('npm --version').kind).toBe('smoke-test');
  });

  it('gem, nuget install (only unpacks) and dotnet tool install', () => {
    expect(one('gem install win32-service -v 1.0.1 --no-document')).toMatchObject({ manager: 'gem', pinned: true, packages: [{ name: 'win32-service', version: '1.0.1' }] });
    const n = one('nuget install Microsoft.Net.Compilers -Version 2.3.1 -OutputDirectory C:\\pkgs');
    expect(n).toMatchObject({ kind: 'package', manager: 'nuget', pinned: true, portability: 'translate', packages: [{ name: 'Microsoft.Net.Compilers', version: '2.3.1' }] });
    expect(one('dotnet tool install -g dotnet-ef --version 8.0.0')).toMatchObject({ kind: 'package', manager: 'dotnet-tool', pinned: true, packages: [{ name: 'dotnet-ef', version: '8.0.0' }], portability: 'windows-only' });
  });
});

describe('system configuration', () => {
  it('setx PATH builds on %PATH%: machine scope, additions, image config', () => {
    const line = 'setx /M PATH "%PATH%;C:\\go\\bin;C:\\tools"';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'env', scope: 'machine', pathAdditions: ['C:\\go\\bin', 'C:\\tools'], portability: 'translate', destinations: ['image-config'] });
    if (e.kind !== 'env') throw new Error();
    expect(v(line, e.name)).toEqual(['PATH', 'PATH', 8, 12]);
    expect(e.value.source).toBe('"%PATH%;C:\\go\\bin;C:\\tools"');
    expect(e.reason).toMatch(/1024/);
  });

  it('setx NAME VALUE, user scope, replacing PATH, from the registry', () => {
    expect(one('setx JAVA_HOME C:\\jdk')).toMatchObject({ kind: 'env', scope: 'user', name: { text: 'JAVA_HOME' }, value: { text: 'C:\\jdk' } });
    expect(one('setx PATH C:\\only').reason).toMatch(/replaces/);
    expect(one('setx X /K HKLM\\Software\\Y\\Z')).toMatchObject({ kind: 'env', portability: 'windows-only' });
  });

  it('reg add/import/delete/query', () => {
    const line = 'reg add HKLM\\SOFTWARE\\Microsoft\\InetStp /v MajorVersion /t REG_DWORD /d 0x9 /f';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'registry', action: 'set', key: { text: 'HKLM\\SOFTWARE\\Microsoft\\InetStp' }, name: { text: 'MajorVersion' }, data: { text: '0x9' }, destinations: ['dependency-image', 'deployment'] });
    expect(one('reg add HKLM\\SOFTWARE\\X')).toMatchObject({ action: 'create-key' });
    expect(one('reg add HKLM\\SOFTWARE\\X').reason).toMatch(/without \/f/);
    expect(one('reg import C:\\a.reg')).toMatchObject({ action: 'import', data: { text: 'C:\\a.reg' }, destinations: ['dependency-image'] });
    expect(one('reg delete HKCU\\X /v Y /f')).toMatchObject({ action: 'delete', name: { text: 'Y' } });
    expect(one('reg query HKLM\\X').kind).toBe('smoke-test');
  });

  it('sc and net: services, users, groups', () => {
    expect(one('sc create MySvc binPath= C:\\svc.exe start= auto')).toMatchObject({ kind: 'service', action: 'create', name: { text: 'MySvc' }, destinations: ['dependency-image', 'deployment'] });
    expect(one('sc.exe config w3svc start= disabled')).toMatchObject({ action: 'configure' });
    expect(one('sc query w3svc').kind).toBe('smoke-test');
    expect(one('net stop was /y')).toMatchObject({ kind: 'service', action: 'stop', name: { text: 'was' } });
    const u = one('net user app P@ss /add /passwordchg:no');
    expect(u).toMatchObject({ kind: 'user', action: 'create-user', user: { text: 'app' } });
    expect(u.reason).toMatch(/password/);
    expect(one('net localgroup Administrators app /add')).toMatchObject({ kind: 'user', action: 'group-member', group: { text: 'Administrators' }, user: { text: 'app' } });
  });

  it('icacls and takeown', () => {
    const line = 'icacls C:\\app /grant "IIS_IUSRS:(OI)(CI)F" /T';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'user', action: 'acl', path: { text: 'C:\\app' } });
    if (e.kind !== 'user') throw new Error();
    expect(v(line, e.user)).toEqual(['IIS_IUSRS', 'IIS_IUSRS', 22, 31]);
    expect(one('takeown /f C:\\x /r /d y')).toMatchObject({ kind: 'user', action: 'take-ownership', path: { text: 'C:\\x' } });
  });

  it('dism features and packages', () => {
    expect(one('dism /online /enable-feature /all /featurename:IIS-WebServer /featurename:IIS-ASPNET45 /NoRestart')).toMatchObject({
      kind: 'feature', features: ['IIS-WebServer', 'IIS-ASPNET45'], portability: 'windows-only',
    });
    expect(one('dism /online /enable-feature /featurename:telnetclient').reason).toMatch(/\/All/);
    expect(one('DISM /Online /Add-Package /PackagePath:C:\\x.cab', { program: 'dism' })).toMatchObject({ kind: 'installer', installer: { text: 'C:\\x.cab' } });
  });
});

describe('builds', () => {
  it('dotnet publish: project, configuration, runtime, output', () => {
    const line = 'dotnet publish src/App.csproj -c Release -r win-x64 -o C:\\app --no-restore';
    expect(one(line)).toMatchObject({
      kind: 'build', tool: 'dotnet', verb: 'publish', configuration: 'Release', runtime: 'win-x64',
      project: { text: 'src/App.csproj' }, output: { text: 'C:\\app' }, portability: 'translate', destinations: ['linux-stage'],
    });
    expect(one('dotnet publish -c Release -o out').reason).toMatch(/-r win-x64/);
    expect(one('dotnet build -p:Configuration=Debug')).toMatchObject({ configuration: 'Debug' });
    expect(one('dotnet --info').kind).toBe('smoke-test');
    expect(one('dotnet app.dll')).toMatchObject({ kind: 'run', portability: 'windows-only' });
  });

  it('msbuild is windows-only unless the project is SDK-style', () => {
    const line = 'msbuild App.sln /p:Configuration=Release /p:OutputPath=C:\\out /t:Build;Publish /m';
    const e = one(line);
    expect(e).toMatchObject({ kind: 'build', tool: 'msbuild', verb: 'Build;Publish', configuration: 'Release', project: { text: 'App.sln' }, portability: 'windows-only' });
    if (e.kind !== 'build') throw new Error();
    expect(v(line, e.output)).toEqual(['C:\\out', 'C:\\out', 55, 61]);
    expect(e.reason).toMatch(/SDK-style/);
    expect(one('nuget restore App.sln')).toMatchObject({ kind: 'build', tool: 'nuget', verb: 'restore', portability: 'windows-only' });
  });

  it('go, cargo, mvn, gradle', () => {
    expect(one('go build -o C:\\bin\\app.exe ./cmd/app')).toMatchObject({ kind: 'build', tool: 'go', verb: 'build', output: { text: 'C:\\bin\\app.exe' }, project: { text: './cmd/app' } });
    expect(one('go build -o x.exe .').reason).toMatch(/GOOS=windows/);
    expect(one('go version').kind).toBe('smoke-test');
    expect(one('cargo build --release --target x86_64-pc-windows-msvc')).toMatchObject({ tool: 'cargo', configuration: 'release', runtime: 'x86_64-pc-windows-msvc' });
    expect(one('mvn -B package -DskipTests')).toMatchObject({ tool: 'mvn', verb: 'package' });
    expect(one('gradlew.bat build --no-daemon', { program: 'gradlew' })).toMatchObject({ tool: 'gradle', verb: 'build' });
  });
});

describe('interpreters, checks and unknown programs', () => {
  it('version checks are smoke tests', () => {
    for (const line of ['node --version', 'python -V', 'java -version', 'pwsh -v', 'where git', 'whoami']) {
      expect(one(line)).toMatchObject({ kind: 'smoke-test', portability: 'portable', destinations: ['drop'] });
    }
    expect(one('mytool --version')).toMatchObject({ kind: 'smoke-test', program: 'mytool' });
  });

  it('scripts run by interpreters are not analysed', () => {
    expect(one('python get-pip.py').reason).toMatch(/Python script get-pip\.py/);
    expect(one('node -e "console.log(1)"').reason).toMatch(/inline Node\.js/);
    expect(one('C:\\build\\setup-env.bat x64', { program: 'setup-env' }).reason).not.toMatch(/does not know/);
  });

  it('waits', () => {
    expect(one('ping -n 6 127.0.0.1').reason).toMatch(/waits 5 seconds/);
    expect(one('timeout /t 10 /nobreak').reason).toMatch(/console/);
  });

  it('known Windows tools and unknown programs', () => {
    expect(one('%windir%\\system32\\inetsrv\\appcmd set config /section:x', { program: 'appcmd' })).toMatchObject({ kind: 'run', portability: 'windows-only', reason: expect.stringMatching(/IIS/) });
    expect(one('ngen update')).toMatchObject({ destinations: ['dependency-image', 'drop'] });
    const u = one('printcommandline.exe a b');
    expect(u).toMatchObject({ kind: 'run', portability: 'windows-only', reason: 'winfile does not know what printcommandline does; it is a Windows program the Linux builder cannot run' });
    if (u.kind !== 'run') throw new Error();
    expect(u.args.map((a) => a.text)).toEqual(['a', 'b']);
  });

  it('gpg verifies signatures, innoextract unpacks installers, MSYS tools move files', () => {
    expect(one('gpg --batch --verify node.tar.gz.asc node.tar.gz')).toMatchObject({ kind: 'verify', algorithm: 'openpgp', file: { text: 'node.tar.gz' }, expected: { text: 'node.tar.gz.asc' }, onMismatch: 'exit' });
    expect(one('gpg --batch --decrypt --output SUMS.txt SUMS.txt.asc', { language: 'powershell' })).toMatchObject({ kind: 'verify', file: { text: 'SUMS.txt.asc' }, onMismatch: 'none' });
    expect(one('gpg --keyserver hkps://keys.openpgp.org --recv-keys ABCDEF')).toMatchObject({ kind: 'run', portability: 'translate' });
    expect(one('innoextract -d C:\\out setup.exe')).toMatchObject({ kind: 'extract', archive: { text: 'setup.exe' }, destination: { text: 'C:\\out' } });
    expect(one('mv -f a b c/')).toMatchObject({ kind: 'file', op: 'move', paths: [{ text: 'a' }, { text: 'b' }], destination: { text: 'c/' } });
  });

  it('xcopy and robocopy copy files', () => {
    expect(one('xcopy C:\\a C:\\b /E /I /Y')).toMatchObject({ kind: 'file', op: 'copy', paths: [{ text: 'C:\\a' }], destination: { text: 'C:\\b' }, portability: 'translate' });
    const r = one('robocopy C:\\a C:\\b *.dll /MOVE');
    expect(r).toMatchObject({ op: 'move', paths: [{ text: 'C:\\a' }, { text: '*.dll' }] });
    expect(r.reason).toMatch(/exits with 1/);
  });
});
