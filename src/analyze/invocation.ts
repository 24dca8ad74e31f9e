import { joinedArguments, splitArguments } from '../../grammar/cmd/argv.ts';
import type { CmdArgument } from '../../grammar/cmd/argv.ts';
import type { Instruction } from '../model/types.ts';
import type { MappedText } from '../parse/scanner.ts';
import type { ScriptLanguage } from './effects/types.ts';

/** One script handed to a shell, with a map from script offsets to file offsets. */
export interface ScriptUnit {
  language: ScriptLanguage;
  /** Windows PowerShell and pwsh differ (e.g. `curl` is an alias of Invoke-WebRequest only in the former). */
  host?: 'powershell' | 'pwsh';
  text: string;
  /** File offset of text[i]; i may equal text.length. */
  offset(i: number): number;
}

export interface Invocation {
  unit?: ScriptUnit;
  /** The script a PowerShell SHELL runs before every RUN body (`$ErrorActionPreference = 'Stop'; ...`). */
  prefix?: string;
  /** Set when the RUN does not go through cmd or PowerShell (e.g. a bash SHELL in a Windows stage). */
  unsupportedShell?: string;
}

const POWERSHELL = /^(?:.*[\\/])?(powershell|pwsh)(?:\.exe)?$/i;
const CMD = /^(?:.*[\\/])?cmd(?:\.exe)?$/i;

/** Index of the argument that starts the script: after `-Command`/`-c` (PowerShell) or `/C`/`/K` (cmd). */
function scriptStart(args: readonly string[], language: ScriptLanguage): number {
  for (let i = 1; i < args.length; i++) {
    const a = (args[i] as string).toLowerCase();
    if (language === 'cmd' && (a === '/c' || a === '/k')) return i + 1;
    if (language === 'powershell' && /^-(?:c|co|com|comm|comma|comman|command)$/.test(a)) return i + 1;
  }
  return -1;
}

function hostOf(exe: string): 'powershell' | 'pwsh' {
  return POWERSHELL.exec(exe)?.[1]?.toLowerCase() === 'pwsh' ? 'pwsh' : 'powershell';
}

/**
 * How a RUN reaches a shell. Shell form and heredocs run `SHELL + [body]`; a PowerShell SHELL
 * joins everything after `-Command` into one script, so its own trailing arguments are a prefix
 * run before the body. Exec form runs its argv directly: `["powershell", "-Command", "..."]`
 * gives a PowerShell script; any other program becomes a one-command cmd-style script.
 */
export function invocationOf(run: Instruction): Invocation {
  if (run.form === 'exec') return execInvocation(run);
  const shell = run.shell;
  const exe = shell[0] ?? '';
  const body = run.form === 'heredoc' ? run.heredocs[0]?.body : run.rest;
  if (!body) return {};
  if (POWERSHELL.test(exe)) {
    const at = scriptStart(shell, 'powershell');
    const prefix = at > 0 ? shell.slice(at).join(' ') : '';
    return { unit: { language: 'powershell', host: hostOf(exe), ...commandLineScript(body) }, prefix };
  }
  if (CMD.test(exe)) return { unit: { language: 'cmd', text: body.text, offset: (i) => body.offsetAt(i) } };
  return { unsupportedShell: shell.join(' ') };
}

/**
 * What PowerShell runs for a shell-form body: Windows passes `SHELL... body` to powershell.exe as
 * one command line, which the C runtime splits into arguments (`\"` is a quote, a bare `"` only
 * toggles quoting and disappears) before -Command joins them with spaces. Bodies written with `\"`
 * only make sense after this step.
 */
function commandLineScript(body: MappedText): { text: string; offset(i: number): number } {
  // Without double quotes, tabs or repeated, leading or trailing blanks, splitting and joining give
  // the body back unchanged (backslashes are literal when no quote follows), so it is not done.
  const text = body.text;
  if (text.length > 0 && !/["\t]|  |^ | $/.test(text)) {
    const offsets = body.offsets;
    // As joinedArguments ends its map: one past the last character.
    offsets[text.length] = (offsets[text.length - 1] as number) + 1;
    return { text, offset: (i) => offsets[Math.min(i, text.length)] as number };
  }
  const joined = joinedArguments({ text: body.text, offsets: body.offsets });
  return { text: joined.text, offset: (i) => joined.offsets[Math.min(i, joined.offsets.length - 1)] ?? body.offsetAt(body.text.length) };
}

function execInvocation(run: Instruction): Invocation {
  const argv = run.args.map((a) => a.value);
  const exe = argv[0] ?? '';
  let language: ScriptLanguage = 'cmd';
  let from = 0; // a program other than a shell: the script is the program and its arguments
  if (POWERSHELL.test(exe)) {
    language = 'powershell';
    from = scriptStart(argv, 'powershell');
    // Without -Command, Windows PowerShell runs the first argument that is not a parameter.
    if (from < 0) for (from = 1; from < argv.length && (argv[from] as string).startsWith('-'); from++);
  } else if (CMD.test(exe)) {
    from = Math.max(1, scriptStart(argv, 'cmd'));
  }
  const chosen = run.args.slice(from);
  const starts: number[] = [];
  let text = '';
  for (const a of chosen) {
    if (text !== '') text += ' ';
    starts.push(text.length);
    // After `cmd /C` the rest is a command line as is; a program's own arguments need quotes to
    // stay one word when they contain blanks.
    text += from === 0 && /\s/.test(a.value) && !a.value.startsWith('"') ? `"${a.value}"` : a.value;
  }
  // JSON strings may contain escapes, so a character maps to the same position in its argument's
  // source, clamped to the argument: exact unless an escape comes first.
  const offset = (i: number): number => {
    let k = starts.length - 1;
    while (k > 0 && (starts[k] as number) > i) k--;
    const arg = chosen[k];
    if (!arg) return run.range.end.offset;
    return Math.min(arg.range.start.offset + 1 + Math.max(0, i - (starts[k] as number)), arg.range.end.offset);
  };
  const unit: ScriptUnit = { language, text, offset };
  if (language === 'powershell') unit.host = hostOf(exe);
  return { unit };
}

/**
 * The double quotes a PowerShell SHELL loses from a shell-form body (see commandLineScript), as
 * body indices: each quoted span (closing quote or argument end) with the argument it is in, and
 * whether a `""` escape occurs.
 */
export function lostQuotes(run: Instruction): { body: MappedText; removed: number[]; spans: { open: number; close: number; arg: CmdArgument }[]; doubled: boolean } | undefined {
  if (run.form === 'exec' || !POWERSHELL.test(run.shell[0] ?? '')) return undefined;
  const body = run.form === 'heredoc' ? run.heredocs[0]?.body : run.rest;
  if (!body || !body.text.includes('"')) return undefined;
  const text = body.text;
  const args = splitArguments({ text, offsets: identity(text.length + 1) });
  const kept = new Uint8Array(text.length + 1);
  for (const a of args) for (let j = 0; j < a.value.length; j++) kept[a.offsets[j] as number] = 1;
  const removed: number[] = [];
  const spans: { open: number; close: number; arg: CmdArgument }[] = [];
  let doubled = false;
  for (const arg of args) {
    const toggles: number[] = [];
    for (let i = arg.start; i < arg.end; i++) {
      if (text[i] !== '"' || kept[i]) continue;
      removed.push(i);
      // `""` inside quotes: the first is dropped and the second kept, quoting goes on.
      if (text[i + 1] === '"' && kept[i + 1]) doubled = true;
      else toggles.push(i);
    }
    for (let k = 0; k < toggles.length; k += 2) spans.push({ open: toggles[k] as number, close: toggles[k + 1] ?? arg.end, arg });
  }
  return { body, removed, spans, doubled };
}

// Offsets into the body itself, shared between calls (splitArguments only reads them).
let IDENTITY = new Int32Array(0);
function identity(length: number): Int32Array {
  if (IDENTITY.length < length) {
    IDENTITY = new Int32Array(Math.max(length, IDENTITY.length * 2));
    for (let i = 0; i < IDENTITY.length; i++) IDENTITY[i] = i;
  }
  return IDENTITY;
}
