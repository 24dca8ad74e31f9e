import { describe, expect, it } from 'vitest';
import { kinds, psRun } from './powershell-test-support.ts';

describe('environment', () => {
  it('$env:X = ... affects only this RUN; read later, it moves with the commands that read it', () => {
    const r = psRun("$env:A = 'x'; $env:B = 'y'; Write-Host $env:B");
    const [a, b] = r.effects;
    expect(a).toMatchObject({ kind: 'env', scope: 'process', name: { text: 'A' }, value: { text: 'x', source: "'x'" }, portability: 'portable', destinations: ['drop'] });
    expect(a?.reason).toMatch(/affects only this RUN/);
    expect(b).toMatchObject({ kind: 'env', name: { text: 'B' }, destinations: ['linux-stage', 'crane-prepare', 'dependency-image'] });
    expect(r.at(a)).toBe("$env:A = 'x'");
    expect(r.effects[2]).toMatchObject({ kind: 'print', text: { text: 'y' } });
  });

  it('PATH additions from + and from an expandable string; a later program needs the process PATH', () => {
    const r = psRun(String.raw`$env:PATH = $env:PATH + ';C:\go\bin'; $env:Path = 'C:\git\cmd;' + $env:PATH; $env:PATH += ';C:\tools'; go version`);
    expect(r.effects.map((e) => (e.kind === 'env' ? e.pathAdditions : e.kind))).toEqual([['C:\\go\\bin'], ['C:\\git\\cmd'], ['C:\\tools'], 'smoke-test']);
    expect(r.effects[0]?.destinations).toEqual(['linux-stage', 'crane-prepare', 'dependency-image']);
    // The base image's PATH comes from winfile's catalog, so the new value is known in full.
    expect(r.effects[0]?.kind === 'env' && r.effects[0].value.text).toMatch(/^C:\\Windows\\system32;.*;C:\\go\\bin$/i);
  });

  it('"$env:PATH;C:\\x" in exec form (quotes kept) and [Environment]::SetEnvironmentVariable scopes', () => {
    const r = psRun(String.raw`["powershell", "-Command", "$env:PATH = \"$env:PATH;C:\\node\"; [Environment]::SetEnvironmentVariable('PATH', $env:PATH, [EnvironmentVariableTarget]::Machine); [Environment]::SetEnvironmentVariable('GOPATH', 'C:\\gopath', 'User'); [Environment]::SetEnvironmentVariable('X', '1')"]`);
    expect(r.effects.map((e) => (e.kind === 'env' ? [e.name.text, e.scope, e.pathAdditions, e.destinations] : e.kind))).toEqual([
      ['PATH', 'process', ['C:\\node'], ['linux-stage', 'crane-prepare', 'dependency-image']],
      ['PATH', 'machine', ['C:\\node'], ['image-config']],
      ['GOPATH', 'user', undefined, ['image-config']],
      ['X', 'process', undefined, ['drop']],
    ]);
    expect(r.effects[1]).toMatchObject({ command: '[Environment]::SetEnvironmentVariable', portability: 'translate' });
  });

  it('the registry keys of the environment are environment variables; setx gets its PATH additions', () => {
    const r = psRun(String.raw`$p = $env:Path + ';C:\go\bin'; Set-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' -Name Path -Value $p; setx /M PATH $('C:\git\cmd;' + $env:PATH)`);
    expect(r.effects).toMatchObject([
      { kind: 'env', command: 'Set-ItemProperty', scope: 'machine', name: { text: 'Path' }, value: { source: '$p' }, pathAdditions: ['C:\\go\\bin'] },
      { kind: 'env', command: 'setx', scope: 'machine', name: { text: 'PATH' }, pathAdditions: ['C:\\git\\cmd'] },
    ]);
  });

  it('ENV values the Dockerfile sets are known, and PATH from ENV is compared as written', () => {
    const r = psRun(String.raw`$env:PATH = $env:PATH + ';C:\x'; Write-Host $env:PATH`, 'ENV PATH=C:\\Windows\\system32;C:\\Windows\n');
    expect(r.effects[0]).toMatchObject({ kind: 'env', value: { text: 'C:\\Windows\\system32;C:\\Windows;C:\\x' }, pathAdditions: ['C:\\x'] });
  });
});

describe('packages, installers and features', () => {
  it('PowerShellGet and PackageManagement, pinned only with an exact version', () => {
    const r = psRun('Install-PackageProvider -Name NuGet -MinimumVersion 2.8.5.201 -Force; Install-Module -Name PSWindowsUpdate, Pester -RequiredVersion 5.5.0 -Force; Install-Module posh-git; Install-Package -Name docker -ProviderName DockerMsftProvider; Set-PSRepository -Name PSGallery -InstallationPolicy Trusted');
    expect(r.effects.map((e) => (e.kind === 'package' ? [e.manager, e.packages, e.pinned] : e.kind))).toEqual([
      ['package-provider', [{ name: 'NuGet', version: '>=2.8.5.201' }], false],
      ['psgallery', [{ name: 'PSWindowsUpdate', version: '5.5.0' }, { name: 'Pester', version: '5.5.0' }], true],
      ['psgallery', [{ name: 'posh-git' }], false],
      ['package-provider', [{ name: 'docker' }], false],
      ['psgallery', [], false],
    ]);
    expect(r.effects[0]).toMatchObject({ portability: 'windows-only', destinations: ['dependency-image'] });
  });

  it('Start-Process msiexec: the installer is the .msi; -ArgumentList strings are split as msiexec will', () => {
    const r = psRun(String.raw`Start-Process msiexec.exe -ArgumentList '/i', 'C:\node.msi', '/qn ADDLOCAL=ALL' -Wait; Start-Process msiexec -ArgumentList '/i C:\go.msi /quiet' -NoNewWindow`);
    const [node, go] = r.effects;
    if (node?.kind !== 'installer' || go?.kind !== 'installer') throw new Error(kinds(r).join());
    expect([node.installer.text, node.args.map((a) => a.text), node.format, node.waits]).toEqual(['C:\\node.msi', ['/i', '/qn', 'ADDLOCAL=ALL'], 'msi', true]);
    expect(r.at(node.args[2])).toBe('ADDLOCAL=ALL');
    expect([go.installer.text, r.at(go.installer), go.waits]).toEqual(['C:\\go.msi', 'C:\\go.msi', false]);
    expect(node).toMatchObject({ command: 'Start-Process', portability: 'windows-only', destinations: ['dependency-image'] });
  });

  it('Start-Process with an .exe, -PassThru + WaitForExit, and installers run with & or .\\', () => {
    const r = psRun(String.raw`$p = Start-Process -FilePath C:\vs_buildtools.exe -ArgumentList '--quiet --wait --add Microsoft.VisualStudio.Workload.VCTools' -PassThru; $p.WaitForExit(); Start-Process .\gpg4win.exe -ArgumentList '/S'; & 'C:\x\setup.exe' /S; .\installer.exe /quiet`);
    expect(r.effects.map((e) => (e.kind === 'installer' ? [e.command, e.installer.text, e.args.map((a) => a.text), e.format, e.waits] : e.kind))).toEqual([
      ['Start-Process', 'C:\\vs_buildtools.exe', ['--quiet', '--wait', '--add', 'Microsoft.VisualStudio.Workload.VCTools'], 'exe', true],
      ['Start-Process', '.\\gpg4win.exe', ['/S'], 'exe', false],
      ["'C:\\x\\setup.exe'", 'C:\\x\\setup.exe', ['/S'], 'exe', true],
      ['.\\installer.exe', '.\\installer.exe', ['/quiet'], 'exe', true],
    ]);
  });

  it('a process waited for with Wait-Process or (...).WaitForExit() waits', () => {
    const r = psRun(String.raw`$p = Start-Process C:\a-setup.exe -ArgumentList '/S' -PassThru; $p | Wait-Process; (Start-Process C:\b-setup.exe -PassThru).WaitForExit(); Start-Process C:\c-setup.exe -PassThru`);
    expect(r.effects.map((e) => (e.kind === 'installer' ? [e.installer.text, e.waits] : e.kind))).toEqual([['C:\\a-setup.exe', true], ['C:\\b-setup.exe', true], ['C:\\c-setup.exe', false]]);
  });

  it('Windows features and capabilities', () => {
    const r = psRun('Install-WindowsFeature Web-Server, NET-Framework-45-ASPNET; Add-WindowsFeature -Name Web-Asp-Net45; Enable-WindowsOptionalFeature -Online -FeatureName IIS-WebServerRole -All; Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0');
    expect(r.effects.map((e) => (e.kind === 'feature' ? e.features : e.kind))).toEqual([['Web-Server', 'NET-Framework-45-ASPNET'], ['Web-Asp-Net45'], ['IIS-WebServerRole'], ['OpenSSH.Server~~~~0.0.1.0']]);
    expect(r.effects[0]).toMatchObject({ portability: 'windows-only', destinations: ['dependency-image'] });
  });

  it('choco and dotnet are native programs (nativeEffects)', () => {
    const r = psRun('choco install -y git --version 2.44.0; dotnet publish -c Release -o C:\\app');
    expect(r.effects).toMatchObject([
      { kind: 'package', manager: 'choco', packages: [{ name: 'git', version: '2.44.0' }] },
      { kind: 'build', tool: 'dotnet', verb: 'publish', configuration: 'Release' },
    ]);
  });
});

describe('registry, services, users', () => {
  it('item cmdlets on registry paths', () => {
    const r = psRun(String.raw`New-Item -Path 'HKLM:\SOFTWARE\Acme' -Force; Set-ItemProperty -Path HKLM:\SOFTWARE\Acme -Name Mode -Value 2 -Type DWord; New-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\FileSystem' -Name LongPathsEnabled -Value 1 -PropertyType DWORD -Force; Remove-ItemProperty -Path HKCU:\Software\Acme -Name Old; Remove-Item 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Old' -Recurse`);
    expect(r.effects.map((e) => (e.kind === 'registry' ? [e.action, e.key?.text, e.name?.text, e.data?.text] : e.kind))).toEqual([
      ['create-key', 'HKLM:\\SOFTWARE\\Acme', undefined, undefined],
      ['set', 'HKLM:\\SOFTWARE\\Acme', 'Mode', '2'],
      ['set', 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem', 'LongPathsEnabled', '1'],
      ['delete', 'HKCU:\\Software\\Acme', 'Old', undefined],
      ['delete', 'Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Old', undefined, undefined],
    ]);
    expect(r.effects[1]).toMatchObject({ portability: 'windows-only', destinations: ['dependency-image', 'deployment'] });
  });

  it('services: registering and configuring persist, starting lasts only for the RUN', () => {
    const r = psRun(String.raw`New-Service -Name agent -BinaryPathName C:\agent\agent.exe; Set-Service -Name agent -StartupType Automatic; Start-Service agent; Stop-Service -Name W3SVC -Force; Restart-Service MSSQLSERVER`);
    expect(r.effects.map((e) => (e.kind === 'service' ? [e.action, e.name?.text, e.destinations[0]] : e.kind))).toEqual([
      ['create', 'agent', 'dependency-image'],
      ['configure', 'agent', 'dependency-image'],
      ['start', 'agent', 'drop'],
      ['stop', 'W3SVC', 'drop'],
      ['start', 'MSSQLSERVER', 'drop'],
    ]);
  });

  it('local users, groups and ACLs', () => {
    const r = psRun(String.raw`New-LocalUser -Name app -NoPassword; Add-LocalGroupMember -Group Administrators -Member app; $acl = Get-Acl C:\app; $acl.SetAccessRule($rule); Set-Acl -Path C:\app -AclObject $acl`);
    expect(r.effects.map((e) => (e.kind === 'user' ? [e.action, e.user?.text, e.group?.text, e.path?.text] : e.kind))).toEqual([
      ['create-user', 'app', undefined, undefined],
      ['group-member', 'app', 'Administrators', undefined],
      'session',
      ['acl', undefined, undefined, 'C:\\app'],
    ]);
  });
});

describe('prints, smoke tests, session settings, unknowns', () => {
  it('Write-Host/Write-Output print; version checks and Get-Command are smoke tests', () => {
    const r = psRun("Write-Host 'Installing' $env:V; echo done; git --version; Get-Command git; $PSVersionTable.PSVersion; Get-ChildItem C:\\app", 'ENV V=1.0\n');
    expect(r.effects.map((e) => [e.kind, e.kind === 'print' ? e.text?.text : e.kind === 'smoke-test' ? e.program : undefined, e.destinations.join()])).toEqual([
      ['print', 'Installing 1.0', 'drop'],
      ['print', 'done', 'drop'],
      ['smoke-test', 'git', 'drop'],
      ['smoke-test', 'git', 'drop'],
      ['smoke-test', 'powershell', 'drop'],
      ['print', undefined, 'drop'],
    ]);
    expect(r.at(r.effects[0])).toBe("Write-Host 'Installing' $env:V");
  });

  it('preference variables, TLS, execution policy, modules', () => {
    const r = psRun("$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; Set-ExecutionPolicy Bypass -Scope Process -Force; Set-ExecutionPolicy RemoteSigned; Import-Module WebAdministration");
    expect(r.effects.map((e) => (e.kind === 'session' ? [e.setting, e.value, e.destinations[0]] : e.kind))).toEqual([
      ['error-action', 'Stop', 'drop'],
      ['progress', 'SilentlyContinue', 'drop'],
      ['tls', 'Tls12', 'drop'],
      ['execution-policy', 'Bypass', 'drop'],
      ['execution-policy', 'RemoteSigned', 'drop'],
      ['other', 'WebAdministration', 'drop'],
    ]);
    expect(r.effects[4]?.portability).toBe('windows-only');
  });

  it('a condition that matters is no smoke test; the command winfile does not know is unknown', () => {
    const r = psRun(String.raw`if (-not (Test-Path C:\app)) { mkdir C:\app }; Frobnicate-Widget -All; $obj.Launch()`);
    expect(r.effects).toMatchObject([
      { kind: 'file', op: 'mkdir', paths: [{ text: 'C:\\app' }] },
      { kind: 'unknown', command: 'Frobnicate-Widget', portability: 'windows-only', destinations: ['dependency-image'] },
      { kind: 'unknown', command: '$obj.Launch' },
    ]);
    expect(r.effects[1]?.reason).toMatch(/winfile does not know what this command does/);
    expect(r.at(r.effects[1])).toBe('Frobnicate-Widget -All');
  });
});
