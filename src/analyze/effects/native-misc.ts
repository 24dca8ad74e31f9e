// Interpreters, file tools (xcopy, robocopy) and waits (timeout, ping -n).
import { parseOptions, show, str } from './native-args.ts';
import { pipEffects } from './native-install.ts';
import { fields, fileVerdict, runEffect, smokeTest, windowsOnly } from './native-make.ts';
import type { Handler } from './native-make.ts';
import { programSpec, VERSION_ARGS } from './programs.ts';
import type { Effect, FileEffect, PackageEffect, SessionEffect } from './types.ts';

// Options that take the code or a module (`-c code`, `-e code`, `-m module`).
const INLINE = /^(?:-c|-e|-r|--eval|-p|--print|-co(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?|-encodedcommand|-ec|\/c|\/k)$/i;

export const interpreter: Handler = (call, spec) => {
  const lang = spec.language ?? call.program;
  const args = call.args;
  const first = str(args[0]);
  if (args.length > 0 && args.length <= 2 && VERSION_ARGS.has(first)) return [smokeTest(call)];
  if (/^python|^py$/.test(call.program) && first === '-m') {
    const module = str(args[1]).toLowerCase();
    const pip = programSpec('pip');
    if (module === 'pip' && pip?.grammar) return pipEffects(call, args.slice(2), pip.grammar, pip.smoke ?? []);
    if (module === 'ensurepip') {
      const e: PackageEffect = { kind: 'package', ...fields(call, windowsOnly('installs pip into the Windows Python')), manager: 'pip', packages: [{ name: 'pip' }], pinned: false };
      return [e];
    }
    if (module === 'venv' || module === 'virtualenv') {
      return [runEffect(call, windowsOnly(`creates a Python virtual environment in ${show(args[2])} with the Windows layout (Scripts\\python.exe)`))];
    }
    return [runEffect(call, windowsOnly(`runs the Python module ${module}; what it does is not analysed`))];
  }
  const inline = args.findIndex((a) => INLINE.test(str(a)));
  if (inline >= 0) return [runEffect(call, windowsOnly(`runs inline ${lang} code, which winfile does not analyse`))];
  const jar = args.findIndex((a) => str(a) === '-jar');
  const script = jar >= 0 ? args[jar + 1] : args.find((a) => !/^[-/]/.test(str(a)));
  if (!script) return [runEffect(call, windowsOnly(`starts ${lang} without a script; what it runs is not analysed`))];
  return [runEffect(call, windowsOnly(`runs the ${lang} ${jar >= 0 ? 'program' : 'script'} ${show(script)}; its content is not analysed`))];
};

function copy(call: Parameters<Handler>[0], op: FileEffect['op'], reason: string, paths: FileEffect['paths'], destination: FileEffect['destination']): FileEffect {
  const e: FileEffect = { kind: 'file', ...fields(call, fileVerdict(reason)), op, paths };
  if (destination) e.destination = destination;
  return e;
}

export const xcopy: Handler = (call) => {
  const [source, destination] = call.args.filter((a) => !str(a).startsWith('/'));
  if (!source) return null;
  const notes = call.args.some((a) => /^\/i$/i.test(str(a))) || !destination ? '' : '; without /I xcopy asks whether a missing destination is a file or a directory';
  return [copy(call, 'copy', `copies ${show(source)} to ${destination ? show(destination) : 'the working directory'}${notes}`, [source], destination)];
};

export const robocopy: Handler = (call) => {
  const plain = call.args.filter((a) => !str(a).startsWith('/'));
  const [source, destination, ...files] = plain;
  if (!source || !destination) return null;
  const move = call.args.some((a) => /^\/(mov|move)$/i.test(str(a)));
  const what = `${move ? 'moves' : 'copies'} ${files.length > 0 ? `${files.map(show).join(', ')} from ` : ''}${show(source)} to ${show(destination)}; robocopy exits with 1 when it copied files, which fails the RUN unless the script ignores exit codes below 8`;
  return [copy(call, move ? 'move' : 'copy', what, [source, ...files], destination)];
};

/** cp, mv, rm... from Git for Windows or MSYS2 (usr\\bin), which some images put on PATH. */
export const coreutils: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const pos = p.positionals;
  const from = 'from Git for Windows or MSYS2';
  if (call.program === 'ls' || call.program === 'cat') return [smokeTest(call, `${call.program} (${from}) only prints`)];
  if (call.program === 'rm' || call.program === 'touch') {
    if (pos.length === 0) return null;
    const op = call.program === 'rm' ? 'remove' : 'write';
    return [copy(call, op, `${call.program === 'rm' ? 'deletes' : 'touches'} ${pos.map(show).join(', ')} (${call.program} ${from})`, pos, undefined)];
  }
  const target = p.get('target-directory');
  const sources = target ? pos : pos.slice(0, -1);
  const dest = target ?? pos[pos.length - 1];
  if (sources.length === 0 || !dest) return null;
  const op = call.program === 'mv' ? 'move' : call.program === 'ln' ? 'link' : 'copy';
  const verb = op === 'move' ? 'moves' : op === 'link' ? 'links' : 'copies';
  return [copy(call, op, `${verb} ${sources.map(show).join(', ')} to ${show(dest)} (${call.program} ${from})`, sources, dest)];
};

function wait(call: Parameters<Handler>[0], seconds: string | undefined, note = ''): Effect {
  return smokeTest(call, `waits${seconds ? ` ${seconds} seconds` : ''}; a wait changes nothing in the image (it may give a process started without waiting time to finish, which then belongs with it)${note}`);
}

export const timeout: Handler = (call) => {
  const p = parseOptions(call.args, { style: 'word', values: { t: 't' } });
  const seconds = p.get('t') ?? p.positionals[0];
  const note = call.program === 'timeout' ? '; timeout.exe refuses to run without a console ("Input redirection is not supported"), so ping -n is the usual wait in containers' : '';
  return [wait(call, seconds ? str(seconds) : undefined, note)];
};

export const ping: Handler = (call) => {
  const p = parseOptions(call.args, { style: 'word', values: { n: 'count', w: 'timeout', l: 'size', i: 'ttl' } });
  const host = str(p.positionals[0]).toLowerCase();
  const count = p.get('count');
  if (/^(127\.\d+\.\d+\.\d+|localhost|::1|0\.0\.0\.0)$/.test(host)) return [wait(call, count ? String(Math.max(0, Number(str(count)) - 1)) : undefined)];
  return [smokeTest(call, `${show(call.name)} only checks that ${host || 'a host'} answers`)];
};

export const knownProgram: Handler = (call, spec) => {
  const b = spec.behaviour;
  if (!b) return null;
  const reason = b.reason.replace('{program}', call.program);
  if (b.kind === 'smoke-test') return [smokeTest(call, reason)];
  if (b.kind === 'session') {
    const e: SessionEffect = { kind: 'session', ...fields(call, { portability: b.portability, destinations: b.destinations, reason }), setting: 'other', value: call.program };
    return [e];
  }
  return [runEffect(call, { portability: b.portability, destinations: b.destinations, reason })];
};
