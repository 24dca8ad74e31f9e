// Windows system configuration: environment (setx), registry, services, users, ACLs, features.
import { parseOptions, part, raw, resolvePart, show, str } from './native-args.ts';
import { installer } from './native-install.ts';
import { fields, runEffect, smokeTest, windowsOnly } from './native-make.ts';
import type { Handler, Verdict } from './native-make.ts';
import type { NativeCall } from './native.ts';
import type { EnvEffect, FeatureEffect, RegistryEffect, ServiceEffect, UserEffect, Value } from './types.ts';

const OLD_PATH = /^\s*(?:%path%|\$env:path|\$\{env:path\})\s*$/i;

/**
 * The directories a PATH value adds to the old PATH, or undefined when it does not build on it.
 * Works on the value as written, so that `%PATH%` is recognised even where its value is known.
 */
export function pathAdditions(value: Value): string[] | undefined {
  const segments = raw(value).split(';');
  if (!segments.some((s) => OLD_PATH.test(s))) return undefined;
  return segments.filter((s) => s.trim() !== '' && !OLD_PATH.test(s)).map((s) => resolvePart(value, s.trim()));
}

export const setx: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  // `setx %SCOPE% NAME VALUE`: a variable that is only a variable usually holds a switch (/M).
  const pos = p.positionals.length > 2 ? p.positionals.filter((v) => !(v.text === undefined && /^%[^%]+%$/.test(v.source))) : p.positionals;
  const [name, given] = pos;
  if (!name) return null;
  const scope = p.has('machine') ? 'machine' : 'user';
  const from = p.get('registry') ?? p.get('file');
  const value: Value | undefined = given ?? (from ? { source: from.source, range: from.range } : undefined);
  if (!value) return null;
  const notes = ['setx does not change the environment of this RUN, only of later RUNs and the container'];
  let verdict: Verdict;
  let added: string[] | undefined;
  if (from && !given) {
    verdict = windowsOnly(`sets ${show(name)} from ${p.get('registry') ? 'the registry' : 'a file'} (${show(from)}), a value only a Windows build can read`);
  } else if (/^path$/i.test(str(name))) {
    added = pathAdditions(value);
    notes.push('setx cuts values at 1024 characters, and %PATH% here is the whole process PATH (machine and user entries together)');
    if (scope === 'user') notes.push('without /M it writes the user PATH; ENV in the image config applies to every user');
    const what = added
      ? `adds ${added.join(', ')} to the ${scope} PATH; in the image config this is ENV PATH with the full value: the base image's PATH plus these directories`
      : `replaces the ${scope} PATH with ${show(value)}; ENV PATH in the image config does the same`;
    verdict = { portability: 'translate', destinations: ['image-config'], reason: [what, ...notes].join('; ') };
  } else {
    const what = `sets ${show(name)}=${show(value)} (${scope} scope); ENV ${show(name)}=${show(value)} in the image config does the same`;
    verdict = { portability: 'translate', destinations: ['image-config'], reason: [what, ...notes].join('; ') };
  }
  const e: EnvEffect = { kind: 'env', ...fields(call, verdict), name, value, scope };
  if (added) e.pathAdditions = added;
  return [e];
};

export const reg: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [opV, key] = p.positionals;
  const op = str(opV).toLowerCase();
  if (spec.smoke?.includes(op)) return [smokeTest(call, `reg ${op} only reads the registry`)];
  const hive = 'Windows layers keep registry changes as hive files, which only a Windows build writes';
  if (op === 'import' && key) {
    const e: RegistryEffect = { kind: 'registry', ...fields(call, windowsOnly(`imports the registry file ${show(key)}; ${hive}`)), action: 'import', data: key };
    return [e];
  }
  if ((op !== 'add' && op !== 'delete') || !key) {
    return op === '' ? null : [runEffect(call, windowsOnly(`reg ${op} works on the registry or hive files; ${hive}`))];
  }
  const valueName = p.get('value');
  const isDefault = p.has('default-value');
  const data = p.get('data');
  const type = p.get('type');
  const action: RegistryEffect['action'] = op === 'delete' ? 'delete' : valueName || isDefault ? 'set' : 'create-key';
  let what: string;
  if (action === 'delete') what = `deletes ${valueName ? `the value ${show(valueName)} of ` : p.has('all-values') ? 'all values of ' : ''}${show(key)}`;
  else if (action === 'set') what = `sets ${show(key)}\\${valueName ? show(valueName) : '(Default)'}${type ? ` (${show(type)})` : ''} to ${data ? show(data) : 'an empty value'}`;
  else what = `creates the key ${show(key)}`;
  const notes = [hive];
  const allKnown = [key, valueName, data].every((v) => v === undefined || v.text !== undefined);
  if (allKnown) notes.push('the same reg command could also run when the container starts');
  if (!p.has('force')) notes.push('without /f reg asks before overwriting and the build fails without a console');
  const verdict = allKnown ? windowsOnly([what, ...notes].join('; '), 'deployment') : windowsOnly([what, ...notes].join('; '));
  const e: RegistryEffect = { kind: 'registry', ...fields(call, verdict), action, key };
  if (valueName) e.name = valueName;
  if (data) e.data = data;
  return [e];
};

const SERVICE_ACTIONS: Record<string, ServiceEffect['action']> = {
  create: 'create', config: 'configure', failure: 'configure', description: 'configure', delete: 'configure', sdset: 'configure',
  privs: 'configure', triggerinfo: 'configure', sidtype: 'configure', failureflag: 'configure', start: 'start', stop: 'stop',
  pause: 'stop', continue: 'start',
};

function service(call: NativeCall, action: ServiceEffect['action'], name: Value | undefined, verb: string): ServiceEffect {
  const subject = name ? `the service ${show(name)}` : 'a service';
  const reason = action === 'start' || action === 'stop'
    ? `${action === 'start' ? 'starts' : 'stops'} ${subject}; a service's running state does not persist into the image, so this only matters to later commands of this RUN (or belongs to container start)`
    : `${verb === 'create' ? 'creates' : verb === 'delete' ? 'deletes' : 'configures'} ${subject}; services live in the registry (HKLM\\SYSTEM\\CurrentControlSet\\Services) and need a Windows build, or setting up when the container starts`;
  const e: ServiceEffect = { kind: 'service', ...fields(call, windowsOnly(reason, 'deployment')), action };
  if (name) e.name = name;
  return e;
}

export const sc: Handler = (call) => {
  const args = call.args.filter((a, i) => !(i === 0 && str(a).startsWith('\\\\')));
  const verb = str(args[0]).toLowerCase();
  const action = SERVICE_ACTIONS[verb];
  if (action) return [service(call, action, args[1], verb)];
  if (/^(query|queryex|qc|qdescription|qfailure|qprivs|qsidtype|qtriggerinfo|getdisplayname|getkeyname|enumdepend|sdshow)$/.test(verb)) {
    return [smokeTest(call, `sc ${verb} only reads service settings`)];
  }
  return null;
};

const isSwitch = (v: Value): boolean => /^\//.test(str(v));

export const net: Handler = (call) => {
  const verb = str(call.args[0]).toLowerCase();
  const rest = call.args.slice(1);
  const plain = rest.filter((a) => !isSwitch(a));
  const has = (s: string) => rest.some((a) => str(a).toLowerCase() === s);
  if (verb === 'start' || verb === 'stop' || verb === 'pause' || verb === 'continue') {
    if (plain.length === 0) return [smokeTest(call, `${show(call.name)} ${verb} only lists services`)];
    const name = plain.length === 1 ? plain[0] : ({ source: plain.map((a) => a.source).join(' '), range: { start: (plain[0] as Value).range.start, end: (plain[plain.length - 1] as Value).range.end } } as Value);
    return [service(call, verb === 'start' || verb === 'continue' ? 'start' : 'stop', name, verb)];
  }
  if (verb === 'user' || verb === 'users') {
    const [user, password] = plain;
    if (!user) return [smokeTest(call, 'net user only lists users')];
    const sam = 'local accounts live in the SAM registry hive, which only a Windows build writes';
    if (has('/add')) {
      const notes = password && str(password) !== '*' ? ['its password is written in the Dockerfile and visible in the image history'] : [];
      const e: UserEffect = { kind: 'user', ...fields(call, windowsOnly([`creates the local user ${show(user)}; ${sam}`, ...notes].join('; '))), action: 'create-user', user };
      return [e];
    }
    return [runEffect(call, windowsOnly(`${has('/delete') ? 'deletes' : 'changes'} the local user ${show(user)}; ${sam}`))];
  }
  if (verb === 'localgroup' || verb === 'group') {
    const [group, ...members] = plain;
    if (!group) return [smokeTest(call, `net ${verb} only lists groups`)];
    if (members.length === 0 || !has('/add')) {
      return [runEffect(call, windowsOnly(`${has('/add') ? 'creates' : has('/delete') ? 'changes' : 'lists'} the local group ${show(group)}; groups live in the SAM registry hive`))];
    }
    return members.map((user) => {
      const e: UserEffect = { kind: 'user', ...fields(call, windowsOnly(`adds ${show(user)} to the local group ${show(group)}; group membership lives in the SAM registry hive, which only a Windows build writes`)), action: 'group-member', user, group };
      return e;
    });
  }
  if (verb === 'use') return [runEffect(call, windowsOnly('net use connects a network share for this RUN; the connection does not persist into the image'))];
  if (verb === 'accounts' || verb === 'share' || verb === 'config') {
    return [runEffect(call, windowsOnly(`net ${verb} changes Windows account or sharing settings`, 'deployment'))];
  }
  return null;
};

const GRANT = /^\/(?:grant|deny|remove|setowner|g|d|p|e?)(?::[rdg])?$/i;

export const icacls: Handler = (call) => {
  const path = call.args.find((a) => !isSwitch(a));
  if (!path) return null;
  const at = call.args.findIndex((a) => GRANT.test(str(a)) && str(a) !== '/e' && str(a) !== '/E');
  const grant = at >= 0 ? call.args[at + 1] : undefined;
  if (call.args.some((a) => /^\/(save|verify|findsid)$/i.test(str(a)))) return [smokeTest(call, `${show(call.name)} only reads permissions here`)];
  const e: UserEffect = {
    kind: 'user', ...fields(call, windowsOnly(`changes the permissions of ${show(path)}${grant ? ` (${show(grant)})` : ''}; Windows layers carry each file's security descriptor, which only a Windows build sets`)),
    action: 'acl',
    path,
  };
  const colon = grant ? str(grant).lastIndexOf(':') : -1;
  if (grant) e.user = colon > 0 ? part(grant, 0, colon) : grant;
  return [e];
};

export const takeown: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const path = p.get('file');
  const e: UserEffect = { kind: 'user', ...fields(call, windowsOnly(`takes ownership of ${show(path)}; file owners are part of the security descriptors only a Windows build sets`)), action: 'take-ownership' };
  if (path) e.path = path;
  return [e];
};

export const dism: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const split = (vs: Value[]) => vs.flatMap((v) => str(v).split(/[,;]/)).map((s) => s.trim()).filter((s) => s !== '');
  const feature = (features: string[], what: string, notes: string[]): FeatureEffect => ({
    kind: 'feature', ...fields(call, windowsOnly([`${what} ${features.join(', ') || 'Windows features'}; features are Windows components that only a Windows build can add`, ...notes].join('; '))),
    features,
  });
  if (p.has('enable-feature') || p.has('disable-feature')) {
    const enable = p.has('enable-feature');
    const notes = enable && !p.has('all') ? ['without /All DISM fails when a parent feature is not enabled'] : [];
    return [feature(split(p.all('feature')), enable ? 'enables the Windows feature' : 'disables the Windows feature', notes)];
  }
  if (p.has('add-capability') || p.has('remove-capability')) {
    return [feature(split(p.all('capability')), p.has('add-capability') ? 'adds the capability' : 'removes the capability', [])];
  }
  const pkg = p.get('package');
  if (p.has('add-package') && pkg) {
    return [installer(call, pkg, call.args.filter((a) => a !== pkg), 'unknown', `installs the Windows package ${show(pkg)} with DISM`, [])];
  }
  if (p.has('cleanup-image')) return [runEffect(call, windowsOnly('dism /Cleanup-Image cleans the Windows component store; it only shrinks the image', 'drop'))];
  if (p.opts.some((o) => o.key.startsWith('get-'))) return [smokeTest(call, 'dism only lists Windows features or packages here')];
  if (p.opts.some((o) => /^(add|remove)-(driver|provisionedappxpackage|package)$/.test(o.key))) {
    return [runEffect(call, windowsOnly('dism changes the Windows installation (drivers, packages)'))];
  }
  return null;
};
