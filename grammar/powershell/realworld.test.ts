// Realistic RUN bodies (written for these tests) and what a consumer needs
// from them: command names, parameter values, member calls.

import { describe, expect, test } from 'vitest';
import { findCommands, findParameter, parsePowerShell, positionalArguments, staticString, walk } from './index.ts';
import type { Command, InvokeMember, PsScript } from './ast.ts';

function parse(text: string): PsScript {
  const r = parsePowerShell(text);
  expect(r.errors).toEqual([]);
  return r.script;
}

const cmdNames = (s: PsScript) => findCommands(s).map((c) => c.nameText ?? '?');
const param = (c: Command | undefined, name: string) => (c ? staticString(findParameter(c, name)?.value) : undefined);

function invocations(s: PsScript): string[] {
  const out: string[] = [];
  walk(s, (n) => {
    if (n.type === 'InvokeMember') {
      const m = n as InvokeMember;
      const obj = m.object.type === 'TypeLiteral' ? `[${m.object.typeName}]` : m.object.type;
      out.push(`${obj}${m.static ? '::' : '.'}${staticString(m.member)}`);
    }
  });
  return out;
}

describe('real-world shaped RUN bodies', () => {
  test('download, verify checksum, unpack', () => {
    const s = parse([
      "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';",
      "$url = ('https://nodejs.org/dist/v{0}/node-v{0}-win-x64.zip' -f $env:NODE_VERSION);",
      'Invoke-WebRequest -Uri $url -OutFile node.zip -UseBasicParsing;',
      "if ((Get-FileHash node.zip -Algorithm sha256).Hash -ne $env:NODE_SHA256) { Write-Host 'checksum mismatch'; exit 1 };",
      'Expand-Archive node.zip -DestinationPath C:\\ ;',
      'Rename-Item -Path "C:\\node-v$env:NODE_VERSION-win-x64" -NewName C:\\nodejs;',
      'Remove-Item node.zip -Force',
    ].join(' \t'));
    expect(cmdNames(s)).toEqual(['Invoke-WebRequest', 'Get-FileHash', 'Write-Host', 'Expand-Archive', 'Rename-Item', 'Remove-Item']);
    const [iwr, hash, , expand, rename, remove] = findCommands(s);
    expect(findParameter(iwr!, 'Uri')?.value).toMatchObject({ type: 'Variable', name: 'url' });
    expect(param(iwr, 'OutFile')).toBe('node.zip');
    expect(findParameter(iwr!, 'UseBasicParsing')?.value).toBeUndefined();
    expect(param(hash, 'Algorithm')).toBe('sha256');
    expect(positionalArguments(expand!).map(staticString)).toEqual(['node.zip']);
    expect(param(expand, 'DestinationPath')).toBe('C:\\');
    expect(findParameter(rename!, 'Path')?.value?.type).toBe('ExpandableString');
    expect(positionalArguments(remove!).map(staticString)).toEqual(['node.zip']);
  });

  test('MSI installer with exit code check', () => {
    const s = parse([
      "$msi = Join-Path $env:TEMP 'python.msi'",
      '(New-Object System.Net.WebClient).DownloadFile($env:PYTHON_URL, $msi)',
      "$p = Start-Process msiexec.exe -ArgumentList '/i', $msi, '/qn', 'ALLUSERS=1', 'TARGETDIR=C:\\Python' -Wait -PassThru -NoNewWindow",
      'if ($p.ExitCode -ne 0) { throw "msiexec failed with $($p.ExitCode)" }',
    ].join('\n'));
    expect(cmdNames(s)).toEqual(['Join-Path', 'New-Object', 'Start-Process']);
    expect(invocations(s)).toEqual(['ParenExpression.DownloadFile']);
    const start = findCommands(s)[2]!;
    expect(positionalArguments(start).map(staticString)).toEqual(['msiexec.exe']);
    const args = findParameter(start, 'ArgumentList')?.value;
    expect(args?.type).toBe('ArrayLiteral');
    expect(args?.type === 'ArrayLiteral' && args.elements.map((e) => staticString(e) ?? `<${e.type}>`)).toEqual(['/i', '<Variable>', '/qn', 'ALLUSERS=1', 'TARGETDIR=C:\\Python']);
    expect(['Wait', 'PassThru', 'NoNewWindow'].map((n) => findParameter(start, n)?.value)).toEqual([undefined, undefined, undefined]);
  });

  test('registry, environment and PATH', () => {
    const s = parse([
      "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem' -Name LongPathsEnabled -Value 1 -PropertyType DWORD -Force | Out-Null;",
      "[Environment]::SetEnvironmentVariable('PATH', $env:PATH + ';C:\\go\\bin', [EnvironmentVariableTarget]::Machine);",
      '$env:GOPATH = "C:\\gopath";',
      'setx /M PATH "$($env:PATH);C:\\tools"',
    ].join(' '));
    expect(cmdNames(s)).toEqual(['New-ItemProperty', 'Out-Null', 'setx']);
    const nip = findCommands(s)[0]!;
    expect(param(nip, 'Path')).toBe('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem');
    expect([param(nip, 'Name'), param(nip, 'Value'), param(nip, 'PropertyType')]).toEqual(['LongPathsEnabled', '1', 'DWORD']);
    expect(invocations(s)).toEqual(['[Environment]::SetEnvironmentVariable']);
    expect(s.statements[2]).toMatchObject({ type: 'Assignment', target: { type: 'Variable', scope: 'env', name: 'GOPATH' } });
    const setx = findCommands(s)[2]!;
    expect(positionalArguments(setx).map((a) => a.type)).toEqual(['BareWord', 'BareWord', 'ExpandableString']);
  });

  test('chocolatey bootstrap and packages', () => {
    const s = parse(
      "Set-ExecutionPolicy Bypass -Scope Process -Force; [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.ServicePointManager]::SecurityProtocol -bor 3072; iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1')); choco install -y --no-progress git 7zip; Remove-Item C:\\ProgramData\\chocolatey\\logs -Recurse -Force",
    );
    expect(cmdNames(s)).toEqual(['Set-ExecutionPolicy', 'iex', 'New-Object', 'choco', 'Remove-Item']);
    expect(invocations(s)).toEqual(['ParenExpression.DownloadString']);
    const choco = findCommands(s)[3]!;
    expect(choco.elements.map((e) => (e.type === 'CommandParameter' ? `-${e.name}` : staticString(e)))).toEqual(['install', '-y', '--no-progress', 'git', '7zip']);
    expect(param(findCommands(s)[0], 'Scope')).toBe('Process');
  });

  test('Windows features, modules, services', () => {
    const s = parse([
      'Install-WindowsFeature -Name Web-Server, NET-Framework-45-ASPNET -IncludeAllSubFeature ;',
      'Enable-WindowsOptionalFeature -Online -FeatureName IIS-ASPNET45 -All -NoRestart ;',
      'Install-PackageProvider -Name NuGet -MinimumVersion 2.8.5.201 -Force ;',
      'Install-Module -Name SqlServer -Repository PSGallery -AllowClobber -Force ;',
      'Import-Module WebAdministration ; Set-Service -Name w3svc -StartupType Automatic ;',
      "New-WebAppPool -Name api ; Set-ItemProperty IIS:\\AppPools\\api -Name managedRuntimeVersion -Value ''",
    ].join(' '));
    const cmds = findCommands(s);
    expect(cmdNames(s)).toEqual(['Install-WindowsFeature', 'Enable-WindowsOptionalFeature', 'Install-PackageProvider', 'Install-Module', 'Import-Module', 'Set-Service', 'New-WebAppPool', 'Set-ItemProperty']);
    const features = findParameter(cmds[0]!, 'Name')?.value;
    expect(features?.type === 'ArrayLiteral' && features.elements.map(staticString)).toEqual(['Web-Server', 'NET-Framework-45-ASPNET']);
    expect(param(cmds[1], 'FeatureName')).toBe('IIS-ASPNET45');
    expect(param(cmds[2], 'MinimumVersion')).toBe('2.8.5.201');
    expect(positionalArguments(cmds[7]!).map(staticString)).toEqual(['IIS:\\AppPools\\api']);
    expect(param(cmds[7], 'Value')).toBe('');
  });

  test('a helper function with retries, written over several lines', () => {
    const s = parse([
      'function Get-WithRetry([string] $Uri, [string] $OutFile) {',
      '  $attempt = 0',
      '  while ($true) {',
      '    try {',
      '      Invoke-WebRequest -Uri $Uri `',
      '        -OutFile $OutFile -UseBasicParsing',
      '      break',
      '    } catch {',
      '      if (++$attempt -ge 3) { throw }',
      "      Write-Warning \"retry $attempt for ${Uri}: $($_.Exception.Message)\"",
      '      Start-Sleep -Seconds (2 * $attempt)',
      '    }',
      '  }',
      '}',
      'Get-WithRetry -Uri https://aka.ms/vs/17/release/vs_buildtools.exe -OutFile C:\\vs_buildtools.exe',
      '& C:\\vs_buildtools.exe --quiet --wait --norestart --nocache --add Microsoft.VisualStudio.Workload.VCTools --includeRecommended',
      'if ($LASTEXITCODE -notin 0, 3010) { exit $LASTEXITCODE }',
    ].join('\n'));
    expect(s.statements.map((st) => st.type)).toEqual(['FunctionDefinition', 'Pipeline', 'Pipeline', 'If']);
    expect(cmdNames(s)).toEqual(['Invoke-WebRequest', 'Write-Warning', 'Start-Sleep', 'Get-WithRetry', 'C:\\vs_buildtools.exe']);
    const call = findCommands(s)[4]!;
    expect(call.invocation).toBe('&');
    expect(positionalArguments(call).map(staticString)).toContain('Microsoft.VisualStudio.Workload.VCTools');
    expect(param(findCommands(s)[3], 'Uri')).toBe('https://aka.ms/vs/17/release/vs_buildtools.exe');
  });

  test('git clone and build via cmd and dotnet', () => {
    const s = parse('git clone --depth 1 --branch $env:TAG https://github.com/org/repo.git C:\\src; cd C:\\src; dotnet publish -c Release -o C:\\app --no-restore; cmd /S /C "nmake /f Makefile.win 2>&1"; if (-not $?) { exit 1 }');
    expect(cmdNames(s)).toEqual(['git', 'cd', 'dotnet', 'cmd']);
    const git = findCommands(s)[0]!;
    expect(git.elements.map((e) => staticString(e) ?? e.type)).toEqual(['clone', '--depth', '1', '--branch', 'Variable', 'https://github.com/org/repo.git', 'C:\\src']);
    const dotnet = findCommands(s)[2]!;
    expect(dotnet.elements.filter((e) => e.type === 'CommandParameter').map((e) => (e as { name: string }).name)).toEqual(['c', 'o']);
  });
});
