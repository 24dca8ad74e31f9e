// Questions the WF6xx rules ask about the effects of a Dockerfile's Windows RUNs: which RUNs a
// stage has and what they do, whether two script values name the same file, and how sure winfile
// is of the shell a RUN body goes to. Types only from the analyser: the grammars stay unloaded.
import type { DockerfileModel, Instruction, Stage } from '../../model/types.ts';
import { rootStage, stageChain } from '../../model/versions.ts';
import type { Range } from '../../parse/source.ts';
import type { Effect, RunAnalysis, Value } from './types.ts';

/** A RUN (or ONBUILD RUN) in a Windows stage and what the analyser found in it. */
export interface AnalysedRun {
  run: Instruction;
  stage: Stage;
  analysis: RunAnalysis;
}

/** The Windows RUNs of the model, in file order, with their analyses; none when the analyser is not loaded. */
export function analysedRuns(model: DockerfileModel, analyse: (run: Instruction) => RunAnalysis | undefined): AnalysedRun[] {
  const out: AnalysedRun[] = [];
  for (const stage of model.stages) {
    if (stage.os !== 'windows') continue;
    for (const run of stage.instructions) {
      if (run.keyword !== 'RUN' && !(run.keyword === 'ONBUILD' && run.trigger?.keyword === 'RUN')) continue;
      const analysis = analyse(run);
      if (analysis) out.push({ run, stage, analysis });
    }
  }
  return out;
}

/** The instruction that actually runs: the trigger of an ONBUILD RUN, else the RUN itself. */
export function runOf(ins: Instruction): Instruction {
  return ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
}

/** A value as the script sees it: resolved text, else the source without its quotes. */
export function valueText(v: Value): string {
  return v.text ?? v.source.replace(/^(["'])(.*)\1$/s, '$2');
}

/**
 * A Windows path in a comparable form: lower case, `\` separators, no drive C:, no `.\` or
 * trailing separator. `$env:TEMP\x` and `%TEMP%\x` stay as written (unresolved values compare
 * by their source).
 */
export function normalPath(p: string): string {
  let s = p.trim().replace(/^(["'])(.*)\1$/s, '$2').replace(/\//g, '\\').toLowerCase();
  s = s.replace(/\\{2,}/g, '\\').replace(/^c:(?=\\|$)/, '').replace(/^(?:\.\\)+/, '');
  return s.length > 1 ? s.replace(/\\+$/, '') : s;
}

/** The last component of a path. */
export function fileName(p: string): string {
  const n = normalPath(p);
  return n.slice(n.lastIndexOf('\\') + 1);
}

/** Whether a path names a place relative to the working directory (which the script may change). */
function relative(p: string): boolean {
  return !/^(?:\\|[a-z]:|%|\$)/.test(p);
}

/**
 * Whether two values name the same file: the same path, or the same file name when either is
 * relative (the working directory is rarely known). Unresolved values compare by their source.
 */
export function sameFile(a: Value, b: Value): boolean {
  const x = normalPath(valueText(a));
  const y = normalPath(valueText(b));
  if (x === '' || y === '') return false;
  if (x === y) return true;
  if (a.text === undefined || b.text === undefined) return normalPath(a.source) === normalPath(b.source);
  return (relative(x) || relative(y)) && fileName(x) === fileName(y);
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^\\\\]*').replace(/\?/g, '[^\\\\]');
  return new RegExp(`^${body}$`);
}

/** Whether removing `removed` (a file, a directory or a wildcard) deletes `file`. */
export function removes(removed: Value, file: Value): boolean {
  if (sameFile(removed, file)) return true;
  const r = normalPath(valueText(removed));
  const f = normalPath(valueText(file));
  if (r === '' || removed.text === undefined || file.text === undefined) return false;
  if (/[*?]/.test(r)) {
    const re = wildcard(r);
    // A wildcard matches the file itself or a directory above it (`Remove-Item C:\temp\*`).
    for (let i = f.length; i > 0; i = f.lastIndexOf('\\', i - 1)) if (re.test(f.slice(0, i))) return true;
    return relative(f) && re.test(fileName(f));
  }
  return f.startsWith(`${r}\\`);
}

/** Every value an effect carries (URLs, paths, arguments...), for searches across kinds. */
export function effectValues(e: Effect): Value[] {
  const out: Value[] = [];
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) {
      for (const x of v) if (isValue(x)) out.push(x);
    } else if (isValue(v)) out.push(v);
  }
  return out;
}

function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && 'source' in x && 'range' in x;
}

/** The range of `length` characters at `index` of a value's source, when the source sits on one line as written. */
export function rangeIn(model: DockerfileModel, v: Value, index: number, length: number): Range {
  const start = v.range.start.offset + index;
  const written = model.source.text.slice(v.range.start.offset, v.range.end.offset);
  if (written !== v.source || index < 0 || index + length > written.length) return v.range;
  return model.source.range(start, start + length);
}

/** The range of `text` inside `range` of the file (the first occurrence, case-insensitively), else `range`. */
export function findIn(model: DockerfileModel, range: Range, text: string): Range {
  const slice = model.source.text.slice(range.start.offset, range.end.offset).toLowerCase();
  const at = text === '' ? -1 : slice.indexOf(text.toLowerCase());
  return at < 0 ? range : model.source.range(range.start.offset + at, range.start.offset + at + text.length);
}

/** The SHELL instruction whose shell a shell-form RUN uses (in its stage or a stage it builds on). */
export function shellInstruction(ins: Instruction): Instruction | undefined {
  const stage = ins.stage;
  if (!stage) return undefined;
  let before = ins.index;
  for (const s of stageChain(stage)) {
    const found = s.instructions.filter((i) => i.keyword === 'SHELL' && i.form === 'exec' && i.args.length > 0 && i.index < before).pop();
    if (found) return found;
    before = s.from.index;
  }
  return undefined;
}

/**
 * Base images whose config sets no SHELL, so a RUN without a SHELL instruction goes to cmd. Other
 * images may set one in their config, and BuildKit inherits it: unless the catalog records it (as
 * for the golang, python and openjdk Windows images), winfile cannot tell which shell their RUNs get.
 */
const CMD_IMAGES = new Set([
  'mcr.microsoft.com/windows/servercore', 'microsoft/windowsservercore', 'mcr.microsoft.com/windows/nanoserver', 'microsoft/nanoserver',
  'mcr.microsoft.com/windows/server', 'mcr.microsoft.com/windows', 'mcr.microsoft.com/windows/servercore/iis', 'microsoft/iis',
]);

/** Whether the shell a RUN body goes to is known: exec form, a SHELL instruction, or a base image without a SHELL. */
export function shellKnown(ins: Instruction): boolean {
  const run = runOf(ins);
  if (run.form === 'exec' || shellInstruction(ins)) return true;
  const stage = ins.stage;
  const match = stage ? rootStage(stage).catalog : undefined;
  return match !== undefined && (match.variant.shell !== undefined || CMD_IMAGES.has(match.image.repository));
}

/** Whether the RUN body reaches cmd or PowerShell (exec form may start any program directly). */
export function throughShell(ins: Instruction): boolean {
  const run = runOf(ins);
  if (run.form !== 'exec') return true;
  return /^(?:.*[\\/])?(?:cmd|powershell|pwsh)(?:\.exe)?$/i.test(run.args[0]?.value ?? '');
}

// PowerShell's approved verbs (Get-Verb), for Verb-Noun commands cmd cannot run.
const VERBS = [
  'add', 'approve', 'assert', 'backup', 'block', 'build', 'checkpoint', 'clear', 'close', 'compare', 'complete', 'compress', 'confirm', 'connect',
  'convert', 'convertfrom', 'convertto', 'copy', 'debug', 'deny', 'deploy', 'disable', 'disconnect', 'dismount', 'edit', 'enable', 'enter', 'exit',
  'expand', 'export', 'find', 'foreach', 'format', 'get', 'grant', 'group', 'hide', 'import', 'initialize', 'install', 'invoke', 'join', 'limit',
  'lock', 'measure', 'merge', 'mount', 'move', 'new', 'open', 'optimize', 'out', 'ping', 'pop', 'protect', 'publish', 'push', 'read', 'receive',
  'redo', 'register', 'remove', 'rename', 'repair', 'request', 'reset', 'resize', 'resolve', 'restart', 'restore', 'resume', 'revoke', 'save',
  'search', 'select', 'send', 'set', 'show', 'skip', 'sort', 'split', 'start', 'step', 'stop', 'submit', 'suspend', 'switch', 'sync', 'tee', 'test',
  'trace', 'unblock', 'undo', 'uninstall', 'unlock', 'unprotect', 'unpublish', 'unregister', 'update', 'use', 'wait', 'watch', 'where', 'write',
];
const PS_COMMAND = new RegExp(`^(?:(?:${VERBS.join('|')})-[a-z][a-z0-9]*|iex|iwr|irm|foreach|function|param|throw|trap|try)$`, 'i');
const PS_WORD = /^(?:\$|\[[\w.]+\]::)/;
const PS_ENV = /\$\{?env:\w+\}?/i;

/** A piece of PowerShell found in code that cmd runs. */
export interface PowerShellInCmd {
  construct: string;
  range: Range;
}

/**
 * The first PowerShell construct in the cmd code of a RUN: a cmdlet or PowerShell keyword run as
 * a command, a `$variable` or `[Type]::Member` in command position, a `$env:X` reference (cmd
 * passes it on literally), or the call operator `&` cmd rejects. Undefined when the shell the
 * body goes to is not known (a base image may set a PowerShell SHELL in its config), unless
 * `anyShell` asks whether the body looks like PowerShell all the same.
 */
// Three rules ask, and a long cmd script has tens of thousands of effects to look through.
const psInCmdMemo = new WeakMap<object, [PowerShellInCmd | undefined | null, PowerShellInCmd | undefined | null]>();

export function powershellInCmd(model: DockerfileModel, ar: AnalysedRun, anyShell = false): PowerShellInCmd | undefined {
  let memo = psInCmdMemo.get(ar.analysis);
  if (!memo) psInCmdMemo.set(ar.analysis, (memo = [null, null]));
  const slot = anyShell ? 1 : 0;
  const known = memo[slot];
  if (known !== null) return known;
  return (memo[slot] = findPowershellInCmd(model, ar, anyShell));
}

function findPowershellInCmd(model: DockerfileModel, ar: AnalysedRun, anyShell: boolean): PowerShellInCmd | undefined {
  const { run, analysis } = ar;
  const topCmd = analysis.scripts[0]?.language === 'cmd';
  if (!throughShell(run) || (topCmd && !anyShell && !shellKnown(run))) return undefined;
  const found: PowerShellInCmd[] = [];
  for (const e of analysis.effects) {
    if (e.language !== 'cmd') continue;
    if ((e.kind === 'unknown' || e.kind === 'run') && (PS_COMMAND.test(e.command) || PS_WORD.test(e.command))) {
      found.push({ construct: e.command, range: findIn(model, e.range, e.command) });
      continue;
    }
    // `cd $env:X` keeps its directory as a plain string.
    const dir = e.kind === 'session' ? PS_ENV.exec(e.value ?? '') : null;
    if (dir) found.push({ construct: dir[0], range: findIn(model, e.range, dir[0]) });
    // The text cmd passes on: a nested `cmd /c "..."` gets PowerShell's expansion, not the source.
    for (const v of effectValues(e)) {
      const m = PS_ENV.exec(v.text ?? (topCmd ? v.source : ''));
      if (!m) continue;
      const at = v.source.indexOf(m[0]);
      found.push({ construct: m[0], range: at < 0 ? v.range : rangeIn(model, v, at, m[0].length) });
    }
  }
  for (const err of analysis.syntaxErrors) {
    if (err.language !== 'cmd') continue;
    const at = model.source.text.slice(err.range.start.offset, err.range.end.offset + 1);
    if (/^&[^&]/.test(at) && /unexpected/i.test(err.message)) found.push({ construct: '&', range: err.range });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
}

/** `powershell` or `pwsh` when a command word starts PowerShell, else undefined. */
export function powershellHost(word: string | undefined): 'powershell' | 'pwsh' | undefined {
  const m = /^(?:.*[\\/])?(powershell|pwsh)(?:\.exe)?$/i.exec(word ?? '');
  return m ? ((m[1] as string).toLowerCase() as 'powershell' | 'pwsh') : undefined;
}

/** A PowerShell SHELL instruction and the shell-form RUNs that go through it. */
export interface PowerShellShell {
  shell: Instruction;
  host: 'powershell' | 'pwsh';
  runs: AnalysedRun[];
  /** What the SHELL runs before every body (after -Command). */
  prefix: string;
  /** The SHELL's arguments as a range. */
  range: Range;
}

/** Every PowerShell SHELL of a Windows stage with the RUNs that use it (exec-form RUNs use none). */
export function powershellShells(model: DockerfileModel, runs: readonly AnalysedRun[]): PowerShellShell[] {
  const out: PowerShellShell[] = [];
  for (const stage of model.stages) {
    if (stage.os !== 'windows') continue;
    for (const shell of stage.instructions) {
      const host = shell.keyword === 'SHELL' && shell.form === 'exec' ? powershellHost(shell.args[0]?.value) : undefined;
      if (!host) continue;
      const using = runs.filter((r) => runOf(r.run).form !== 'exec' && shellInstruction(r.run) === shell);
      const first = shell.args[0] as Instruction['args'][number];
      const last = shell.args[shell.args.length - 1] as Instruction['args'][number];
      const prefix = using.find((r) => r.analysis.prefix !== undefined)?.analysis.prefix ?? '';
      out.push({ shell, host, runs: using, prefix, range: model.source.range(first.range.start.offset, last.range.end.offset) });
    }
  }
  return out;
}

/**
 * Whether a RUN body sets a PowerShell preference variable to `value` before doing anything
 * else that matters (printing and other session settings may come first).
 */
export function setsFirst(analysis: RunAnalysis, setting: 'error-action' | 'progress', value: RegExp): boolean {
  for (const e of analysis.effects) {
    if (e.kind === 'session' && e.setting === setting) return value.test(e.value ?? '');
    if (e.kind !== 'session' && e.kind !== 'print') return false;
  }
  return false;
}
