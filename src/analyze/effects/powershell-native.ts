// Programs a PowerShell script starts: their arguments as the program receives them, nested
// shells (`cmd /c`, `powershell -Command`) followed through ctx.nested with an offset map back
// into this script, installers recognised by their path, everything else handed to nativeEffects.

import type { Command, CommandElement, Expression, NodeBase } from '../../../grammar/powershell/ast.ts';
import { splitWindowsCommandLine } from '../../../grammar/powershell/cmdline.ts';
import { nativeEffects } from './native.ts';
import type { NativeCall } from './native.ts';
import { programSpec } from './programs.ts';
import { resolved } from './powershell-support.ts';
import type { W } from './powershell-support.ts';
import { pathAdditions } from './powershell-env.ts';
import { toText } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { Effect, InstallerEffect, Value } from './types.ts';

/** An argument with the script node it came from, for offset maps into nested scripts. */
export interface NativeArg {
  value: Value;
  node: NodeBase;
  expr?: Expression;
}

/** `C:\x\7z.exe` -> `7z`; for a name that is not static, the file name its source ends with. */
export function programName(text: string | undefined, source: string): string {
  const raw = text ?? source.replace(/["'`]/g, '');
  const file = raw.slice(Math.max(raw.lastIndexOf('\\'), raw.lastIndexOf('/')) + 1);
  return file.replace(/\.(?:exe|com|bat|cmd)$/i, '').toLowerCase();
}

const INSTALLER_NAME = /(?:setup|install|vs_[a-z]+|vc_?redist|\.msi$)/i;
const SILENT_SWITCH = /^(?:[/-](?:s|q|qn|qb|qb-|quiet|passive|silent|verysilent|sp-|suppressmsgboxes|install|norestart)|--quiet|--passive)$/i;

/** A path that names an installer, or a program started with an installer's silent switches. */
export function looksLikeInstaller(path: string, args: readonly Value[]): boolean {
  if (/\.ps1$/i.test(path)) return false;
  const file = path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
  if (INSTALLER_NAME.test(file)) return true;
  return args.some((a) => a.text !== undefined && a.text.split(/\s+/).some((t) => SILENT_SWITCH.test(t)));
}

export function installerEffect(w: W, node: NodeBase, command: string, installer: Value, args: Value[], waits: boolean): InstallerEffect {
  const file = (installer.text ?? installer.source).toLowerCase().replace(/["']/g, '');
  const format = file.endsWith('.msi') ? 'msi' : file.endsWith('.exe') ? 'exe' : 'unknown';
  return { kind: 'installer', ...w.base(node, command, verdict('installer')), installer, args, format, waits };
}

/** What a native program receives for each command element (arrays spread into several arguments). */
export function nativeArgs(w: W, elements: readonly CommandElement[]): NativeArg[] {
  const out: NativeArg[] = [];
  for (const el of elements) {
    if (el.type === 'Redirection' || el.type === 'Splat') continue;
    if (el.type === 'CommandParameter') {
      if (el.value && el.colon) {
        const v = w.text(el.value);
        const head = w.ctx.text.slice(el.start, el.value.start);
        out.push({ value: w.valueAt(el, v === undefined ? undefined : head + v), node: el });
      } else {
        // The grammar may have paired the next word with the switch; a program gets them apart.
        const name = { start: el.start, end: el.start + 1 + el.name.length };
        out.push({ value: w.valueAt(name, w.ctx.text.slice(name.start, name.end)), node: name });
        if (el.value) out.push(...nativeArgs(w, [el.value]));
      }
    } else if (el.type === 'StopParsingArgument') {
      for (const piece of splitWindowsCommandLine(el.text)) out.push({ value: w.valueAt(el, /%\w+%/.test(piece) ? undefined : piece), node: el });
    } else {
      const v = w.eval(el);
      if (v.kind === 'array') for (const item of w.values(el)) out.push({ value: item, node: el, expr: el });
      else out.push({ value: w.value(el), node: el, expr: el });
    }
  }
  return out;
}

/** Script offsets of each character of an argument's text: exact for plain strings, else approximate. */
function charMap(w: W, arg: NativeArg, text: string): number[] {
  const e = arg.expr;
  const src = w.ctx.text;
  let start = arg.node.start;
  let raw = src.slice(arg.node.start, arg.node.end);
  if (e && e.type === 'StringLiteral' && !e.here) {
    start = e.start + 1;
    raw = src.slice(e.start + 1, e.end - 1);
  } else if (e && e.type === 'ExpandableString' && !e.here && e.parts.every((p) => p.type === 'StringText')) {
    start = e.start + 1;
    raw = src.slice(e.start + 1, e.end - 1);
  } else if (raw !== text && (!e || e.type !== 'BareWord')) {
    // Not the same characters as the source (a variable's value): the text spans the node.
    return Array.from({ length: text.length }, (_, i) => (i === text.length - 1 ? Math.max(arg.node.start, arg.node.end - 1) : arg.node.start));
  }
  // Escapes (`''`, backticks) drop characters: align the value with its source greedily.
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    while (j < raw.length && raw[j] !== text[i]) j++;
    map.push(start + Math.min(j, raw.length - 1));
    if (j < raw.length) j++;
  }
  return map;
}

/**
 * An argument's text for a nested cmd script when PowerShell's value is not static: cmd
 * inherits the environment, so `$env:X` can be left to cmd as `%X%`.
 */
function cmdText(w: W, e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (e.type === 'Variable') return e.scope === 'env' ? `%${e.name}%` : undefined;
  if (e.type !== 'ExpandableString' && e.type !== 'ExpandableWord') return undefined;
  let out = '';
  for (const p of e.parts) {
    const t = p.type === 'StringText' ? p.value : (resolved(toText(w.eval(p))) ?? cmdText(w, p));
    if (t === undefined) return undefined;
    out += t;
  }
  return out;
}

/** The text several arguments make on a command line, with its map back into the script. */
function joined(w: W, args: readonly NativeArg[], quote: boolean, cmd = false): { text: string; offset: (i: number) => number } | undefined {
  let text = '';
  const map: number[] = [];
  for (const a of args) {
    let t = resolved(a.value.text) ?? (cmd ? cmdText(w, a.expr) : undefined);
    if (t === undefined) return undefined;
    if (text !== '') {
      text += ' ';
      map.push(a.node.start);
    }
    const needsQuotes = quote && args.length > 1 && /\s/.test(t) && !t.startsWith('"');
    if (needsQuotes) {
      map.push(a.node.start);
      map.push(...charMap(w, a, t));
      map.push(a.node.end - 1);
      t = `"${t}"`;
    } else {
      map.push(...charMap(w, a, t));
    }
    text += t;
  }
  const end = args[args.length - 1]?.node.end ?? 0;
  return { text, offset: (i) => map[i] ?? end };
}

const PS_VALUE_OPTIONS = /^-(?:executionpolicy|ex|ep|inputformat|if|outputformat|of|o|windowstyle|w|version|v|psconsolefile|configurationname|workingdirectory|wd|settingsfile|custompipename)$/i;

/** Effects of `cmd /c ...`, `powershell -Command ...` and `pwsh -File x.ps1` run from PowerShell. */
function nestedShell(w: W, cmd: NodeBase, command: string, program: string, args: readonly NativeArg[]): Effect[] | undefined {
  if (program === 'cmd') {
    const at = args.findIndex((a) => /^\/[ck]$/i.test(a.value.text ?? ''));
    if (at < 0) return undefined;
    const script = joined(w, args.slice(at + 1), true, true);
    if (!script) return [{ kind: 'unknown', ...w.base(cmd, command, verdict('dynamicCode')) }];
    return w.ctx.nested('cmd', script.text.replace(/^"(.*)"$/s, '$1'), (i) => script.offset(/^".*"$/s.test(script.text) ? i + 1 : i));
  }
  if (program !== 'powershell' && program !== 'pwsh') return undefined;
  let i = 0;
  let mode: 'command' | 'file' | 'encoded' | undefined;
  while (i < args.length && !mode) {
    const t = args[i]!.value.text ?? '';
    if (/^-(?:c|co|com|comm|comma|comman|command)$/i.test(t)) mode = 'command';
    else if (/^-(?:f|fi|fil|file)$/i.test(t)) mode = 'file';
    else if (/^-(?:e|ec|en|enc|enco|encod|encode|encoded|encodedcommand)$/i.test(t)) mode = 'encoded';
    else if (PS_VALUE_OPTIONS.test(t)) i++;
    else if (!t.startsWith('-') || t === '-') {
      // Without -Command or -File, Windows PowerShell runs the rest as a command, pwsh as a file.
      mode = program === 'pwsh' ? 'file' : 'command';
      break;
    }
    i++;
  }
  const rest = args.slice(i);
  if (mode === 'encoded' || (mode === 'command' && rest.length > 0 && !joined(w, rest, false) && rest[0]?.expr?.type !== 'ScriptBlock')) {
    return [{ kind: 'unknown', ...w.base(cmd, command, verdict('dynamicCode')) }];
  }
  if (mode === 'file') return [{ kind: 'run', ...w.base(cmd, command, verdict('localScript')), program: rest[0]?.value ?? w.valueAt(cmd, undefined), args: rest.slice(1).map((a) => a.value) }];
  const block = rest[0]?.expr;
  if (block?.type === 'ScriptBlock') {
    w.runBlock(block.statements, 'child', false);
    return [];
  }
  const script = joined(w, rest, false);
  if (!script) return [];
  return w.ctx.nested('powershell', script.text, script.offset, program);
}

/**
 * Effects of a program started from PowerShell: nested shells, PowerShell scripts, then
 * nativeEffects; installers nativeEffects does not recognise are recognised by their path.
 */
export function nativeCall(w: W, node: Command | NodeBase, command: string, name: Value, args: NativeArg[], async: boolean): Effect[] {
  const program = programName(name.text, name.source);
  const nested = nestedShell(w, node, command, program, args);
  if (nested) return nested;
  const path = name.text ?? name.source;
  if (/\.ps1["']?$/i.test(path)) {
    return [{ kind: 'run', ...w.base(node, command, verdict('localScript')), program: name, args: args.map((a) => a.value) }];
  }
  const call: NativeCall = { program, name, args: args.map((a) => a.value), language: 'powershell', range: w.ctx.range(node.start, node.end) };
  if (async) call.async = true;
  // A program nativeEffects has no entry for, started by path (or a dynamic name like
  // `& $installer /S`) with an installer's name or silent switches, is an installer.
  if (!programSpec(program) && (/[\\/.]/.test(path) || name.text === undefined) && looksLikeInstaller(path, call.args)) {
    return [installerEffect(w, node, command, name, call.args, !async && !/\.msi["']?$/i.test(path))];
  }
  const effects = nativeEffects(call);
  for (const e of effects) {
    // `setx /M PATH "$env:PATH;C:\x"`: the marker for the old PATH shows what the value adds.
    if (e.kind !== 'env' || e.pathAdditions || e.name.text?.toLowerCase() !== 'path') continue;
    const arg = args.find((a) => a.value === e.value || a.value.range.start.offset === e.value.range.start.offset);
    const additions = arg?.expr ? pathAdditions(toText(w.eval(arg.expr)), w.scope.initialEnv('PATH')) : undefined;
    if (additions) e.pathAdditions = additions;
  }
  return effects;
}

/** The offset map for PowerShell or cmd code given as the text of one expression (Invoke-Expression). */
export function scriptOffsets(w: W, node: NodeBase, text: string): (i: number) => number {
  const expr = 'type' in node ? (node as Expression) : undefined;
  const arg: NativeArg = expr ? { value: w.valueAt(node, text), node, expr } : { value: w.valueAt(node, text), node };
  const map = charMap(w, arg, text);
  return (i) => map[i] ?? node.end;
}

/** `Start-Process x -ArgumentList '/a /b'`: the single string is split as the program will split it. */
export function splitArgumentString(w: W, e: Expression): NativeArg[] {
  const text = resolved(w.text(e));
  if (text === undefined) return [{ value: w.value(e), node: e, expr: e }];
  const whole = { value: w.value(e), node: e, expr: e };
  const map = charMap(w, whole, text);
  const out: NativeArg[] = [];
  let from = 0;
  for (const piece of splitWindowsCommandLine(text)) {
    const at = text.indexOf(piece, from);
    const a = at < 0 ? e.start : (map[at] ?? e.start);
    const b = at < 0 ? e.end : (map[at + piece.length - 1] ?? e.end - 1) + 1;
    if (at >= 0) from = at + piece.length;
    const node = { start: a, end: Math.max(a, b) };
    out.push({ value: { text: piece, source: w.ctx.text.slice(node.start, node.end), range: w.ctx.range(node.start, node.end) }, node });
  }
  return out;
}

/** The expression inside `@( ... )` or `( ... )` when it is a single one. */
function inner(e: Expression): Expression {
  const st = e.type === 'ArrayExpression' ? (e.statements.length === 1 ? e.statements[0] : undefined) : e.type === 'ParenExpression' ? e.statement : undefined;
  if (st?.type === 'Pipeline' && st.elements.length === 1 && st.elements[0]?.type === 'CommandExpression') return inner(st.elements[0].expression);
  return e;
}

/**
 * Start-Process joins -ArgumentList elements with blanks (without quoting them) and the program
 * splits that command line again: `'--installPath C:\x'` arrives as two arguments.
 */
export function argumentList(w: W, e: Expression | undefined): NativeArg[] {
  if (!e) return [];
  const list = inner(e);
  const items = list.type === 'ArrayLiteral' ? list.elements : [list];
  return items.flatMap((x) => {
    const v = w.eval(x);
    if (v.kind === 'array') return w.values(x).map((value) => ({ value, node: x, expr: x }));
    return splitArgumentString(w, x);
  });
}
