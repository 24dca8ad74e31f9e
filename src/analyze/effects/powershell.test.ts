import { describe, expect, it } from 'vitest';
import { kinds, psRun } from './powershell-test-support.ts';

const GO = 'ENV GO_VERSION=1.22.1 GO_SHA256=6dbb4a6c5f8a0c4b1ee4b1bb1a4f44bb7c9a8a4f8e0bd5cc5a34f3e67f1f9e2c\n';

describe('downloads', () => {
  it('Invoke-WebRequest with a URL built from ENV values', () => {
    const r = psRun("$url = ('https://go.dev/dl/go{0}.windows-amd64.zip' -f $env:GO_VERSION); Invoke-WebRequest -Uri $url -OutFile go.zip", GO);
    const d = r.one('download');
    expect(d.url).toMatchObject({ text: 'https://go.dev/dl/go1.22.1.windows-amd64.zip', source: '$url' });
    expect(d.output).toMatchObject({ text: 'go.zip', source: 'go.zip' });
    expect([r.at(d), r.at(d.url), r.at(d.output)]).toEqual(['Invoke-WebRequest -Uri $url -OutFile go.zip', '$url', 'go.zip']);
    expect(d).toMatchObject({ command: 'Invoke-WebRequest', language: 'powershell', portability: 'translate', destinations: ['linux-stage', 'crane-prepare'] });
    expect(kinds(r)).toEqual(['download']);
  });

  it('iwr with a positional URL, and curl/wget as Windows PowerShell aliases', () => {
    const r = psRun(String.raw`iwr https://x.org/a.zip -UseBasicParsing -OutFile C:\a.zip; curl https://x.org/b.zip -OutFile b.zip; wget -Uri https://x.org/c.zip -OutFile c.zip`);
    expect(r.effects.map((e) => (e.kind === 'download' ? [e.command, e.url.text, e.output?.text] : e.kind))).toEqual([
      ['iwr', 'https://x.org/a.zip', 'C:\\a.zip'],
      ['curl', 'https://x.org/b.zip', 'b.zip'],
      ['wget', 'https://x.org/c.zip', 'c.zip'],
    ]);
  });

  it('under pwsh, curl is the native curl.exe', () => {
    const r = psRun('curl -fsSL -o C:\\a.zip https://x.org/a.zip', '', 'SHELL ["pwsh", "-Command"]\n');
    expect(r.effects).toMatchObject([{ kind: 'download', command: 'curl', url: { text: 'https://x.org/a.zip' }, output: { text: 'C:\\a.zip' } }]);
  });

  it('WebClient.DownloadFile directly, through a variable, and via ::new()', () => {
    const r = psRun(String.raw`(New-Object System.Net.WebClient).DownloadFile('https://x.org/a.zip', 'C:\a.zip'); $wc = New-Object Net.WebClient; $wc.DownloadFile('https://x.org/b.zip', 'C:\b.zip'); [Net.WebClient]::new().DownloadFile('https://x.org/c.zip', 'c.zip')`);
    expect(r.effects.map((e) => (e.kind === 'download' ? [e.url.text, e.output?.text, r.at(e)?.slice(0, 12)] : e.kind))).toEqual([
      ['https://x.org/a.zip', 'C:\\a.zip', '(New-Object '],
      ['https://x.org/b.zip', 'C:\\b.zip', '$wc.Download'],
      ['https://x.org/c.zip', 'c.zip', '[Net.WebClie'],
    ]);
    expect(r.effects[1]?.command).toBe('$wc.DownloadFile');
  });

  it('Start-BitsTransfer and Invoke-RestMethod -OutFile; content kept in memory has no output', () => {
    const r = psRun('Start-BitsTransfer -Source https://x.org/a.msi -Destination C:\\a.msi; Invoke-RestMethod https://x.org/b.json -OutFile b.json; $v = Invoke-RestMethod https://x.org/v.json');
    expect(r.effects.map((e) => (e.kind === 'download' ? [e.command, e.url.text, e.output?.text] : e.kind))).toEqual([
      ['Start-BitsTransfer', 'https://x.org/a.msi', 'C:\\a.msi'],
      ['Invoke-RestMethod', 'https://x.org/b.json', 'b.json'],
      ['Invoke-RestMethod', 'https://x.org/v.json', undefined],
    ]);
  });

  it('downloading a script and piping it into Invoke-Expression is one remote-script run', () => {
    const r = psRun("iex ((New-Object System.Net.WebClient).DownloadString('https://chocolatey.org/install.ps1')); iwr https://x.org/i.ps1 -UseBasicParsing | iex");
    expect(r.effects).toMatchObject([
      { kind: 'run', command: 'iex', portability: 'windows-only', destinations: ['dependency-image'], program: { text: 'https://chocolatey.org/install.ps1' } },
      { kind: 'run', command: 'iex', program: { text: 'https://x.org/i.ps1' } },
    ]);
    expect(r.at(r.effects[1])).toBe('iwr https://x.org/i.ps1 -UseBasicParsing | iex');
  });
});

describe('verify', () => {
  it('(Get-FileHash ...).Hash -ne $env:X inside an if that exits is one verify; its messages belong to it', () => {
    const r = psRun("if ((Get-FileHash go.zip -Algorithm sha256).Hash -ne $env:GO_SHA256) { Write-Host 'FAILED!'; exit 1 }; Expand-Archive go.zip -DestinationPath C:\\", GO);
    expect(kinds(r)).toEqual(['verify', 'extract']);
    const v = r.one('verify');
    expect(v).toMatchObject({ command: 'Get-FileHash', algorithm: 'SHA256', onMismatch: 'exit', portability: 'translate', file: { text: 'go.zip' } });
    expect(v.expected).toMatchObject({ text: '6dbb4a6c5f8a0c4b1ee4b1bb1a4f44bb7c9a8a4f8e0bd5cc5a34f3e67f1f9e2c', source: '$env:GO_SHA256' });
    expect(r.at(v)).toBe("if ((Get-FileHash go.zip -Algorithm sha256).Hash -ne $env:GO_SHA256) { Write-Host 'FAILED!'; exit 1 }");
    expect(r.at(v.file)).toBe('go.zip');
  });

  it('a hash kept in a variable, throw, and the default algorithm', () => {
    const r = psRun("$f = 'C:\\vs.exe'; $hash = Get-FileHash $f; if ($hash.Hash -ne 'ABC') { throw 'bad download' }");
    expect(r.effects).toMatchObject([{ kind: 'verify', algorithm: 'SHA256', file: { text: 'C:\\vs.exe', source: '$f' }, expected: { text: 'ABC' }, onMismatch: 'throw' }]);
  });

  it('Select -ExpandProperty, .ToLower(), Write-Error, -eq with an else branch, -not .Equals()', () => {
    const r = psRun(String.raw`if ((Get-FileHash a.zip -Algorithm sha512 | Select -ExpandProperty Hash).ToLower() -ne $env:A) { Write-Error 'mismatch' }; if ((Get-FileHash b.zip).Hash -eq $env:B) { Expand-Archive b.zip C:\b } else { exit 2 }; if (!(Get-FileHash -Path c.zip).Hash.Equals('C')) { exit 1 }`);
    expect(r.effects.map((e) => (e.kind === 'verify' ? [e.algorithm, e.file?.text, e.expected?.source, e.onMismatch] : e.kind))).toEqual([
      ['SHA512', 'a.zip', '$env:A', 'throw'],
      ['SHA256', 'b.zip', '$env:B', 'exit'],
      'extract',
      ['SHA256', 'c.zip', "'C'", 'exit'],
    ]);
  });

  it('a hash checked inside ForEach-Object', () => {
    const r = psRun("Get-FileHash C:\\a.zip -Algorithm SHA256 | ForEach-Object { if ($_.Hash -ne $env:A_SHA) { throw 'bad' } }");
    expect(r.effects).toMatchObject([{ kind: 'verify', file: { text: 'C:\\a.zip' }, expected: { source: '$env:A_SHA' }, onMismatch: 'throw' }]);
  });

  it('a hash computed without consequence checks nothing', () => {
    const r = psRun("Get-FileHash C:\\a.zip; if ((Get-FileHash b.zip).Hash -ne 'B') { Write-Host 'different' }");
    expect(r.effects).toMatchObject([
      { kind: 'verify', onMismatch: 'none', file: { text: 'C:\\a.zip' } },
      { kind: 'verify', onMismatch: 'none', expected: { text: 'B' } },
    ]);
    expect(r.effects[0]?.reason).toMatch(/checks nothing/);
  });
});

describe('extract', () => {
  it('Expand-Archive positional, named and -LiteralPath', () => {
    const r = psRun(String.raw`Expand-Archive C:\a.zip C:\a; Expand-Archive -Path b.zip -DestinationPath C:\b -Force; Expand-Archive -LiteralPath 'C:\c [1].zip'`);
    expect(r.effects.map((e) => (e.kind === 'extract' ? [e.archive.text, e.destination?.text, e.format] : e.kind))).toEqual([
      ['C:\\a.zip', 'C:\\a', 'zip'],
      ['b.zip', 'C:\\b', 'zip'],
      ['C:\\c [1].zip', undefined, 'zip'],
    ]);
    expect(r.effects[0]).toMatchObject({ portability: 'translate', destinations: ['linux-stage', 'crane-prepare'] });
  });

  it('[IO.Compression.ZipFile]::ExtractToDirectory, with the assembly loading as session noise', () => {
    const r = psRun(String.raw`Add-Type -AssemblyName System.IO.Compression.FileSystem; [Reflection.Assembly]::LoadWithPartialName('System.IO.Compression.FileSystem') | Out-Null; [System.IO.Compression.ZipFile]::ExtractToDirectory('C:\go.zip', 'C:\')`);
    expect(kinds(r)).toEqual(['session', 'session', 'extract']);
    expect(r.one('extract')).toMatchObject({ command: '[System.IO.Compression.ZipFile]::ExtractToDirectory', archive: { text: 'C:\\go.zip' }, destination: { text: 'C:\\' }, format: 'zip' });
  });
});

describe('files', () => {
  it('New-Item, mkdir and md with -Name, -Value and -ItemType', () => {
    const r = psRun(String.raw`New-Item -ItemType Directory -Path C:\app -Force | Out-Null; New-Item -Path C:\app -Name cfg.txt -Value 'x=1'; New-Item -Type File C:\empty.txt; mkdir C:\logs; md C:\data; New-Item -ItemType SymbolicLink -Path C:\l -Target C:\app`);
    expect(r.effects.map((e) => (e.kind === 'file' ? [e.op, e.paths.map((p) => p.text).join(','), e.content?.text ?? e.destination?.text] : e.kind))).toEqual([
      ['mkdir', 'C:\\app', undefined],
      ['write', 'C:\\app\\cfg.txt', 'x=1'],
      ['write', 'C:\\empty.txt', undefined],
      ['mkdir', 'C:\\logs', undefined],
      ['mkdir', 'C:\\data', undefined],
      ['link', 'C:\\l', 'C:\\app'],
    ]);
  });

  it('copy, move, rename and remove with their aliases and arrays', () => {
    const r = psRun(String.raw`Copy-Item -Recurse C:\src\* C:\app; cp a.txt C:\app\; Move-Item C:\a C:\b; mv x y; Rename-Item C:\b\x.txt y.txt; Remove-Item C:\a.zip, C:\b.zip -Force; rm -r -fo C:\tmp; del C:\x.log`);
    expect(r.effects.map((e) => (e.kind === 'file' ? `${e.command}:${e.op} ${e.paths.map((p) => p.text).join(',')}${e.destination ? ` -> ${e.destination.text}` : ''}` : e.kind))).toEqual([
      'Copy-Item:copy C:\\src\\* -> C:\\app',
      'cp:copy a.txt -> C:\\app\\',
      'Move-Item:move C:\\a -> C:\\b',
      'mv:move x -> y',
      'Rename-Item:rename C:\\b\\x.txt -> y.txt',
      'Remove-Item:remove C:\\a.zip,C:\\b.zip',
      'rm:remove C:\\tmp',
      'del:remove C:\\x.log',
    ]);
  });

  it('Set-Content, Add-Content, Out-File, redirections and [IO.File]::WriteAllText', () => {
    const r = psRun(String.raw`Set-Content -Path C:\a.txt -Value 'a'; Add-Content C:\a.txt 'b'; 'c' | Out-File C:\c.txt -Encoding ascii; 'd' > C:\d.txt; 'e' >> C:\d.txt; [IO.File]::WriteAllText('C:\f.txt', 'f')`);
    expect(r.effects.map((e) => (e.kind === 'file' ? [e.command, e.paths[0]?.text, e.content?.text, e.append ?? false] : e.kind))).toEqual([
      ['Set-Content', 'C:\\a.txt', 'a', false],
      ['Add-Content', 'C:\\a.txt', 'b', true],
      ['Out-File', 'C:\\c.txt', 'c', false],
      ['>', 'C:\\d.txt', 'd', false],
      ['>>', 'C:\\d.txt', 'e', true],
      ['[IO.File]::WriteAllText', 'C:\\f.txt', 'f', false],
    ]);
  });

  it('paths piped into Remove-Item, and unknown paths', () => {
    const r = psRun(String.raw`Get-ChildItem C:\logs -Filter *.log | Remove-Item -Force; Remove-Item $env:WORK\x -Recurse`);
    expect(r.effects).toMatchObject([
      { kind: 'file', op: 'remove', paths: [{ text: 'C:\\logs\\*.log', source: 'Get-ChildItem C:\\logs -Filter *.log' }] },
      { kind: 'file', op: 'remove', paths: [{ source: '$env:WORK\\x' }], portability: 'translate' },
    ]);
    expect(r.effects[1]?.kind === 'file' && r.effects[1].paths[0]?.text).toBeUndefined();
    expect(r.effects[1]?.reason).toMatch(/cannot tell which/);
  });

  it('Set-Location, cd and Push-Location change the location for this RUN', () => {
    const r = psRun(String.raw`Set-Location C:\src; cd ..; pushd C:\x; popd`);
    expect(r.effects.map((e) => (e.kind === 'session' ? [e.setting, e.value] : e.kind))).toEqual([['location', 'C:\\src'], ['location', '..'], ['location', 'C:\\x'], ['location', undefined]]);
    expect(r.effects[0]?.destinations).toEqual(['drop']);
  });
});
