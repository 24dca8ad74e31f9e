// cmd's internal commands: file operations, echo and set, session state. They parse their own
// arguments with cmd's word rules, so they work on the grammar's CmdWords.
import type { CmdEcho, CmdInvocation, CmdRedirection, CmdSet, CmdSimpleCommand, CmdWord } from '../../../grammar/cmd/index.ts';
import type { EffectContext } from './context.ts';
import { show, str } from './native-args.ts';
import { fileVerdict, windowsOnly } from './native-make.ts';
import type { Verdict } from './native-make.ts';
import { pathAdditions } from './native-system.ts';
import type { CmdVariables } from './cmd-vars.ts';
import type { Effect, EnvEffect, FileEffect, PrintEffect, RegistryEffect, SessionEffect, Value } from './types.ts';

/** What the built-in classifiers need from the walker in cmd.ts. */
export interface CmdTools {
  ctx: EffectContext;
  vars: CmdVariables;
  /** A word as a Value, variables expanded. */
  word(w: CmdWord): Value;
  /** A value from raw text at script offsets [start, end) (echo text, set values). */
  textValue(raw: string, start: number, end: number): Value;
}

/** The fields every effect of a cmd command shares, after its `kind` (see fields() in native-make.ts). */
export function cmdFields(t: CmdTools, node: CmdInvocation, verdict: Verdict) {
  return {
    command: node.name.raw,
    language: 'cmd' as const,
    range: t.ctx.range(node.start, node.end),
    portability: verdict.portability,
    reason: verdict.reason,
    destinations: verdict.destinations,
  };
}

const drop = (reason: string): Verdict => ({ portability: 'portable', destinations: ['drop'], reason });

function session(t: CmdTools, node: CmdInvocation, setting: SessionEffect['setting'], value: string | undefined, verdict: Verdict): SessionEffect {
  const e: SessionEffect = { kind: 'session', ...cmdFields(t, node, verdict), setting };
  if (value !== undefined) e.value = value;
  return e;
}

function file(t: CmdTools, node: CmdInvocation, op: FileEffect['op'], paths: Value[], reason: string, destination?: Value, verdict?: Verdict): FileEffect {
  const e: FileEffect = { kind: 'file', ...cmdFields(t, node, verdict ?? fileVerdict(reason)), op, paths };
  if (destination) e.destination = destination;
  return e;
}

const DEVICE = /^(nul|con|prn|aux|nul:|con:)$/i;

/** The file stdout goes to (`> file`, `>> file`), or undefined for the console, `nul` and handles. */
export function outputFile(redirections: readonly CmdRedirection[]): CmdRedirection | undefined {
  let out: CmdRedirection | undefined;
  for (const r of redirections) {
    if ((r.operator === '>' || r.operator === '>>') && r.handle === 1) out = r.target && !DEVICE.test(r.target.value) ? r : undefined;
  }
  return out;
}

const list = (vs: Value[]) => vs.map(show).join(', ');

export function builtinEffects(node: CmdSimpleCommand, t: CmdTools, redirections = node.redirections): Effect[] | null {
  const args = node.args.map((w) => t.word(w));
  const plain = args.filter((a) => !str(a).startsWith('/'));
  const name = node.builtin;
  switch (name) {
    case 'md':
    case 'mkdir':
      return plain.length > 0 ? [file(t, node, 'mkdir', plain, `creates ${list(plain)}`)] : null;
    case 'copy':
    case 'move': {
      if (plain.length === 0) return null;
      const sources = plain.length > 1 ? plain.slice(0, -1) : plain;
      const dest = plain.length > 1 ? plain[plain.length - 1] : undefined;
      const verb = name === 'copy' ? 'copies' : 'moves';
      const joined = name === 'copy' && sources.some((s) => str(s).includes('+')) ? ' (joined into one file)' : '';
      return [file(t, node, name, sources, `${verb} ${list(sources)}${joined} to ${dest ? show(dest) : 'the working directory'}`, dest)];
    }
    case 'ren':
    case 'rename': {
      const [from, to] = plain;
      return from && to ? [file(t, node, 'rename', [from], `renames ${show(from)} to ${show(to)}`, to)] : null;
    }
    case 'del':
    case 'erase':
    case 'rd':
    case 'rmdir': {
      if (plain.length === 0) return null;
      const reason = `deletes ${list(plain)}${name === 'rd' || name === 'rmdir' ? ' (directories)' : ''}; when the files are not created in the converted build, the step can be dropped`;
      const v = fileVerdict(reason, 'drop');
      return [file(t, node, 'remove', plain, reason, undefined, v)];
    }
    case 'mklink': {
      const [link, target] = plain;
      if (!link || !target) return null;
      const kind = args.some((a) => /^\/j$/i.test(str(a))) ? 'junction' : args.some((a) => /^\/h$/i.test(str(a))) ? 'hard link' : 'symbolic link';
      const reason = `creates the ${kind} ${show(link)} to ${show(target)}; Windows links are reparse points with Windows target paths, which winfile does not create from Linux yet`;
      return [file(t, node, 'link', [link], reason, target, windowsOnly(reason))];
    }
    case 'type': {
      const out = outputFile(redirections);
      if (out?.target && plain.length > 0) {
        const target = t.word(out.target);
        if (plain.length === 1 && /^nul$/i.test(str(plain[0]))) {
          return [file(t, node, 'write', [target], `creates the empty file ${show(target)}`, undefined)];
        }
        return [file(t, node, 'copy', plain, `copies ${list(plain)} to ${show(target)}`, target)];
      }
      const e: PrintEffect = { kind: 'print', ...cmdFields(t, node, drop(`prints ${list(plain)}`)) };
      return [e];
    }
    case 'cd':
    case 'chdir':
    case 'pushd': {
      const dir = plain[0];
      const glued = /^(?:cd|chdir)([.\\/].*)$/i.exec(node.name.value)?.[1];
      const where = dir ? dir.text : glued;
      if (!dir && glued === undefined) return [{ kind: 'print', ...cmdFields(t, node, drop(`${name} without a directory only prints`)) } as PrintEffect];
      return [session(t, node, 'location', where, { portability: 'portable', destinations: ['linux-stage', 'drop'], reason: `changes the working directory to ${dir ? show(dir) : glued ?? '?'} for the rest of this RUN; relative paths after it depend on it` })];
    }
    case 'popd':
      return [session(t, node, 'location', undefined, { portability: 'portable', destinations: ['linux-stage', 'drop'], reason: 'returns to the directory before pushd for the rest of this RUN' })];
    case 'exit': {
      const code = plain[0] ? str(plain[0]) : undefined;
      const reason = `ends the script${code !== undefined ? ` with exit code ${code}` : ''}${code === '0' ? '; exit 0 reports success whatever failed before it' : ''}`;
      return [session(t, node, 'other', `exit${code !== undefined ? ` ${code}` : ''}`, drop(reason))];
    }
    case 'setlocal':
    case 'endlocal':
    case 'cls':
    case 'color':
    case 'title':
    case 'prompt':
    case 'break':
    case 'verify':
    case 'keys':
    case 'shift':
    case 'pause':
    case 'goto': {
      const why = name === 'goto' ? 'goto means nothing outside a batch file' : name === 'pause' ? 'pause waits for a key, and returns at once without a console' : `${name} only changes this console session`;
      return [session(t, node, 'other', node.name.value.toLowerCase(), drop(why))];
    }
    case 'dir':
    case 'ver':
    case 'vol':
    case 'date':
    case 'time':
      if (plain.length > 0 && (name === 'date' || name === 'time')) return null;
      return [{ kind: 'smoke-test', ...cmdFields(t, node, drop(`${name} only prints information`)), program: name }];
    case 'path': {
      if (node.args.length === 0) return [{ kind: 'print', ...cmdFields(t, node, drop('prints PATH')) } as PrintEffect];
      const raw = t.ctx.text.slice((node.args[0] as CmdWord).start, (node.args[node.args.length - 1] as CmdWord).end);
      const value = t.textValue(raw.replace(/^=/, ''), (node.args[0] as CmdWord).start, (node.args[node.args.length - 1] as CmdWord).end);
      return [processEnv(t, node, { text: 'PATH', source: node.name.raw, range: t.ctx.range(node.name.start, node.name.end) }, value, '')];
    }
    case 'assoc':
    case 'ftype': {
      if (!node.args.some((w) => w.value.includes('='))) return [{ kind: 'print', ...cmdFields(t, node, drop(`${name} prints file associations`)) } as PrintEffect];
      const e: RegistryEffect = { kind: 'registry', ...cmdFields(t, node, windowsOnly(`${name} sets a file association in the registry (HKLM\\SOFTWARE\\Classes)`)), action: 'set' };
      return [e];
    }
    default:
      return null;
  }
}

export function processEnv(t: CmdTools, node: CmdInvocation, name: Value, value: Value, note: string): EnvEffect {
  const isPath = /^path$/i.test(str(name));
  const added = isPath ? pathAdditions(value) : undefined;
  const what = added ? `adds ${added.join(', ')} to PATH` : `sets ${show(name)}=${show(value)}`;
  const reason = `${what} for the rest of this RUN (programs started after it inherit it)${note}`;
  // Built whole rather than by spreading cmdFields(): `set` can run tens of thousands of times in
  // one RUN, and the spread cost about a third of its classification.
  const e: EnvEffect = { kind: 'env', command: node.name.raw, language: 'cmd', range: t.ctx.range(node.start, node.end), portability: 'portable', reason, destinations: ['linux-stage', 'drop'], name, value, scope: 'process' };
  if (added) e.pathAdditions = added;
  return e;
}

/** `redirections`: those of an enclosing call/start, which the echo's own node does not hold. */
export function echoEffects(node: CmdEcho, t: CmdTools, redirections = node.redirections): Effect[] {
  if (node.mode === 'on' || node.mode === 'off') {
    return [session(t, node, 'other', `echo ${node.mode}`, drop(`echo ${node.mode} only changes whether cmd shows commands`))];
  }
  const first = node.args[0];
  const last = node.args[node.args.length - 1];
  // The text runs to the operator, trailing blanks included; the words end at the last one.
  const plain = first && t.ctx.text.startsWith(node.text, first.start);
  const content = first && last ? t.textValue(node.text, first.start, plain ? first.start + node.text.length : last.end) : undefined;
  const out = outputFile(redirections);
  if (out?.target) {
    const target = t.word(out.target);
    // echo ends every line with CRLF.
    const written: Value = { ...(content ?? { source: '', range: t.ctx.range(node.end, node.end) }) };
    if (written.text !== undefined || !content) written.text = `${content?.text ?? ''}\r\n`;
    const append = out.operator === '>>';
    const blank = /[ \t]$/.test(node.text) ? ' (the blanks before the operator that follows are written too)' : '';
    const reason = `${append ? 'appends' : 'writes'} ${JSON.stringify(written.text ?? written.source)} ${append ? 'to' : 'into'} ${show(target)}${blank}`;
    const e: FileEffect = { kind: 'file', ...cmdFields(t, node, fileVerdict(reason)), op: 'write', paths: [target], content: written, append };
    return [e];
  }
  const e: PrintEffect = { kind: 'print', ...cmdFields(t, node, drop('echo only prints')) };
  if (content) e.text = content;
  return [e];
}

export function setEffects(node: CmdSet, t: CmdTools): Effect[] {
  if (node.mode === 'display') return [{ kind: 'print', ...cmdFields(t, node, drop('set without a value only lists variables')) } as PrintEffect];
  let nameWord = node.variable;
  let nameText = nameWord ? nameWord.value.trim() : undefined;
  if (node.mode === 'arithmetic' && node.value) {
    const m = /^\s*"?\s*([A-Za-z_][\w.]*)\s*[-+*/%&|^]?=/.exec(node.value.value);
    nameText = m?.[1];
    nameWord = null;
  }
  if (!nameText) return [];
  const written = nameWord && t.word(nameWord);
  const name: Value = written
    ? { source: written.source, range: written.range, text: nameText }
    : { text: nameText, source: nameText, range: t.ctx.range(node.value?.start ?? node.start, node.value?.end ?? node.end) };
  const valueWord = node.value;
  const at = valueWord ?? { start: node.end, end: node.end };
  let value: Value;
  let note = '';
  if (node.mode === 'assign') {
    value = t.textValue(node.assignedValue ?? '', at.start, at.end);
    if (/[ \t]$/.test(node.assignedValue ?? '')) note += '; the value ends with blanks (before the operator that follows), and they are part of it';
  } else {
    value = { source: t.ctx.text.slice(at.start, at.end), range: t.ctx.range(at.start, at.end) };
    note += node.mode === 'prompt' ? '; the value is read from standard input (or a file redirected into it), so it is unknown' : '; the value is computed (set /a), winfile does not evaluate it';
  }
  t.vars.assign(nameText, value.text);
  return [processEnv(t, node, name, value, note)];
}
