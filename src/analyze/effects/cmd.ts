// Effects of a cmd script: walks the AST in execution order and classifies every command.
// Built-ins are classified here (cmd-builtins.ts), programs by nativeEffects with the arguments
// they really receive, and nested `powershell -Command` / `cmd /c` scripts by ctx.nested.
import { commandTail, powershellInvocation, programArguments, programName, sourceRange } from '../../../grammar/cmd/index.ts';
import type {
  CmdArgument, CmdGroup, CmdInvocation, CmdPipeline, CmdScript, CmdSpan, CmdStatement, CmdWord, PowerShellInvocation,
} from '../../../grammar/cmd/index.ts';
import { builtinEffects, cmdFields, echoEffects, outputFile, setEffects } from './cmd-builtins.ts';
import type { CmdTools } from './cmd-builtins.ts';
import { CmdVariables } from './cmd-vars.ts';
import type { EffectContext } from './context.ts';
import type { ArgumentOrigin } from './native-args.ts';
import { part, show, str, withOrigin } from './native-args.ts';
import { fileVerdict, windowsOnly } from './native-make.ts';
import { nativeEffects } from './native.ts';
import type { NativeCall } from './native.ts';
import type { Effect, EnvEffect, FileEffect, RunEffect, UnknownEffect, Value, VerifyEffect } from './types.ts';
import type { Range } from '../../parse/source.ts';

// Cmdlets (Verb-Noun), variables and aliases that only PowerShell knows: cmd fails on them.
const POWERSHELL_ONLY = /^(?:(?:get|set|new|remove|invoke|install|add|expand|start|stop|copy|move|test|write|import|export|enable|disable|register|unregister|update|restart|out|select|foreach|where|join|split|resolve|convert|convertto|convertfrom|uninstall|clear|wait|read|format|measure|push|pop|rename|save|publish|mount|dismount|initialize|use|unblock)-[a-z]+|\$.*|iex|iwr|irm|gci|ni|ri|gc|sl)$/i;

export function cmdEffects(script: CmdScript, ctx: EffectContext): Effect[] {
  const walker = new CmdWalker(ctx);
  for (const line of script.body) walker.line(line);
  return walker.effects;
}

/** What follows a statement: whether its failure stops the RUN. */
interface After {
  op: '&&' | '||' | '&' | 'end';
  next?: CmdStatement;
}

/** The commands of `a & b && c` in order (a group's lines are usually chained this way). */
function flatten(st: CmdStatement): CmdStatement[] {
  return st.type === 'Chain' && st.operator !== '||' ? st.items.flatMap(flatten) : [st];
}

/** `identity`: raw is the script text from that offset on. */
type CmdOffsets = { offsets: ArrayLike<number> } | { identity: number } | null;

/**
 * Where a cmd argument came from. `offsets` maps raw to script offsets; without them every part
 * maps to the whole `span`. A class rather than closures: there is one per argument, and a
 * megabyte-long script has a hundred thousand.
 */
class CmdOrigin implements ArgumentOrigin {
  constructor(
    readonly raw: string,
    private readonly offsets: CmdOffsets,
    private readonly span: CmdSpan | undefined,
    private readonly ctx: EffectContext,
    private readonly vars: CmdVariables,
    private readonly forVars: string[],
  ) {}

  map(a: number, b: number): { range: Range; source: string } {
    const { offsets, raw } = this;
    let r: CmdSpan;
    if (!offsets) r = this.span as CmdSpan;
    else if ('identity' in offsets) {
      const from = Math.max(0, Math.min(a, raw.length));
      r = { start: offsets.identity + from, end: offsets.identity + Math.max(from, Math.min(b, raw.length)) };
    } else r = sourceRange(offsets, a, b);
    return { range: this.ctx.range(r.start, r.end), source: this.ctx.text.slice(r.start, r.end) };
  }

  resolve(rawPart: string): string {
    return this.vars.expand(rawPart, this.forVars).partial;
  }
}

class CmdWalker implements CmdTools {
  readonly effects: Effect[] = [];
  readonly vars: CmdVariables;
  private forVars: string[] = [];

  constructor(readonly ctx: EffectContext) {
    this.vars = new CmdVariables(ctx.env);
  }

  line(st: CmdStatement): void {
    this.vars.beginLine();
    this.sets = [];
    this.statement(st, { op: 'end' });
    for (const e of this.sets) {
      const name = str(e.name).toLowerCase();
      if (this.vars.stale.has(name)) e.reason += `; %${str(e.name)}% elsewhere on this line still has its old value, because cmd expands the whole line before running it (call re-expands it)`;
    }
  }

  // The `set` effects of the current line.
  private sets: EnvEffect[] = [];

  private statement(st: CmdStatement, after: After): void {
    switch (st.type) {
      case 'Chain':
        st.items.forEach((item, i) => {
          const next = st.items[i + 1];
          this.statement(item, next ? { op: st.operator, next } : after);
        });
        return;
      case 'Pipeline':
        return this.pipeline(st, after);
      case 'Group':
        return this.group(st);
      case 'If': {
        const cond = st.condition ? this.ctx.text.slice(st.condition.start, st.condition.end) : '?';
        const test = `if ${st.negated ? 'not ' : ''}${cond}`;
        if (st.then) this.within(` (only when \`${test}\` holds)`, () => this.statement(st.then as CmdStatement, after));
        if (st.else) this.within(` (only when \`${test}\` does not hold)`, () => this.statement(st.else as CmdStatement, after));
        return;
      }
      case 'For': {
        if (!st.body) return;
        const saved = this.forVars;
        if (st.variable) this.forVars = [...saved, st.variable.name];
        const items = st.set ? `(${st.set.raw.trim()})` : 'its set';
        this.within(` (repeated for each item of ${items}; the loop variable is unknown statically)`, () => this.statement(st.body as CmdStatement, after));
        this.forVars = saved;
        return;
      }
      case 'Rem':
      case 'Label':
        return;
      case 'Error':
        this.effects.push(this.unknown(st, st.raw.trim().split(/\s+/)[0] ?? '', `cmd cannot parse this part of the script (${st.message})`));
        return;
      default:
        this.invocation(st, false, st);
    }
  }

  /** Runs `walk` and appends `note` to the reasons of the effects it adds. */
  private within(note: string, walk: () => void): void {
    const from = this.effects.length;
    walk();
    for (let i = from; i < this.effects.length; i++) (this.effects[i] as Effect).reason += note;
  }

  private pipeline(st: CmdPipeline, after: After): void {
    const from = this.effects.length;
    for (const c of st.commands) this.statement(c, { op: '&' });
    // `certutil -hashfile f SHA256 | findstr HASH && ...`: findstr fails on a mismatch.
    const verify = this.effects.slice(from).find((e): e is VerifyEffect => e.kind === 'verify');
    const filter = st.commands.slice(1).find((c) => c.type === 'SimpleCommand' && /^(findstr|find)$/.test(programName(c.name.value)));
    if (!verify || !filter || filter.type !== 'SimpleCommand') return;
    const words = filter.args.filter((w) => !w.value.startsWith('/') || /^\/c:/i.test(w.value));
    const last = words[words.length - 1];
    if (!last) return;
    const expected = this.word(last);
    verify.expected = /^\/c:/i.test(last.value) ? part(expected, 3) : expected;
    const stops = after.op === 'end' || after.op === '&&' || (after.op === '||' && this.isExit(after.next));
    verify.onMismatch = stops ? 'exit' : 'none';
    // The filter is part of the check now.
    const f = this.effects.findIndex((e, i) => i >= from && e.kind === 'smoke-test' && e.range.start.offset === this.ctx.range(filter.start, filter.end).start.offset);
    if (f >= 0) this.effects.splice(f, 1);
    verify.reason = `checks the ${verify.algorithm} hash of ${show(verify.file)} against ${show(verify.expected)}${stops ? '; a mismatch fails the RUN' : '; a mismatch does not stop the script'}`;
  }

  private isExit(st: CmdStatement | undefined): boolean {
    if (!st) return false;
    if (st.type === 'Chain') return this.isExit(st.items[0]);
    if (st.type === 'Group') return this.isExit(st.body[0]);
    return st.type === 'SimpleCommand' && st.builtin === 'exit';
  }

  private group(st: CmdGroup): void {
    const out = outputFile(st.redirections);
    if (!out?.target) {
      for (const s of st.body) this.statement(s, { op: '&' });
      return;
    }
    const target = this.word(out.target);
    const lines = st.body.flatMap(flatten);
    const echoes = lines.every((s) => s.type === 'Echo' && s.mode === 'text' && !outputFile(s.redirections));
    const content: Value = { source: this.ctx.text.slice(st.start, st.end), range: this.ctx.range(st.start, st.end) };
    if (echoes) {
      const texts = lines.map((s) => (s.type === 'Echo' ? this.vars.expand(s.text, this.forVars).text : undefined));
      if (texts.every((x) => x !== undefined)) content.text = texts.map((x) => `${x}\r\n`).join('');
    } else {
      for (const s of st.body) this.statement(s, { op: '&' });
    }
    const append = out.operator === '>>';
    const reason = `${append ? 'appends' : 'writes'} ${echoes ? 'the echoed lines' : 'the output of the group'} ${append ? 'to' : 'into'} ${show(target)}`;
    const e: FileEffect = {
      kind: 'file', command: '(', language: 'cmd', range: this.ctx.range(st.start, st.end), ...fileVerdict(reason),
      op: 'write', paths: [target], append,
    };
    if (echoes) e.content = content;
    this.effects.push(e);
  }

  private invocation(node: CmdInvocation, async: boolean, outer: CmdInvocation): void {
    switch (node.type) {
      case 'Echo':
        this.effects.push(...echoEffects(node, this, node === outer ? node.redirections : outer.redirections));
        return;
      case 'Set': {
        const out = setEffects(node, this);
        this.sets.push(...out.filter((e): e is EnvEffect => e.kind === 'env'));
        this.effects.push(...out);
        return;
      }
      case 'Call':
        if (node.command) {
          const live = this.vars.live;
          this.vars.live = true;
          this.invocation(node.command, false, node);
          this.vars.live = live;
          return;
        }
        this.effects.push(this.unknown(node, 'call', node.label ? 'call :label only works inside a batch file' : 'call without a command does nothing'));
        return;
      case 'Start':
        if (node.command) return this.invocation(node.command, !node.wait, node);
        this.effects.push(this.unknown(node, 'start', 'start without a program opens a new console'));
        return;
      default:
        break;
    }
    const redirections = node === outer ? node.redirections : outer.redirections;
    if (node.builtin) {
      const out = builtinEffects(node, this, redirections);
      this.effects.push(...(out ?? [this.unknown(node, node.name.raw, `winfile does not know what ${node.name.value} ${node.args.map((a) => a.value).join(' ')} does`)]));
      // type's redirection is already its copy.
      if (node.builtin !== 'type') this.redirectedOutput(node, outer, redirections, []);
      return;
    }
    const ps = powershellInvocation(this.ctx.text, node);
    if (ps) return this.powershell(node, ps, outer);
    const name = this.vars.expand(node.name.value, this.forVars);
    const program = programName(name.text ?? node.name.value);
    if (program === 'cmd') return this.nestedCmd(node, outer);
    if (POWERSHELL_ONLY.test(program)) {
      this.effects.push(this.unknown(outer, node.name.raw, `${node.name.value} is PowerShell, but this RUN runs it under cmd, where it fails; the Dockerfile probably needs SHELL ["powershell", "-Command"] (or powershell -Command) here`));
      return;
    }
    const call: NativeCall = {
      program,
      name: this.word(node.name),
      args: programArguments(this.ctx.text, node).map((a) => this.argument(a)),
      language: 'cmd',
      range: this.ctx.range(outer.start, outer.end),
    };
    if (async) call.async = true;
    const effects = nativeEffects(call);
    this.effects.push(...effects);
    this.redirectedOutput(node, outer, redirections, effects);
  }

  /** `> file` after a command: the download's output, or a file the command's output goes to. */
  private redirectedOutput(node: CmdInvocation, outer: CmdInvocation, redirections: CmdInvocation['redirections'], effects: Effect[]): void {
    const redirected = outputFile(redirections);
    if (!redirected?.target) return;
    const target = this.word(redirected.target);
    const download = effects.find((e) => e.kind === 'download' && !e.output);
    if (download?.kind === 'download') {
      download.output = target;
      download.reason = download.reason.replace(' (to standard output)', ` to ${show(target)}`);
      return;
    }
    const append = redirected.operator === '>>';
    const e: FileEffect = {
      kind: 'file', ...cmdFields(this, outer, fileVerdict(`${append ? 'appends' : 'writes'} the output of ${node.name.value} ${append ? 'to' : 'into'} ${show(target)}`)),
      op: 'write', paths: [target], append,
    };
    this.effects.push(e);
  }

  private powershell(node: CmdInvocation, ps: PowerShellInvocation, outer: CmdInvocation): void {
    if (ps.mode === 'command' && ps.script) {
      // cmd expands %VAR% in the line before PowerShell sees it.
      const m = this.vars.expandMapped(ps.script, this.forVars);
      const end = m.offsets[m.text.length] ?? node.end;
      this.effects.push(...this.ctx.nested('powershell', m.text, (i) => m.offsets[i] ?? end, ps.host));
      return;
    }
    if (ps.mode === 'encodedCommand' && ps.file && ps.decoded !== null) {
      const at = ps.file.start;
      this.effects.push(...this.ctx.nested('powershell', ps.decoded, () => at, ps.host));
      return;
    }
    const file = ps.file ? this.argument(ps.file) : undefined;
    const reason = file
      ? `runs the PowerShell script ${show(file)} with ${ps.host}; its commands are not analysed`
      : `starts ${ps.host} without a script${ps.mode === 'encodedCommand' ? ' winfile can decode' : ''}; what it runs is not analysed`;
    const e: RunEffect = {
      kind: 'run', ...cmdFields(this, outer, windowsOnly(reason)),
      program: file ?? this.word(node.name),
      args: ps.args.map((a) => this.argument(a)),
    };
    this.effects.push(e);
  }

  private nestedCmd(node: CmdInvocation, outer: CmdInvocation): void {
    const tail = this.vars.expandMapped(commandTail(this.ctx.text, node), this.forVars);
    const m = /(?:^|[ \t])\/[ckr](?=[ \t"]|$)/i.exec(tail.text);
    if (!m) {
      const e: RunEffect = { kind: 'run', ...cmdFields(this, outer, windowsOnly('starts cmd without a command; what it runs is not analysed')), program: this.word(node.name), args: [] };
      this.effects.push(e);
      return;
    }
    let from = m.index + m[0].length;
    while (from < tail.text.length && /[ \t]/.test(tail.text[from] as string)) from++;
    let to = tail.text.length;
    // cmd /c "..." strips the outer quotes (always with /S, and in the usual cases without it).
    const close = tail.text.lastIndexOf('"');
    if (tail.text[from] === '"' && close > from) {
      from++;
      to = close;
    }
    const offsets = Array.prototype.slice.call(tail.offsets, from, to + 1) as number[];
    const end = offsets[offsets.length - 1] ?? node.end;
    this.effects.push(...this.ctx.nested('cmd', tail.text.slice(from, to), (i) => offsets[i] ?? end));
  }

  private unknown(node: CmdSpan, command: string, reason: string): UnknownEffect {
    return { kind: 'unknown', command, language: 'cmd', range: this.ctx.range(node.start, node.end), portability: 'windows-only', reason, destinations: ['dependency-image'] };
  }

  /** forVars arrays are replaced, never changed, so the current one is kept as it is. */
  private origin(raw: string, offsets: CmdOffsets, span?: CmdSpan): ArgumentOrigin {
    return new CmdOrigin(raw, offsets, span, this.ctx, this.vars, this.forVars);
  }

  /** An argument as the program receives it, variables expanded. */
  argument(a: CmdArgument): Value {
    const ex = this.vars.expand(a.value, this.forVars);
    const v: Value = { source: this.ctx.text.slice(a.start, a.end), range: this.ctx.range(a.start, a.end) };
    if (ex.text !== undefined) v.text = ex.text;
    return withOrigin(v, this.origin(a.value, a));
  }

  word(w: CmdWord): Value {
    const ex = this.vars.expand(w.value, this.forVars);
    const v: Value = { source: w.raw, range: this.ctx.range(w.start, w.end) };
    if (ex.text !== undefined) v.text = ex.text;
    return withOrigin(v, this.origin(w.value, w));
  }

  textValue(raw: string, start: number, end: number): Value {
    const ex = this.vars.expand(raw, this.forVars);
    const source = this.ctx.text.slice(start, end);
    const v: Value = { source, range: this.ctx.range(start, end) };
    if (ex.text !== undefined) v.text = ex.text;
    // The value maps character for character only when cmd changed nothing (no carets, quotes).
    return withOrigin(v, this.origin(raw, raw === source ? { identity: start } : null, { start, end }));
  }
}
