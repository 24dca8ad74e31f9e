// One command: a script block, a function the script defined, a cmdlet from the table, a
// PowerShell script file or a native program.

import type { Command, CommandElement, Expression, FunctionDefinition } from '../../../grammar/powershell/ast.ts';
import { argOf, bind, lookupCmdlet } from './powershell-cmdlets.ts';
import { fileCmdlet } from './powershell-files.ts';
import { nativeArgs, nativeCall, programName, scriptOffsets } from './powershell-native.ts';
import { remoteUrl } from './powershell-support.ts';
import type { CmdCall, Upstream } from './powershell-support.ts';
import { systemCmdlet } from './powershell-system.ts';
import { toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { Walker } from './powershell-walker.ts';
import { programSpec } from './programs.ts';
import type { Effect } from './types.ts';

/** Programs built for the Windows GUI subsystem that Dockerfiles run, which PowerShell does not wait for. */
const GUI_PROGRAMS = new Set(['msiexec']);

/** Nested function calls deeper than this are not followed (recursion). */
const MAX_CALL_DEPTH = 8;

function isArgument(el: CommandElement): el is Expression {
  return el.type !== 'CommandParameter' && el.type !== 'Splat' && el.type !== 'Redirection' && el.type !== 'StopParsingArgument';
}

/** `& f` or `f` for a function defined earlier: its body runs with the arguments bound to its parameters. */
function callFunction(w: Walker, def: FunctionDefinition, cmd: Command, valuePos: boolean): void {
  if (w.callDepth >= MAX_CALL_DEPTH || w.budget <= 0) return;
  const params = def.parameters.length > 0 ? def.parameters : (def.body.paramBlock?.parameters ?? []);
  const isSwitch = (i: number) => params[i]?.attributes.some((a) => a.type === 'TypeLiteral' && /^switch$/i.test(a.typeName)) ?? false;
  const bound = new Map<number, PsValue>();
  const positional: PsValue[] = [];
  const tokens: Array<{ param: string; value?: Expression } | { expr: Expression }> = [];
  for (const el of cmd.elements) {
    if (el.type === 'CommandParameter') {
      tokens.push(el.colon && el.value ? { param: el.name, value: el.value } : { param: el.name });
      if (!el.colon && el.value) tokens.push({ expr: el.value });
    } else if (isArgument(el)) {
      tokens.push({ expr: el });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ('expr' in t) {
      positional.push(w.eval(t.expr));
      continue;
    }
    const at = params.findIndex((p) => p.variable.name.toLowerCase().startsWith(t.param.toLowerCase()));
    if (at < 0) continue;
    const next = tokens[i + 1];
    if (t.value) bound.set(at, w.eval(t.value));
    else if (isSwitch(at)) bound.set(at, { kind: 'bool', value: true });
    else if (next && 'expr' in next) {
      bound.set(at, w.eval(next.expr));
      i++;
    } else bound.set(at, UNKNOWN);
  }
  const scope = w.scope.child();
  let p = 0;
  params.forEach((param, i) => {
    let v = bound.get(i);
    if (v === undefined && !isSwitch(i) && p < positional.length) v = positional[p++];
    if (v === undefined) v = param.defaultValue ? w.ev.expression(param.defaultValue, scope) : isSwitch(i) ? { kind: 'bool', value: false } : { kind: 'null' };
    scope.set(param.variable.name, v);
  });
  scope.set('args', { kind: 'array', items: positional.slice(p) });
  const saved = w.scope;
  w.scope = scope;
  w.callDepth++;
  try {
    for (const st of def.body.statements) w.statement(st, valuePos);
  } finally {
    w.scope = saved;
    w.callDepth--;
  }
}

function scriptBlockArg(e: Expression | undefined): Expression | undefined {
  return e?.type === 'ScriptBlock' ? e : undefined;
}

/** Invoke-Command, ForEach-Object and Invoke-Expression run code given to them. */
function runsCode(w: Walker, c: CmdCall): Effect[] | undefined {
  const b = c.b;
  switch (b.spec.kind) {
    case 'invoke-command': {
      const block = scriptBlockArg(argOf(b, 'scriptblock'));
      if (b.named.has('computername') || b.named.has('session')) return [{ kind: 'unknown', ...w.base(c.cmd, c.name, verdict('unknown')) }];
      if (block?.type === 'ScriptBlock') w.runBlock(block.statements, b.named.has('nonewscope') ? 'same' : 'child', c.valuePos);
      const file = argOf(b, 'filepath');
      return file ? [{ kind: 'run', ...w.base(c.cmd, c.name, verdict('localScript')), program: w.value(file), args: [] }] : [];
    }
    case 'foreach-object': {
      const blocks = [argOf(b, 'begin'), argOf(b, 'process'), argOf(b, 'end')].map(scriptBlockArg);
      const items: PsValue = c.input ? c.input.value : { kind: 'null' };
      const [begin, process, end] = blocks.map((x) => (x?.type === 'ScriptBlock' ? x.statements : undefined));
      // The blocks run in the caller's scope: begin once, process per input object, end once.
      if (begin) w.runBlock(begin, 'same', c.valuePos);
      if (process) w.forEachItem(c.input ? items : UNKNOWN, ['_', 'PSItem'], process, c.valuePos);
      if (end) w.runBlock(end, 'same', c.valuePos);
      return [];
    }
    case 'where-object':
      return [];
    case 'iex': {
      const arg = argOf(b, 'command');
      const url = arg ? remoteUrl(arg, w.ctx.host) : undefined;
      if (url) return [{ kind: 'run', ...w.base(c.cmd, c.name, verdict('remoteScript')), program: w.value(url), args: [] }];
      const source = arg ?? c.input?.node;
      const text = arg ? w.text(arg) : c.input ? toText(c.input.value) : undefined;
      if (!source || text === undefined || text.includes('\uE000')) return [{ kind: 'unknown', ...w.base(c.cmd, c.name, verdict('dynamicCode')) }];
      const map = scriptOffsets(w, arg ?? source, text);
      return w.ctx.nested('powershell', text, map);
    }
    default:
      return undefined;
  }
}

function classify(w: Walker, cmd: Command, valuePos: boolean, input: Upstream | undefined): Effect[] {
  const name = cmd.name;
  if (name.type === 'ScriptBlock') {
    w.runBlock(name.statements, cmd.invocation === '.' ? 'same' : 'child', valuePos);
    return [];
  }
  const written = w.ctx.text.slice(name.start, name.end);
  // A backtick left at the very end (a line continuation with nothing after it) is not a command.
  if (written === '`' && cmd.elements.length === 0) return [];
  const nameText = cmd.nameText ?? w.text(name);
  if (nameText !== undefined) {
    const fn = w.functions.get(nameText.toLowerCase());
    if (fn) {
      callFunction(w, fn, cmd, valuePos);
      return [];
    }
    const spec = /[\\/]/.test(nameText) ? undefined : lookupCmdlet(nameText, w.ctx.host);
    if (spec) {
      const c: CmdCall = { cmd, name: written, b: bind(cmd, spec), valuePos };
      if (input) c.input = input;
      return runsCode(w, c) ?? fileCmdlet(w, c) ?? systemCmdlet(w, c) ?? [{ kind: 'unknown', ...w.base(cmd, written, verdict('unknown')) }];
    }
    // Verb-Noun without a path or extension: a cmdlet or function winfile does not know,
    // unless it names a program winfile knows (docker-compose).
    if (/^[a-z]+-[a-z][\w-]*$/i.test(nameText) && !programSpec(nameText.toLowerCase())) return [{ kind: 'unknown', ...w.base(cmd, written, verdict('unknown')) }];
  }
  w.nativeStarts.push(w.ctx.range(cmd.start, cmd.end).start.offset);
  const program = w.valueAt(name, nameText);
  // PowerShell waits for console programs, but not for Windows GUI programs such as msiexec
  // unless it reads their output (`| Out-Null`, an assignment).
  const gui = !valuePos && GUI_PROGRAMS.has(programName(program.text, program.source));
  return nativeCall(w, cmd, written, program, nativeArgs(w, cmd.elements), gui);
}

/** The effects of one command, after the commands in its arguments, then its file redirections. */
export function commandEffects(w: Walker, cmd: Command, valuePos: boolean, input?: Upstream): Effect[] {
  const iexRemote = /^(?:invoke-expression|iex)$/i.test(cmd.nameText ?? '') && cmd.elements.some((el) => isArgument(el) && remoteUrl(el, w.ctx.host));
  if (!iexRemote) {
    for (const el of cmd.elements) {
      if (el.type === 'CommandParameter' && el.value) w.walkValue(el.value);
      else if (isArgument(el)) w.walkValue(el);
    }
  }
  const effects = classify(w, cmd, valuePos, input);
  w.results.set(cmd, effects);
  for (const el of cmd.elements) {
    if (el.type !== 'Redirection' || !el.target || (el.target.type === 'Variable' && /^null$/i.test(el.target.name))) continue;
    const path = w.value(el.target);
    effects.push({ kind: 'file', ...w.base(cmd, el.operator, verdict(path.text === undefined ? 'fileUnknownPath' : 'file')), op: 'write', paths: [path], ...(el.append ? { append: true } : {}) });
  }
  return effects;
}
