// Cmdlets that change Windows itself (packages, installers, features, services, users, ACLs,
// certificates, IIS) and the ones that only print, query or change the PowerShell session.

import { argOf, hasSwitch } from './powershell-cmdlets.ts';
import { argumentList, installerEffect, looksLikeInstaller, nativeCall, programName } from './powershell-native.ts';
import type { NativeArg } from './powershell-native.ts';
import { markWaited } from './powershell-support.ts';
import type { CmdCall, W } from './powershell-support.ts';
import { toText } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import { programSpec } from './programs.ts';
import type { Effect, PackageEffect, ServiceEffect, UserEffect, Value } from './types.ts';

function names(w: W, c: CmdCall, ...params: string[]): Value[] {
  const arg = argOf(c.b, ...params);
  const out = [...(arg ? w.values(arg) : []), ...c.b.rest.flatMap((e) => w.values(e))];
  if (out.length === 0 && c.input) out.push(w.valueAt(c.input.node, toText(c.input.value)));
  return out;
}

const PROVIDERS: Record<string, PackageEffect['manager']> = { nuget: 'nuget', chocolatey: 'choco', chocolateyget: 'choco', powershellget: 'psgallery' };

function packages(w: W, c: CmdCall): Effect {
  const b = c.b;
  const text = (n: string) => (argOf(b, n) ? w.text(argOf(b, n)) : undefined);
  const exact = text('requiredversion') ?? (text('version') !== undefined && !/[[\](),*]/.test(text('version') as string) ? text('version') : undefined);
  const min = text('minimumversion');
  const max = text('maximumversion');
  const version = exact ?? ([min && `>=${min}`, max && `<=${max}`].filter(Boolean).join(' ') || text('version'));
  const list = names(w, c, 'name');
  let manager: PackageEffect['manager'] = 'psgallery';
  if (b.spec.kind === 'package-provider') manager = 'package-provider';
  if (b.spec.kind === 'package') manager = PROVIDERS[(text('providername') ?? '').toLowerCase()] ?? 'package-provider';
  const pkgs = b.spec.kind === 'repository' ? [] : list.map((n) => (version ? { name: n.text ?? n.source, version } : { name: n.text ?? n.source }));
  const pinned = exact !== undefined && pkgs.length > 0 && list.every((n) => n.text !== undefined);
  return { kind: 'package', ...w.base(c.cmd, c.name, verdict('package')), manager, packages: pkgs, pinned };
}

/** `msiexec /i x.msi /qn`: the package is the argument after /i (or any .msi). */
function msiexecPackage(args: readonly NativeArg[]): number {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.value.text ?? '';
    if (/^[/-](?:i|package|a|x|uninstall|p|update|f[a-z]*)$/i.test(t) && args[i + 1]) return i + 1;
  }
  return args.findIndex((a) => /\.msi$/i.test(a.value.text ?? a.value.source));
}

function startProcess(w: W, c: CmdCall): Effect[] {
  const b = c.b;
  const file = argOf(b, 'filepath');
  if (!file) return [{ kind: 'unknown', ...w.base(c.cmd, c.name, verdict('unknown')) }];
  const name = w.value(file);
  const args = argumentList(w, argOf(b, 'argumentlist'));
  const waits = hasSwitch(b, 'wait');
  const path = name.text ?? name.source.replace(/["']/g, '');
  const values = args.map((a) => a.value);
  if (programName(name.text, name.source) === 'msiexec') {
    const at = msiexecPackage(args);
    const pkg = args[at];
    if (pkg) return [installerEffect(w, c.cmd, c.name, pkg.value, values.filter((_, i) => i !== at), waits)];
    return [installerEffect(w, c.cmd, c.name, name, values, waits)];
  }
  // An .msi, or an .exe winfile knows nothing else about, started and (usually) waited for: an installer.
  const known = programSpec(programName(name.text, name.source));
  if (/\.msi$/i.test(path) || (!known && (/\.exe$/i.test(path) || looksLikeInstaller(path, values)))) return [installerEffect(w, c.cmd, c.name, name, values, waits)];
  const effects = nativeCall(w, c.cmd, c.name, name, args, !waits);
  // nativeEffects names the program it was given; the command written is Start-Process.
  for (const e of effects) if (e.command === name.source) e.command = c.name;
  return effects;
}

function service(w: W, c: CmdCall, action: ServiceEffect['action']): ServiceEffect {
  const e: ServiceEffect = { kind: 'service', ...w.base(c.cmd, c.name, verdict(action === 'start' || action === 'stop' ? 'serviceRun' : 'serviceConfig')), action };
  const name = names(w, c, 'name', 'inputobject')[0];
  if (name) e.name = name;
  return e;
}

function user(w: W, c: CmdCall, action: UserEffect['action']): UserEffect {
  const e: UserEffect = { kind: 'user', ...w.base(c.cmd, c.name, verdict(action === 'acl' ? 'acl' : 'user')), action };
  const b = c.b;
  const arg = (n: string) => (argOf(b, n) ? w.value(argOf(b, n)!) : undefined);
  const u = action === 'create-user' ? arg('name') : arg('member');
  const g = action === 'group-member' ? arg('group') : undefined;
  const p = action === 'acl' ? (arg('path') ?? arg('literalpath')) : undefined;
  if (u) e.user = u;
  if (g) e.group = g;
  if (p) e.path = p;
  return e;
}

/** Print, query and session cmdlets: what they show or set, and nothing when only their output is used. */
function sessionCmdlet(w: W, c: CmdCall): Effect[] | undefined {
  const b = c.b;
  switch (b.spec.kind) {
    case 'print':
    case 'error': {
      // Write-Output's output is the value when it is used; Write-Host always shows.
      if (c.valuePos && b.spec.name === 'Write-Output' && /^(?:write-output|echo|write)$/i.test(c.cmd.nameText ?? '')) return [];
      const args = [argOf(b, 'object', 'inputobject'), ...b.rest].filter((e) => e !== undefined);
      const e: Effect = { kind: 'print', ...w.base(c.cmd, c.name, verdict('print')) };
      if (args.length > 0) {
        const texts = args.map((a) => w.text(a));
        e.text = args.length === 1 ? w.value(args[0]!) : w.span(args, texts.some((t) => t === undefined) ? undefined : texts.join(' '));
      } else if (c.input) {
        e.text = w.valueAt(c.input.node, toText(c.input.value));
      }
      return [e];
    }
    case 'smoke': {
      if (c.valuePos) return [];
      const target = argOf(b, 'name', 'path', 'literalpath');
      return [{ kind: 'smoke-test', ...w.base(c.cmd, c.name, verdict('smokeTest')), program: (target ? w.text(target) : undefined) ?? c.name }];
    }
    case 'query':
      return c.valuePos ? [] : [{ kind: 'print', ...w.base(c.cmd, c.name, verdict('print')) }];
    case 'filter':
      return [];
    case 'hash': {
      if (c.valuePos) return [];
      const path = argOf(b, 'path', 'literalpath');
      const algorithm = (argOf(b, 'algorithm') ? w.text(argOf(b, 'algorithm')) : 'SHA256') ?? '?';
      const e: Effect = { kind: 'verify', ...w.base(c.cmd, c.name, verdict('verifyNoConsequence')), algorithm: algorithm.toUpperCase(), onMismatch: 'none' };
      if (path) e.file = w.value(path);
      return [e];
    }
    case 'execution-policy': {
      const policy = argOf(b, 'executionpolicy');
      const scope = (argOf(b, 'scope') ? w.text(argOf(b, 'scope')) : 'LocalMachine') ?? '?';
      const which = /^process$/i.test(scope) ? 'executionPolicy' : 'executionPolicyMachine';
      const e: Effect = { kind: 'session', ...w.base(c.cmd, c.name, verdict(which)), setting: 'execution-policy' };
      const text = policy ? w.text(policy) : undefined;
      if (text !== undefined) e.value = text;
      return [e];
    }
    case 'import-module':
    case 'session':
    case 'sleep': {
      // `$p | Wait-Process`: the installer Start-Process -PassThru started now waits.
      if (/^wait-process$/i.test(c.cmd.nameText ?? '') && markWaited(c.input?.value ?? (argOf(b, 'inputobject') ? w.eval(argOf(b, 'inputobject')!) : undefined))) return [];
      const lower = (c.cmd.nameText ?? '').toLowerCase();
      const variable = argOf(b, 'name');
      if (/^(?:set-variable|sv|set|new-variable|nv)$/.test(lower) && variable) {
        const n = w.text(variable);
        const value = argOf(b, 'value');
        if (n !== undefined) w.scope.set(n, value ? w.eval(value) : { kind: 'null' });
      }
      const e: Effect = { kind: 'session', ...w.base(c.cmd, c.name, verdict(b.spec.kind === 'sleep' ? 'wait' : 'session')), setting: 'other' };
      const text = variable ? w.text(variable) : undefined;
      if (text !== undefined && b.spec.kind === 'import-module') e.value = text;
      return [e];
    }
    default:
      return undefined;
  }
}

/** Effects of the system, print, query and session cmdlets; undefined for other kinds. */
export function systemCmdlet(w: W, c: CmdCall): Effect[] | undefined {
  const b = c.b;
  switch (b.spec.kind) {
    case 'module':
    case 'script':
    case 'package-provider':
    case 'package':
    case 'repository':
      return [packages(w, c)];
    case 'start-process':
      return startProcess(w, c);
    case 'feature':
    case 'capability': {
      const features = names(w, c, 'name', 'packagepath', 'packagename').map((v) => v.text ?? v.source);
      return [{ kind: 'feature', ...w.base(c.cmd, c.name, verdict('feature')), features }];
    }
    case 'certificate': {
      const e: Effect = { kind: 'registry', ...w.base(c.cmd, c.name, verdict('certificate')), action: 'import' };
      const store = argOf(b, 'certstorelocation');
      const file = argOf(b, 'filepath');
      if (store) e.key = w.value(store);
      if (file) e.data = w.value(file);
      return [e];
    }
    case 'iis': {
      const e: Effect = { kind: 'service', ...w.base(c.cmd, c.name, verdict('iis')), action: 'configure' };
      const n = argOf(b, 'name');
      if (n) e.name = w.value(n);
      return [e];
    }
    case 'new-service':
      return [service(w, c, 'create')];
    case 'set-service':
      return [service(w, c, 'configure')];
    case 'start-service':
      return [service(w, c, 'start')];
    case 'stop-service':
      return [service(w, c, 'stop')];
    case 'new-localuser':
      return [user(w, c, 'create-user')];
    case 'localgroup':
      return [user(w, c, 'group-member')];
    case 'acl':
      return [user(w, c, 'acl')];
    default:
      return sessionCmdlet(w, c);
  }
}
