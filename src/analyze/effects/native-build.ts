// Builds: most toolchains cross-compile, so the step can move to a Linux stage with the right
// target (dotnet -r win-x64, GOOS=windows, cargo --target x86_64-pc-windows-gnu). MSBuild for
// .NET Framework and C++ cannot.
import { parseOptions, part, show, str } from './native-args.ts';
import type { ParsedArgs } from './native-args.ts';
import { fields, runEffect, smokeTest, splitPackage, translate, windowsOnly } from './native-make.ts';
import type { Handler, Verdict } from './native-make.ts';
import type { NativeCall } from './native.ts';
import type { BuildEffect, Effect, PackageEffect, Value } from './types.ts';

function build(call: NativeCall, tool: BuildEffect['tool'], verb: string, verdict: Verdict, given: Partial<Pick<BuildEffect, 'project' | 'output' | 'configuration' | 'runtime'>> = {}): BuildEffect {
  const e: BuildEffect = { kind: 'build', ...fields(call, verdict), tool, verb, args: call.args };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) Object.assign(e, { [k]: v });
  return e;
}

/** MSBuild properties (`-p:A=1;B=2`, `/p:A=1`, `-p A=1`) with each value as a part of its argument. */
function properties(p: ParsedArgs): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const v of p.all('property')) {
    const s = str(v);
    let at = 0;
    for (const item of s.split(';')) {
      const eq = item.indexOf('=');
      if (eq > 0) out.set(item.slice(0, eq).trim().toLowerCase(), part(v, at + eq + 1, at + item.length));
      at += item.length + 1;
    }
  }
  return out;
}

const text = (v: Value | undefined): string | undefined => (v ? str(v) : undefined);

export const dotnet: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (!verbV || spec.smoke?.includes(verb)) return p.opts.length > 0 || verbV ? [smokeTest(call)] : null;
  if (/\.(dll|exe)$/i.test(verb)) return [runEffect(call, windowsOnly(`runs the .NET application ${show(verbV)}; what it does is not analysed`))];
  if (verb === 'tool') return dotnetTool(call, p, pos);
  if (verb === 'run' || verb === 'watch') return [runEffect(call, windowsOnly(`dotnet ${verb} builds and runs the project; what the program does is not analysed`))];
  if (verb === 'workload') return [runEffect(call, windowsOnly('dotnet workload installs SDK workloads into the Windows SDK'))];
  if (verb === 'dev-certs') return [runEffect(call, windowsOnly('dotnet dev-certs works with the Windows certificate store'))];
  if (verb === 'nuget') return [runEffect(call, translate('dotnet nuget configures NuGet sources for later restores; keep it with them', 'linux-stage', 'dependency-image'))];
  if (['new', 'sln', 'add', 'remove', 'format', 'list'].includes(verb)) return [runEffect(call, translate(`dotnet ${verb} works on project files; a Linux stage does the same`))];
  if (!['restore', 'build', 'publish', 'test', 'pack', 'clean', 'msbuild', 'store', 'vstest'].includes(verb)) return null;
  const props = properties(p);
  const configuration = text(p.get('configuration') ?? props.get('configuration'));
  const os = text(p.get('os'));
  const arch = text(p.get('arch'));
  const runtime = text(p.get('runtime') ?? props.get('runtimeidentifier')) ?? (os ? `${os}-${arch ?? 'x64'}` : undefined);
  const notes = [verb === 'restore' ? 'dotnet restore fetches the same packages on Linux (runtime packs only for the -r it is given)' : `dotnet ${verb} runs on Linux and builds the same IL`];
  if (runtime) notes.push(`with -r ${runtime} it ${/^win/i.test(runtime) ? 'cross-compiles the Windows binaries there too' : 'targets a runtime that is not Windows'}`);
  else if (verb === 'publish' || verb === 'build') notes.push('without -r the output is framework-dependent: the .dll runs anywhere but the apphost .exe would be built for Linux, so add -r win-x64 (or -p:UseAppHost=false)');
  if (verb === 'test' || verb === 'vstest') notes.push('the tests then run on Linux, so Windows-specific behaviour goes untested');
  else notes.push('projects for Windows desktop (net*-windows, WinForms, WPF) need -p:EnableWindowsTargeting=true, and C++/CLI projects do not build on Linux');
  const fields: Partial<BuildEffect> = { configuration, runtime };
  if (pos[0]) fields.project = pos[0];
  const out = p.get('output') ?? props.get('outputpath') ?? props.get('publishdir');
  if (out) fields.output = out;
  return [build(call, 'dotnet', verb, translate(notes.join('; ')), fields)];
};

function dotnetTool(call: NativeCall, p: ParsedArgs, pos: Value[]): Effect[] | null {
  const [subV, name] = pos;
  const sub = str(subV).toLowerCase();
  if (sub === 'restore') return [build(call, 'dotnet', 'tool restore', translate('restores the local .NET tools of the manifest; a Linux stage does the same'))];
  if (sub === 'list' || sub === 'search') return [smokeTest(call)];
  if (!['install', 'update', 'uninstall'].includes(sub) || !name) return null;
  const version = p.get('version');
  const packages = [version ? { name: str(name), version: str(version) } : { name: str(name) }];
  const where = p.has('global') ? 'globally' : p.get('tool-path') ? `into ${show(p.get('tool-path'))}` : 'into the local tool manifest';
  const reason = `${sub === 'uninstall' ? 'uninstalls' : 'installs'} the .NET tool ${str(name)} ${where}; the tool's launcher (.exe shim) is made for the platform it is installed on`;
  const e: PackageEffect = { kind: 'package', ...fields(call, windowsOnly(reason)), manager: 'dotnet-tool', packages, pinned: version !== undefined };
  return [e];
}

export const msbuild: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const props = properties(p);
  const targets = p.all('target').map(str).join(';');
  const devenv = call.program === 'devenv';
  const configuration = text(props.get('configuration') ?? (devenv ? p.get('build', 'rebuild') : undefined));
  const verb = targets || (devenv && p.has('rebuild') ? 'rebuild' : p.has('restore') ? 'restore;build' : 'build');
  const reason = `${call.program} builds with Visual Studio's MSBuild, as .NET Framework and C++ projects need, and those only build on Windows; if the project is SDK-style, dotnet build in a Linux stage can replace it, which winfile cannot tell statically`;
  const fields: Partial<BuildEffect> = { configuration, runtime: text(props.get('runtimeidentifier')) };
  if (p.positionals[0]) fields.project = p.positionals[0];
  const out = props.get('outputpath') ?? props.get('outdir') ?? props.get('publishdir') ?? props.get('publishurl');
  if (out) fields.output = out;
  return [build(call, 'msbuild', verb, windowsOnly(reason), fields)];
};

export const go: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [verbV, ...pos] = p.positionals;
  const verb = str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  const cgo = 'as long as cgo is not needed (CGO_ENABLED=0; cgo needs a mingw-w64 cross compiler)';
  if (verb === 'build' || verb === 'install') {
    const notes = [`Go cross-compiles: GOOS=windows GOARCH=amd64 go ${verb} in a Linux stage gives the same .exe, ${cgo}`];
    if (verb === 'install') notes.push('cross-compiled, go install puts the binary in bin\\windows_amd64 under GOPATH');
    const fields: Partial<BuildEffect> = {};
    if (pos[0]) fields.project = pos[0];
    const out = p.get('o');
    if (out) fields.output = out;
    return [build(call, 'go', verb, translate(notes.join('; ')), fields)];
  }
  if (verb === 'get' || verb === 'mod') {
    const sub = verb === 'mod' ? `mod ${str(pos[0])}` : 'get';
    const notes = ['module downloads do not depend on the platform'];
    if (verb === 'get' && !p.has('d')) notes.push(`outside module mode go get also builds and installs, which needs GOOS=windows (${cgo})`);
    return [build(call, 'go', sub, translate(`go ${sub} fetches Go modules; ${notes.join('; ')}`))];
  }
  if (verb === 'test' || verb === 'vet') {
    const reason = verb === 'vet' ? 'go vet checks code; with GOOS=windows it checks the Windows build in a Linux stage' : 'go test builds and runs tests: Windows test binaries cannot run in a Linux stage (go test -c builds them, go vet checks)';
    return [build(call, 'go', verb, translate(reason, 'linux-stage', 'drop'))];
  }
  if (verb === 'generate') return [build(call, 'go', verb, translate('go generate runs the commands of //go:generate lines, which winfile does not see'))];
  if (verb === 'run') return [runEffect(call, windowsOnly('go run builds and runs a program; what it does is not analysed'))];
  return null;
};

export const cargo: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const [verbV, ...pos] = p.positionals;
  const aliases: Record<string, string> = { b: 'build', t: 'test', r: 'run', c: 'check' };
  const verb = aliases[str(verbV)] ?? str(verbV).toLowerCase();
  if (spec.smoke?.includes(verb)) return [smokeTest(call)];
  if (verb === 'run') return [runEffect(call, windowsOnly('cargo run builds and runs a program; what it does is not analysed'))];
  if (verb === 'fetch' || verb === 'vendor') return [build(call, 'cargo', verb, translate(`cargo ${verb} downloads crates; that does not depend on the platform`))];
  if (!['build', 'install', 'test', 'check', 'clippy', 'doc', 'rustc'].includes(verb)) return null;
  const runtime = text(p.get('target'));
  const release = p.has('release') || (verb === 'install' && !p.has('debug'));
  const notes = [runtime && /windows/.test(runtime)
    ? `cargo ${verb} --target ${runtime} can run in a Linux stage (x86_64-pc-windows-gnu with mingw-w64, -msvc with cargo-xwin)`
    : `Rust cross-compiles: cargo ${verb} --target x86_64-pc-windows-gnu (mingw-w64) or x86_64-pc-windows-msvc (cargo-xwin) in a Linux stage; the output moves to target\\<triple>\\${release ? 'release' : 'debug'}`];
  if (verb === 'test') notes.push('Windows test binaries cannot run in a Linux stage');
  const fields: Partial<BuildEffect> = { configuration: text(p.get('profile')) ?? (release ? 'release' : 'debug'), runtime };
  const project = p.get('manifest-path') ?? (verb === 'install' ? pos[0] ?? p.get('path', 'git') : undefined);
  if (project) fields.project = project;
  const out = p.get('target-dir', 'root');
  if (out) fields.output = out;
  return [build(call, 'cargo', verb, translate(notes.join('; ')), fields)];
};

const NPM_VERBS: Record<string, string> = {
  i: 'install', in: 'install', ins: 'install', inst: 'install', insta: 'install', instal: 'install', isnt: 'install', isnta: 'install', isntal: 'install', isntall: 'install', add: 'install', install: 'install',
  ci: 'ci', 'clean-install': 'ci', ic: 'ci', 'install-clean': 'ci', isntaller: 'install', 'install-ci-test': 'ci', it: 'install', 'install-test': 'install',
  run: 'run', 'run-script': 'run', rum: 'run', urn: 'run', t: 'test', tst: 'test', test: 'test', start: 'start', stop: 'stop', restart: 'restart',
  uninstall: 'uninstall', un: 'uninstall', unlink: 'uninstall', remove: 'uninstall', rm: 'uninstall', r: 'uninstall',
  update: 'update', up: 'update', upgrade: 'update', exec: 'exec', x: 'exec', dlx: 'exec', config: 'config', c: 'config', set: 'config', get: 'config',
  cache: 'cache', store: 'cache', link: 'link', ln: 'link', rebuild: 'rebuild', rb: 'rebuild', prune: 'prune', dedupe: 'dedupe', ddp: 'dedupe',
  audit: 'audit', pack: 'pack', publish: 'publish', fetch: 'fetch', deploy: 'deploy', build: 'run', global: 'global',
};

/** npm, yarn and pnpm: project installs and scripts are builds, global installs are packages. */
export const javascript: Handler = (call, spec) => {
  const tool = call.program === 'yarn' ? 'yarn' : call.program === 'pnpm' ? 'pnpm' : 'npm';
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const pos = [...p.positionals];
  const first = str(pos[0]).toLowerCase();
  if (spec.smoke?.includes(first)) return [smokeTest(call)];
  // `yarn` alone installs; `yarn build` runs the script `build`.
  let verb = pos.length === 0 && tool === 'yarn' ? 'install' : NPM_VERBS[first] ?? (tool !== 'npm' && first !== '' ? 'script' : '');
  if (pos.length > 0 && verb !== 'script') pos.shift();
  let global = p.has('global');
  if (verb === 'global') {
    global = true;
    verb = NPM_VERBS[str(pos.shift()).toLowerCase()] ?? '';
  }
  if (verb === '') return null;
  if ((verb === 'install' || verb === 'uninstall' || verb === 'update') && global) {
    const packages = pos.map((v) => splitPackage(str(v), /(?<=.)@/));
    const exact = (pk: { version?: string }) => pk.version !== undefined && /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(pk.version);
    const reason = `${verb === 'uninstall' ? 'removes' : 'installs'} ${packages.map((x) => x.name).join(', ') || 'packages'} globally with ${tool}; on Windows ${tool} creates .cmd launchers for their commands, and native modules are compiled for the platform it runs on`;
    const e: PackageEffect = { kind: 'package', ...fields(call, windowsOnly(reason)), manager: 'npm', packages, pinned: packages.length > 0 && packages.every(exact) };
    return [e];
  }
  const deps = 'the result is the same in a Linux stage unless a dependency builds native modules (node-gyp) or ships per-platform binaries (esbuild, sharp...), which are then chosen for Linux';
  switch (verb) {
    case 'install': case 'ci': case 'update': case 'uninstall': case 'prune': case 'dedupe': case 'fetch':
      return [build(call, tool, verb, translate(`${tool} ${verb} installs the project's dependencies; ${deps}`))];
    case 'rebuild':
      return [build(call, tool, verb, windowsOnly(`${tool} rebuild compiles native modules for the platform it runs on`))];
    case 'run': case 'test': case 'start': case 'script': case 'stop': case 'restart': {
      const script = verb === 'run' || verb === 'script' ? str(pos[0]) : verb;
      const e = build(call, tool, verb === 'script' ? 'run' : verb, translate(`runs the package.json script ${script || '?'}, whose commands winfile does not see; scripts written for cmd (set X=..., copy, backslash paths) fail in a Linux stage`));
      if (pos[0] && (verb === 'run' || verb === 'script')) e.project = pos[0];
      return [e];
    }
    case 'pack': case 'deploy':
      return [build(call, tool, verb, translate(`${tool} ${verb} packs files; a Linux stage does the same`))];
    case 'exec':
      return [runEffect(call, windowsOnly(`${tool} ${first} runs the command of a package; what it does is not analysed`))];
    case 'config':
      return [runEffect(call, translate(`${tool} config changes settings (.npmrc) for later ${tool} commands; keep it with them`, 'linux-stage', 'dependency-image'))];
    case 'cache':
      return [runEffect(call, { portability: 'portable', destinations: ['drop'], reason: `${tool} cache only touches the package cache; it can be dropped with the install it cleans up after` })];
    case 'audit':
      return [smokeTest(call)];
    case 'publish': case 'link':
      return [runEffect(call, windowsOnly(`${tool} ${verb} publishes or links packages`))];
    default:
      return null;
  }
};

export const jvm: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const tool = spec.family === 'gradle' ? 'gradle' : 'mvn';
  const goals = p.positionals.map(str);
  if (goals.length > 0 && goals.every((g) => spec.smoke?.includes(g))) return [smokeTest(call)];
  const verb = goals.join(' ') || (tool === 'gradle' ? '(default tasks)' : '');
  if (verb === '') return p.has('version', 'show-version') ? [smokeTest(call)] : null;
  const notes = [`Java bytecode does not depend on the platform, so ${call.program} ${verb} in a Linux stage builds the same artifacts unless the build runs native tools or OS-specific profiles`];
  if (call.program === 'gradlew' || call.program === 'mvnw') notes.push(`there it runs as ./${call.program} (executable, LF line endings)`);
  const fields: Partial<BuildEffect> = {};
  const project = p.get('file', 'project-dir', 'build-file');
  if (project) fields.project = project;
  return [build(call, tool, verb, translate(notes.join('; ')), fields)];
};
