// Installers and package managers: steps that change the Windows system (files in Program Files,
// registry, services) and so stay in a Windows dependency image, with a few exceptions explained
// where they are made (nuget install only unpacks, pip wheel builds).
import { parseOptions, show, str } from './native-args.ts';
import type { Opt, OptionGrammar } from './native-args.ts';
import { fields, runEffect, smokeTest, splitPackage, translate, windowsOnly } from './native-make.ts';
import type { Handler } from './native-make.ts';
import type { NativeCall } from './native.ts';
import type { BuildEffect, Effect, InstallerEffect, PackageEffect, Value } from './types.ts';

const SILENT = /^(?:[/-]{1,2})(?:s|q|qn|qb-?!?|qr|quiet|silent|verysilent|passive|y|yes|install-quiet|accepteula|sp-|suppressmsgboxes|v"?\/qn"?|vqn)$/i;

export function installer(call: NativeCall, installerValue: Value, args: Value[], format: InstallerEffect['format'], reason: string, notes: string[]): InstallerEffect {
  if (call.async) notes.push('it is started without waiting, so the RUN can end before the installation does');
  const text = [reason, ...notes].join('; ');
  return { kind: 'installer', ...fields(call, windowsOnly(text)), installer: installerValue, args, format, waits: !call.async };
}

function isQuiet(o: Opt): boolean {
  return /^q[nbrf]?[+-]?!?$/.test(o.key) || o.key === 'quiet' || o.key === 'passive';
}

export const msiexec: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const modes = ['install', 'admin', 'uninstall', 'patch', 'repair', 'advertise'];
  const opt = p.opts.find((o) => modes.includes(o.key) && o.value);
  const pkg = opt?.value ?? p.positionals.find((a) => /\.ms[ip]$/i.test(str(a)));
  if (!pkg) return null;
  const args = call.args.filter((a) => a !== pkg && a !== opt?.arg);
  const mode = opt?.key ?? 'install';
  const notes: string[] = [];
  if (!p.opts.some(isQuiet)) notes.push('without /qn (or /quiet) msiexec shows its user interface and the build hangs');
  const what: Record<string, string> = {
    install: `installs ${show(pkg)} with Windows Installer; the files, registry keys and services it creates need a Windows build`,
    admin: `unpacks ${show(pkg)} to an administrative install point (msiexec /a runs no install actions; msiextract from msitools could do this on Linux)`,
    uninstall: `uninstalls ${show(pkg)} with Windows Installer`,
    patch: `applies the patch ${show(pkg)} with Windows Installer`,
    repair: `repairs ${show(pkg)} with Windows Installer`,
    advertise: `advertises ${show(pkg)} with Windows Installer`,
  };
  return [installer(call, pkg, args, 'msi', what[mode] as string, notes)];
};

export const wusa: Handler = (call) => {
  const pkg = call.args.find((a) => !/^[/-]/.test(str(a)));
  if (!pkg) return null;
  const notes = call.args.some((a) => /^[/-]quiet$/i.test(str(a))) ? [] : ['without /quiet wusa waits for a confirmation'];
  return [installer(call, pkg, call.args.filter((a) => a !== pkg), 'unknown', `installs the Windows update ${show(pkg)}`, notes)];
};

/** An .exe (or .msi started directly) installer: setup.exe, vs_buildtools, vc_redist... */
export function exeInstaller(call: NativeCall): InstallerEffect {
  const args = call.args;
  const notes: string[] = [];
  const isMsi = /\.msi$/i.test(str(call.name));
  if (!args.some((a) => SILENT.test(str(a)) || /^--?(?:quiet|silent|passive)$/i.test(str(a)))) {
    notes.push('no silent switch (/S, /quiet, /q, --quiet): the installer may wait for input and hang the build');
  }
  if (/^vs_/.test(call.program)) {
    if (!args.some((a) => /^--wait$/i.test(str(a)))) notes.push('without --wait the Visual Studio bootstrapper returns before the installation ends');
    notes.push('exit code 3010 means success with a reboot pending, which fails the RUN unless the script accepts it');
  }
  const reason = `runs the installer ${show(call.name)}; what it installs (files, registry keys, services) needs a Windows build`;
  return installer(call, call.name, [...args], isMsi ? 'msi' : 'exe', reason, notes);
}

export const installerHandler: Handler = (call) => [exeInstaller(call)];

function pkgEffect(call: NativeCall, manager: PackageEffect['manager'], packages: PackageEffect['packages'], reason: string, notes: string[], portable = false): PackageEffect {
  const pinned = packages.length > 0 && packages.every((p) => p.version !== undefined);
  const text = [reason, ...notes].join('; ');
  const verdict = portable ? translate(text, 'linux-stage', 'crane-prepare') : windowsOnly(text);
  return { kind: 'package', ...fields(call, verdict), manager, packages, pinned };
}

const names = (packages: PackageEffect['packages']): string => packages.map((p) => (p.version ? `${p.name} ${p.version}` : p.name)).join(', ') || 'packages';

export const choco: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const implied: Record<string, string> = { cinst: 'install', cup: 'upgrade', cuninst: 'uninstall' };
  const pos = [...p.positionals];
  const verb = implied[call.program] ?? str(pos.shift()).toLowerCase();
  if (spec.smoke?.includes(verb) || p.has('version') && verb === '') return [smokeTest(call)];
  if (['feature', 'config', 'source', 'sources', 'pin', 'apikey', 'setapikey'].includes(verb)) {
    return [runEffect(call, windowsOnly(`choco ${verb} configures Chocolatey for later choco commands`))];
  }
  if (!['install', 'upgrade', 'uninstall', 'update'].includes(verb)) return null;
  const version = p.get('version');
  const packages = pos.map((v) => (version ? { name: str(v), version: str(version) } : { name: str(v) }));
  const notes: string[] = [];
  if (verb !== 'uninstall') {
    if (!p.has('yes')) notes.push('without -y Chocolatey asks for confirmation (unless allowGlobalConfirmation is on)');
    if (!version) notes.push('no --version: the build takes whatever version is newest');
  }
  const doing = verb === 'uninstall' ? 'uninstalls' : verb === 'install' ? 'installs' : 'upgrades';
  return [pkgEffect(call, 'choco', packages, `${doing} ${names(packages)} with Chocolatey, whose packages run install scripts (mostly Windows installers)`, notes)];
};

export const winget: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  if (!['install', 'add', 'upgrade', 'update', 'uninstall', 'remove', 'rm'].includes(verb)) return null;
  const id = p.get('id', 'name', 'moniker', 'query', 'manifest') ?? pos[0];
  const version = p.get('version');
  const packages = id ? [version ? { name: str(id), version: str(version) } : { name: str(id) }] : [];
  const notes = ['winget is not part of Windows Server Core or Nano Server images (it needs App Installer)'];
  if (!p.has('accept-package-agreements')) notes.push('without --accept-package-agreements winget asks for consent');
  return [pkgEffect(call, 'winget', packages, `${verb === 'uninstall' || verb === 'remove' || verb === 'rm' ? 'uninstalls' : 'installs'} ${names(packages)} with winget`, notes)];
};

export const scoop: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  if (['bucket', 'config', 'alias', 'hold', 'unhold', 'reset', 'cleanup', 'cache'].includes(verb)) {
    return [runEffect(call, windowsOnly(`scoop ${verb} changes Scoop's setup for later scoop commands`))];
  }
  if (!['install', 'uninstall', 'update'].includes(verb)) return null;
  const packages = pos.map((v) => splitPackage(str(v), /@/));
  return [pkgEffect(call, 'scoop', packages, `${verb === 'uninstall' ? 'uninstalls' : 'installs'} ${names(packages)} with Scoop (portable apps and shims under the user profile)`, [])];
};

/** pip, also as `python -m pip`: `args` start at pip's own arguments. */
export function pipEffects(call: NativeCall, args: readonly Value[], grammar: OptionGrammar, smoke: readonly string[]): Effect[] | null {
  const p = parseOptions(args, grammar);
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (verb === '' && args.length > 0 && p.has('version', 'V')) return [smokeTest(call)];
  if (smoke.includes(verb)) return [smokeTest(call)];
  if (verb === 'wheel' || verb === 'download') {
    const reason = verb === 'wheel'
      ? 'builds wheels; pure-Python wheels are the same on Linux, packages with C extensions need a Windows compiler'
      : 'downloads packages; pip download --platform win_amd64 --only-binary=:all: fetches the Windows wheels from Linux';
    const e: BuildEffect = { kind: 'build', ...fields(call, translate(reason)), tool: 'pip', verb, args: [...args] };
    const out = p.get('wheel-dir', 'dest');
    if (out) e.output = out;
    return [e];
  }
  if (verb === 'config' || verb === 'cache') return [runEffect(call, windowsOnly(`pip ${verb} changes pip's own configuration or cache`, 'drop'))];
  if (verb !== 'install' && verb !== 'uninstall') return null;
  const packages = [...pos, ...p.all('editable')].map((v) => pipRequirement(str(v)));
  const files = p.all('requirement');
  const notes: string[] = [];
  if (files.length > 0) notes.push(`and the requirements listed in ${files.map(show).join(', ')}, which winfile does not read`);
  const e = pkgEffect(call, 'pip', packages, `${verb === 'install' ? 'installs' : 'uninstalls'} ${names(packages)} with pip into the Windows Python; compiled wheels and the .exe launchers pip creates are Windows-specific (pip download --platform win_amd64 could fetch wheels in a Linux stage)`, notes);
  if (files.length > 0) e.pinned = false;
  return [e];
}

function pipRequirement(spec: string): { name: string; version?: string } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(===?|~=|!=|>=|<=|>|<)?\s*([^;\s]*)/.exec(spec);
  if (!m || /[:/\\]/.test(spec)) return { name: spec };
  const name = `${m[1] as string}${m[2] ?? ''}`;
  return m[3] === '==' || m[3] === '===' ? { name, version: m[4] as string } : { name };
}

export const pip: Handler = (call, spec) => pipEffects(call, call.args, spec.grammar ?? { style: 'posix' }, spec.smoke ?? []);

export const gem: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  if (verb === 'sources') return [runEffect(call, windowsOnly('gem sources changes the gem sources for later gem commands'))];
  if (!['install', 'i', 'update', 'uninstall'].includes(verb)) return null;
  const version = p.get('version');
  const packages = p.has('system') ? [{ name: 'rubygems-update' }] : pos.map((v) => (version ? { name: str(v), version: str(version) } : splitPackage(str(v), /:/)));
  const reason = `${verb === 'uninstall' ? 'uninstalls' : 'installs'} ${names(packages)} with RubyGems into the Windows Ruby; gems with C extensions compile with the Windows toolchain (RubyInstaller's MSYS2)`;
  return [pkgEffect(call, 'gem', packages, reason, [])];
};

export const nuget: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  if (verb === 'install') {
    const id = pos[0];
    if (!id) return null;
    const version = p.get('version');
    const packages = [version ? { name: str(id), version: str(version) } : { name: str(id) }];
    const out = p.get('output');
    const reason = `downloads ${names(packages)} and its dependencies from NuGet and unpacks them into ${out ? show(out) : 'the working directory'}; nothing is installed into Windows, so a Linux stage can fetch and unzip the .nupkg files`;
    return [pkgEffect(call, 'nuget', packages, reason, version ? [] : ['no -Version: the build takes the newest version'], true)];
  }
  if (verb === 'restore') {
    const reason = 'restores NuGet packages with nuget.exe (a .NET Framework program), as .NET Framework projects with packages.config need; if the projects are SDK-style, dotnet restore does the same in a Linux stage, which winfile cannot tell statically';
    const e: BuildEffect = { kind: 'build', ...fields(call, windowsOnly(reason)), tool: 'nuget', verb, args: call.args.slice(1) };
    if (pos[0]) e.project = pos[0];
    const out = p.get('packages');
    if (out) e.output = out;
    return [e];
  }
  if (['sources', 'source', 'config', 'setapikey'].includes(verb)) {
    return [runEffect(call, translate(`nuget ${verb} configures NuGet for later restores; keep it with them`, 'linux-stage', 'dependency-image'))];
  }
  if (verb === 'update') return [runEffect(call, windowsOnly('nuget update changes packages or nuget.exe itself'))];
  return null;
};

/** Bundler installs the gems of a Gemfile. */
export const bundler: Handler = (call) => {
  const verb = str(call.args[0]).toLowerCase() || 'install';
  if (verb !== 'install' && verb !== 'update') return null;
  return [pkgEffect(call, 'gem', [], `bundle ${verb} installs the gems of the Gemfile into the Windows Ruby; gems with C extensions compile with the Windows toolchain`, [])];
};
