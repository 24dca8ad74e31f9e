// Walks a PowerShell script in execution order, keeping the variables the evaluator needs, and
// dispatches every command, assignment and method call to the handlers.

import type {
  Assignment, Command, CommandExpression, Expression, FunctionDefinition, IfStatement, NodeBase, Pipeline, PsScript, Statement, StatementBlock,
} from '../../../grammar/powershell/ast.ts';
import { walk } from '../../../grammar/powershell/helpers.ts';
import type { EffectContext } from './context.ts';
import { commandEffects } from './powershell-commands.ts';
import { envEffect } from './powershell-env.ts';
import { methodCall } from './powershell-methods.ts';
import { isFormatter, isNull, isOutNull, PATH_MARK, printable, remoteUrl, resolved, SESSION_VARIABLES, single } from './powershell-support.ts';
import type { BaseFields, Upstream, W } from './powershell-support.ts';
import { binaryValue, PsEvaluator, PsScope, toText, UNKNOWN } from './ps-eval.ts';
import type { PsValue } from './ps-eval.ts';
import { verdict } from './powershell-verdicts.ts';
import type { Verdict } from './powershell-verdicts.ts';
import { verifyIf } from './powershell-verify.ts';
import type { Effect, SessionEffect, Value } from './types.ts';

/** Loops over known items are unrolled up to this many iterations. */
const MAX_UNROLL = 16;

type Loop = Extract<Statement, { type: 'While' | 'DoWhile' | 'DoUntil' | 'For' | 'Foreach' }>;

export class Walker implements W {
  readonly effects: Effect[] = [];
  scope: PsScope;
  readonly ev: PsEvaluator;
  readonly functions = new Map<string, FunctionDefinition>();
  /** Effects of each command, for the objects they return (Start-Process -PassThru). */
  readonly results = new WeakMap<Command, Effect[]>();
  /** File offsets of native program starts and of `$env:X` reads, for the process-environment verdict. */
  readonly nativeStarts: number[] = [];
  private readonly envReads: Array<{ name: string; at: number }> = [];
  callDepth = 0;
  /**
   * Statements left to walk: unrolled loops and function calls repeat bodies, and nesting them
   * multiplies the work, so past this budget loops run once and functions are not followed.
   */
  budget = 20000;

  constructor(readonly ctx: EffectContext, script: PsScript) {
    this.scope = new PsScope((name) => ctx.env(name) ?? (name.toLowerCase() === 'path' ? PATH_MARK : undefined));
    this.ev = new PsEvaluator({ command: (cmd) => this.commandValue(cmd) });
    walk(script, (n) => {
      if (n.type === 'Variable' && n.scope === 'env') this.envReads.push({ name: n.name.toLowerCase(), at: ctx.range(n.start, n.end).start.offset });
    });
  }

  // ------------------------------------------------------------------ W

  eval(e: Expression): PsValue {
    return this.ev.expression(e, this.scope);
  }

  text(e: Expression | undefined): string | undefined {
    return e ? resolved(toText(this.eval(e))) : undefined;
  }

  valueAt(node: NodeBase, text: string | undefined): Value {
    const v: Value = { source: this.ctx.text.slice(node.start, node.end), range: this.ctx.range(node.start, node.end) };
    const t = resolved(text);
    if (t !== undefined) v.text = t;
    return v;
  }

  value(e: Expression): Value {
    return this.valueAt(e, toText(this.eval(e)));
  }

  values(e: Expression | undefined): Value[] {
    if (!e) return [];
    const v = this.eval(e);
    return v.kind === 'array' ? v.items.map((item) => this.valueAt(e, toText(item))) : [this.valueAt(e, toText(v))];
  }

  span(nodes: readonly NodeBase[], text: string | undefined): Value {
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    return this.valueAt({ start: first?.start ?? 0, end: last?.end ?? 0 }, text);
  }

  base(node: NodeBase, command: string, v: Verdict): BaseFields & Verdict {
    // Fields named, not spread: effects are made by the ten thousand in long scripts.
    return { command, language: 'powershell', range: this.ctx.range(node.start, node.end), portability: v.portability, reason: v.reason, destinations: v.destinations };
  }

  runBlock(list: readonly Statement[], scope: 'child' | 'same', valuePos: boolean): void {
    const saved = this.scope;
    if (scope === 'child') this.scope = saved.child();
    try {
      for (const st of list) this.statement(st, valuePos);
    } finally {
      this.scope = saved;
    }
  }

  walkValue(e: Expression): void {
    walk(e, (n) => {
      if (n.type === 'ScriptBlock') return false;
      if (n.type === 'ParenExpression') {
        if (n.statement) this.statement(n.statement, true);
        return false;
      }
      if (n.type === 'SubExpression' || n.type === 'ArrayExpression') {
        for (const st of n.statements) this.statement(st, true);
        return false;
      }
      return undefined;
    });
  }

  // ----------------------------------------------------------- results

  emit(...effects: Effect[]): void {
    for (const e of effects) this.effects.push(e);
  }

  private commandValue(cmd: Command): PsValue | undefined {
    const effects = this.results.get(cmd);
    if (!effects || !/^(?:start-process|saps|start)$/i.test(cmd.nameText ?? '')) return undefined;
    if (!cmd.elements.some((el) => el.type === 'CommandParameter' && /^passt/i.test(el.name))) return { kind: 'null' };
    return { kind: 'object', type: 'process', ref: effects };
  }

  /** Process-scope variables that later commands read (or PATH, which later programs search) move with them. */
  finish(): Effect[] {
    for (const e of this.effects) {
      if (e.kind !== 'env' || e.scope !== 'process' || e.name.text === undefined) continue;
      const name = e.name.text.toLowerCase();
      const end = e.range.end.offset;
      const used = this.envReads.some((r) => r.name === name && r.at >= end) || (name === 'path' && this.nativeStarts.some((s) => s >= end));
      if (used) Object.assign(e, verdict('envProcessUsed'));
    }
    return this.effects;
  }

  // -------------------------------------------------------- statements

  statement(st: Statement, valuePos: boolean): void {
    this.budget--;
    switch (st.type) {
      case 'Pipeline':
        return this.pipeline(st, valuePos);
      case 'PipelineChain':
        this.statement(st.left, valuePos);
        return this.branches([() => this.statement(st.right, valuePos)], true);
      case 'Assignment':
        return this.assignment(st);
      case 'If':
        return this.ifStatement(st);
      case 'While':
      case 'DoWhile':
      case 'DoUntil':
      case 'For':
      case 'Foreach':
        return this.loop(st);
      case 'Switch': {
        if (st.subject) this.statement(st.subject, true);
        const bodies = [...st.clauses.map((c) => c.body), ...(st.defaultBody ? [st.defaultBody] : [])];
        return this.branches(bodies.map((b) => () => this.block(b)), !st.defaultBody);
      }
      case 'Try':
        this.block(st.body);
        this.branches(st.catches.map((c) => () => this.block(c.body)), true);
        if (st.finallyBody) this.block(st.finallyBody);
        return;
      case 'Trap':
        return this.branches([() => this.block(st.body)], true);
      case 'FunctionDefinition':
        this.functions.set(st.name.toLowerCase(), st);
        return;
      case 'NamedBlock':
        return this.block(st.body);
      case 'Return':
      case 'Exit':
        if (st.value) this.statement(st.value, true);
        return;
      case 'Throw':
        // Only the failure path builds the message; a successful build never runs it.
        return;
      case 'ErrorStatement': {
        const word = /^\S*/.exec(st.text.trim())?.[0] ?? '';
        this.emit({ kind: 'unknown', ...this.base(st, word, verdict('unparsed')) });
        return;
      }
      default:
        return;
    }
  }

  block(b: StatementBlock, valuePos = false): void {
    for (const st of b.statements) this.statement(st, valuePos);
  }

  /** Runs alternative paths from the same state and merges what they leave in the variables. */
  branches(paths: Array<() => void>, mayRunNone: boolean): void {
    const base = this.scope;
    const ends: PsScope[] = [];
    for (const path of paths) {
      this.scope = base.fork();
      try {
        path();
      } finally {
        ends.push(this.scope);
      }
    }
    this.scope = base;
    base.merge(ends, mayRunNone);
  }

  /**
   * A loop body runs any number of times: what it assigns is unknown inside it (a later
   * iteration sees an earlier one's values) and after it, unless it ends up where it started.
   */
  loopBody(body: () => void, assigned: readonly Statement[] | StatementBlock, extra: string[] = []): void {
    const before = this.scope.fork();
    const names = new Set(extra);
    const envs = new Set<string>();
    walk(Array.isArray(assigned) ? { type: 'StatementBlock', statements: assigned as Statement[], start: 0, end: 0 } : (assigned as StatementBlock), (n) => {
      if (n.type === 'Assignment' && n.target.type === 'Variable') (n.target.scope === 'env' ? envs : names).add(n.target.name);
      if (n.type === 'Unary' && n.operand.type === 'Variable' && (n.operator === '++' || n.operator === '--')) names.add(n.operand.name);
    });
    for (const n of names) this.scope.set(n, UNKNOWN);
    for (const n of envs) this.scope.setEnv(n, UNKNOWN);
    const base = this.scope;
    this.scope = base.fork();
    try {
      body();
    } finally {
      const end = this.scope;
      this.scope = base;
      base.merge([end, before], false);
    }
  }

  forEachItem(items: PsValue, names: readonly string[], body: readonly Statement[], valuePos: boolean): void {
    const run = (item: PsValue) => {
      for (const n of names) this.scope.set(n, item);
      for (const st of body) this.statement(st, valuePos);
    };
    if (items.kind === 'null' || (items.kind === 'array' && items.items.length === 0)) return;
    // Known items: the iterations run one after another with their values, as PowerShell runs them.
    if (items.kind === 'array' && items.items.length <= MAX_UNROLL && this.budget > 0) return items.items.forEach(run);
    if (items.kind !== 'array' && items.kind !== 'unknown') return run(items);
    this.loopBody(() => run(UNKNOWN), body, [...names]);
  }

  private loop(st: Loop): void {
    if (st.type === 'Foreach') {
      this.statement(st.iterable, true);
      return this.forEachItem(this.ev.statement(st.iterable, this.scope), [st.variable.name], st.body.statements, false);
    }
    if (st.type === 'For' && st.initializer) this.statement(st.initializer, true);
    this.loopBody(() => {
      if (st.type === 'While' || st.type === 'For') {
        if (st.condition) this.statement(st.condition, true);
      }
      this.block(st.body);
      if (st.type === 'For' && st.iterator) this.statement(st.iterator, true);
      if ((st.type === 'DoWhile' || st.type === 'DoUntil') && st.condition) this.statement(st.condition, true);
    }, st.body.statements.concat(st.type === 'For' && st.iterator ? [st.iterator] : []));
  }

  private ifStatement(st: IfStatement): void {
    const verify = verifyIf(this, st);
    if (verify) this.emit(verify.effect);
    else for (const c of st.clauses) this.statement(c.condition, true);
    const bodies = [...st.clauses.map((c) => c.body), ...(st.elseBody ? [st.elseBody] : [])];
    this.branches(bodies.map((b) => () => {
      if (b !== verify?.mismatch) return this.block(b);
      // The messages and the throw on a mismatch are part of the verify.
      const from = this.effects.length;
      this.block(b);
      const kept = this.effects.splice(from).filter((e) => e.kind !== 'print');
      this.emit(...kept);
    }), !st.elseBody);
  }

  private assignment(a: Assignment): void {
    this.statement(a.value, true);
    let target = a.target;
    while (target.type === 'Cast') target = target.operand;
    const rhs = this.ev.statement(a.value, this.scope);
    const rhsValue = (): Value => {
      const expr = single(a.value);
      return expr ? this.value(expr) : this.valueAt(a.value, toText(rhs));
    };
    if (target.type === 'Variable') {
      const old = target.scope === 'env' ? this.scope.getEnv(target.name) : (this.scope.get(target.name) ?? UNKNOWN);
      const next = a.operator === '=' ? rhs : a.operator === '+=' ? binaryValue('+', old, rhs) : a.operator === '??=' && old.kind !== 'null' && old.kind !== 'unknown' ? old : UNKNOWN;
      if (target.scope === 'env') {
        const name = this.valueAt(target, target.name);
        const value = a.operator === '=' ? rhsValue() : this.valueAt(a.value, toText(next));
        this.emit(envEffect(this, a, this.ctx.text.slice(target.start, target.end), { name, value, raw: next, scope: 'process' }));
        return;
      }
      this.scope.set(target.name, next, target.scope);
      const setting = target.scope === undefined || target.scope === 'global' || target.scope === 'script' ? SESSION_VARIABLES[target.name.toLowerCase()] : undefined;
      if (setting) this.session(a, target, setting, rhs);
      return;
    }
    if (target.type === 'MemberAccess' && target.static && target.object.type === 'TypeLiteral') {
      const type = target.object.typeName.toLowerCase().replace(/^system\./, '');
      const member = target.member.type === 'BareWord' ? target.member.value.toLowerCase() : '';
      this.session(a, target, type === 'net.servicepointmanager' && member === 'securityprotocol' ? 'tls' : 'other', rhs);
      return;
    }
    if (target.type === 'ArrayLiteral') {
      for (const el of target.elements) if (el.type === 'Variable' && el.scope !== 'env') this.scope.set(el.name, UNKNOWN, el.scope);
    }
    // Properties and elements of objects in memory: nothing outside this RUN changes.
  }

  private session(a: Assignment, target: Expression, setting: SessionEffect['setting'], value: PsValue): void {
    const e: SessionEffect = { kind: 'session', ...this.base(a, this.ctx.text.slice(target.start, target.end), verdict('session')), setting };
    const text = resolved(toText(value)) ?? this.ctx.text.slice(a.value.start, a.value.end).trim();
    if (text !== '') e.value = text;
    this.emit(e);
  }

  // --------------------------------------------------------- pipelines

  private pipeline(p: Pipeline, valuePos: boolean): void {
    const els = p.elements;
    // Formatting cmdlets at the end pass output on to be printed; Out-Null discards it.
    let last = els.length - 1;
    while (last > 0 && isFormatter(els[last])) last--;
    const discarded = els.length > 1 && isOutNull(els[els.length - 1]);
    let input: Upstream | undefined;
    let inputValue: PsValue | undefined;
    let mark = this.effects.length;
    for (let i = 0; i < els.length; i++) {
      const el = els[i]!;
      const vp = i < last || valuePos || discarded;
      const before = this.effects.length;
      if (el.type === 'CommandExpression') this.expressionElement(el, vp);
      else if (!(input && this.remoteScript(el, input, mark))) this.emit(...commandEffects(this, el, vp, input));
      mark = before;
      inputValue = this.ev.element(el, inputValue, this.scope);
      input = { node: el, value: inputValue };
    }
  }

  /** `iwr https://x/install.ps1 | iex`: the download and the run are one remote-script effect. */
  private remoteScript(el: Command, input: Upstream, inputEffects: number): boolean {
    if (!/^(?:invoke-expression|iex)$/i.test(el.nameText ?? '')) return false;
    const url = remoteUrl(input.node, this.ctx.host);
    if (!url) return false;
    // The download that fed the script is part of the run.
    const kept = this.effects.splice(inputEffects).filter((e) => e.kind !== 'download');
    this.emit(...kept);
    const node = { start: input.node.start, end: el.end };
    this.emit({ kind: 'run', ...this.base(node, this.ctx.text.slice(el.name.start, el.name.end), verdict('remoteScript')), program: this.value(url), args: [] });
    return true;
  }

  private expressionElement(el: CommandExpression, valuePos: boolean): void {
    const e = el.expression;
    const redirected = el.redirections.some((r) => r.target && !isNull(r.target));
    const handled = methodCall(this, e, valuePos || redirected);
    if (handled) this.emit(...handled);
    else {
      const before = this.effects.length;
      this.walkValue(e);
      if (!valuePos && !redirected && this.effects.length === before && printable(e)) {
        const smoke = /^\$(?:PSVersionTable|host)\b/i.test(this.ctx.text.slice(e.start, e.end));
        this.emit(smoke
          ? { kind: 'smoke-test', ...this.base(el, this.ctx.text.slice(e.start, e.end), verdict('smokeTest')), program: 'powershell' }
          : { kind: 'print', ...this.base(el, this.ctx.text.slice(e.start, e.end), verdict('print')), text: this.value(e) });
      }
    }
    for (const r of el.redirections) {
      if (!r.target || isNull(r.target)) continue;
      const path = this.value(r.target);
      const known = path.text !== undefined;
      this.emit({ kind: 'file', ...this.base(el, r.operator, verdict(known ? 'file' : 'fileUnknownPath')), op: 'write', paths: [path], content: this.value(e), ...(r.append ? { append: true } : {}) });
    }
  }
}
