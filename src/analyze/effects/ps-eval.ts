// A small static evaluator for PowerShell expressions: it computes what a value is when the
// script alone decides it (literals, variables assigned earlier, ENV/ARG values, string
// operators, a few pure .NET methods and cmdlets) and says "unknown" otherwise. It never runs
// or guesses anything: an unknown anywhere in an expression makes the result unknown.

import type { Command, Expression, PipelineElement, Statement, StringPart } from '../../../grammar/powershell/ast.ts';
import { callMethod, callStatic, staticMember } from './powershell-dotnet.ts';
import { pureCommand } from './powershell-pure.ts';
import { binaryValue, cast, joinAll } from './powershell-operators.ts';
import { sameValue, toBool, toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';

export type { PsValue } from './powershell-values.ts';
export { formatString, sameValue, toBool, toText, UNKNOWN } from './powershell-values.ts';
export { binaryValue } from './powershell-operators.ts';

const str = (value: string): PsValue => ({ kind: 'string', value });

/**
 * Variables (`$x`) per PowerShell scope and the process environment (`$env:X`), which all scopes
 * share. Names compare case-insensitively, as in PowerShell and on Windows.
 */
export class PsScope {
  private readonly vars: Map<string, PsValue>;
  private readonly envs: Map<string, PsValue>;

  constructor(
    /** ENV/ARG values the RUN starts with. */
    readonly initialEnv: (name: string) => string | undefined,
    readonly parent?: PsScope,
    vars?: Map<string, PsValue>,
    envs?: Map<string, PsValue>,
  ) {
    this.vars = vars ?? new Map();
    this.envs = envs ?? parent?.envs ?? new Map();
  }

  get(name: string): PsValue | undefined {
    const key = name.toLowerCase();
    for (let s: PsScope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(key);
      if (v) return v;
    }
    return undefined;
  }

  /** `qualifier` is the variable's scope (`script`, `global`): those write to the outermost scope. */
  set(name: string, value: PsValue, qualifier?: string): void {
    let target: PsScope = this;
    if (qualifier === 'script' || qualifier === 'global') while (target.parent) target = target.parent;
    target.vars.set(name.toLowerCase(), value);
  }

  getEnv(name: string): PsValue {
    const set = this.envs.get(name.toLowerCase());
    if (set) return set;
    const initial = this.initialEnv(name) ?? containerDefault(name);
    return initial === undefined ? UNKNOWN : str(initial);
  }

  setEnv(name: string, value: PsValue): void {
    this.envs.set(name.toLowerCase(), value);
  }

  /** A scope for a function or `& { }`: reads fall through to this one, writes stay inside. */
  child(): PsScope {
    return new PsScope(this.initialEnv, this, undefined, this.envs);
  }

  /** A copy for one branch of an `if`/`switch`/loop, merged back with `merge`. */
  fork(): PsScope {
    return new PsScope(this.initialEnv, this.parent, new Map(this.vars), new Map(this.envs));
  }

  /**
   * After a conditional construct: a name keeps its value only when every way through (the
   * branches, and `this` itself when the construct may run none of them) leaves the same value.
   */
  merge(branches: PsScope[], includeSelf: boolean): void {
    const ways = includeSelf ? [...branches, this.fork()] : branches;
    if (ways.length === 0) return;
    for (const pick of [(s: PsScope) => s.vars, (s: PsScope) => s.envs]) {
      const names = new Set<string>();
      for (const w of ways) for (const k of pick(w).keys()) names.add(k);
      for (const k of names) {
        const first = pick(ways[0] as PsScope).get(k);
        const same = first !== undefined && ways.every((w) => sameValue(pick(w).get(k) ?? UNKNOWN, first));
        pick(this).set(k, same ? first : UNKNOWN);
      }
    }
  }
}

/**
 * Environment variables Windows defines identically in every container image, whatever the
 * user: paths like `$env:ProgramFiles\Git` are then known. User-dependent ones (TEMP, APPDATA,
 * USERPROFILE) and PATH are not here.
 */
const CONTAINER_ENV: Record<string, string> = {
  systemdrive: 'C:',
  systemroot: 'C:\\Windows',
  windir: 'C:\\Windows',
  programfiles: 'C:\\Program Files',
  programw6432: 'C:\\Program Files',
  programdata: 'C:\\ProgramData',
  allusersprofile: 'C:\\ProgramData',
  commonprogramfiles: 'C:\\Program Files\\Common Files',
  public: 'C:\\Users\\Public',
};

function containerDefault(name: string): string | undefined {
  return CONTAINER_ENV[name.toLowerCase()];
}

/** Supplies values for commands the evaluator does not know (the walker's objects, e.g. Start-Process -PassThru). */
export type CommandHook = (cmd: Command, input: PsValue | undefined, scope: PsScope) => PsValue | undefined;

export interface EvalOptions {
  command?: CommandHook;
}

/** Guards against pathological nesting in hand-built or adversarial input. */
const MAX_DEPTH = 64;

export class PsEvaluator {
  private depth = 0;

  constructor(private readonly options: EvalOptions = {}) {}

  expression(e: Expression, scope: PsScope): PsValue {
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.expr(e, scope);
    } finally {
      this.depth--;
    }
  }

  /** The value a statement outputs (`$x = <statement>`), or unknown. */
  statement(st: Statement, scope: PsScope): PsValue {
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.stmt(st, scope);
    } finally {
      this.depth--;
    }
  }

  /** Output of a list of statements: one value, or an array when several statements output. */
  statements(list: readonly Statement[], scope: PsScope): PsValue {
    const out = list.map((s) => this.statement(s, scope)).filter((v) => v.kind !== 'null');
    if (out.length === 1) return out[0] as PsValue;
    if (out.length === 0) return { kind: 'null' };
    return { kind: 'array', items: out };
  }

  private stmt(st: Statement, scope: PsScope): PsValue {
    switch (st.type) {
      case 'Pipeline': {
        let input: PsValue | undefined;
        for (const el of st.elements) {
          input = this.element(el, input, scope);
          if (input.kind === 'unknown') return UNKNOWN;
        }
        return input ?? UNKNOWN;
      }
      case 'If': {
        // `$x = if (...) { 'a' } else { 'b' }` is known when every branch gives the same value.
        if (!st.elseBody) return UNKNOWN;
        const values = [...st.clauses.map((c) => c.body), st.elseBody].map((b) => this.statements(b.statements, scope));
        const first = values[0] as PsValue;
        return values.every((v) => toText(v) !== undefined && toText(v) === toText(first)) ? first : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** The output of one pipeline element given the previous element's output. */
  element(el: PipelineElement, input: PsValue | undefined, scope: PsScope): PsValue {
    if (el.type === 'CommandExpression') {
      // A value after the first element, or one redirected to a file, outputs nothing usable.
      if (input !== undefined || el.redirections.some((r) => r.target)) return UNKNOWN;
      return this.expression(el.expression, scope);
    }
    return this.command(el, input, scope);
  }

  private command(cmd: Command, input: PsValue | undefined, scope: PsScope): PsValue {
    const hooked = this.options.command?.(cmd, input, scope);
    if (hooked) return hooked;
    return pureCommand(cmd, input, scope, this) ?? UNKNOWN;
  }

  private expr(e: Expression, scope: PsScope): PsValue {
    switch (e.type) {
      case 'BareWord':
      case 'StringLiteral':
        return str(e.value);
      case 'NumberLiteral':
        return Number.isFinite(e.value) ? { kind: 'number', value: e.value } : UNKNOWN;
      case 'ExpandableWord':
      case 'ExpandableString':
        return this.expand(e.parts, scope);
      case 'Variable':
        return this.variable(e.name, e.scope, scope);
      case 'ParenExpression':
        return e.statement ? this.statement(e.statement, scope) : { kind: 'null' };
      case 'SubExpression':
        return this.statements(e.statements, scope);
      case 'ArrayExpression': {
        const v = this.statements(e.statements, scope);
        if (v.kind === 'array' || v.kind === 'unknown') return v;
        return { kind: 'array', items: v.kind === 'null' ? [] : [v] };
      }
      case 'ArrayLiteral':
        return { kind: 'array', items: e.elements.map((x) => this.expression(x, scope)) };
      case 'Hashtable': {
        const props = new Map<string, PsValue>();
        for (const entry of e.entries) {
          const key = toText(this.expression(entry.key, scope));
          if (key === undefined) return UNKNOWN;
          props.set(key.toLowerCase(), this.statement(entry.value, scope));
        }
        return { kind: 'object', type: 'hashtable', props };
      }
      case 'ScriptBlock':
        return { kind: 'object', type: 'scriptblock', ref: e };
      case 'TypeLiteral':
        return { kind: 'type', name: e.typeName };
      case 'Cast':
        return cast(e.targetType.typeName, this.expression(e.operand, scope));
      case 'Unary':
        return this.unary(e.operator, this.expression(e.operand, scope));
      case 'Binary':
        return this.binary(e.operator, e.left, e.right, scope);
      case 'MemberAccess': {
        const name = toText(this.expression(e.member, scope));
        if (name === undefined) return UNKNOWN;
        if (e.static) return e.object.type === 'TypeLiteral' ? staticMember(e.object.typeName, name) : UNKNOWN;
        return member(this.expression(e.object, scope), name);
      }
      case 'InvokeMember': {
        const name = toText(this.expression(e.member, scope));
        if (name === undefined) return UNKNOWN;
        const args = e.arguments.map((a) => this.expression(a, scope));
        if (e.static) return e.object.type === 'TypeLiteral' ? callStatic(e.object.typeName, name, args, scope) : UNKNOWN;
        return callMethod(this.expression(e.object, scope), name, args);
      }
      case 'Index': {
        const obj = this.expression(e.object, scope);
        const idx = this.expression(e.index, scope);
        if (obj.kind === 'array' && idx.kind === 'number') {
          const i = idx.value < 0 ? obj.items.length + idx.value : idx.value;
          return obj.items[i] ?? { kind: 'null' };
        }
        const key = toText(idx);
        if (obj.kind === 'object' && obj.props && key !== undefined) return obj.props.get(key.toLowerCase()) ?? { kind: 'null' };
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private expand(parts: readonly StringPart[], scope: PsScope): PsValue {
    let out = '';
    for (const p of parts) {
      const v = p.type === 'StringText' ? str(p.value) : p.type === 'Variable' ? this.variable(p.name, p.scope, scope) : this.statements(p.statements, scope);
      const text = toText(v);
      if (text === undefined) return UNKNOWN;
      out += text;
    }
    return str(out);
  }

  variable(name: string, qualifier: string | undefined, scope: PsScope): PsValue {
    if (qualifier === 'env') return scope.getEnv(name);
    if (qualifier !== undefined && qualifier !== 'script' && qualifier !== 'global' && qualifier !== 'local' && qualifier !== 'private') return UNKNOWN;
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'bool', value: lower === 'true' };
    if (lower === 'null') return { kind: 'null' };
    return scope.get(name) ?? UNKNOWN;
  }

  private unary(op: string, v: PsValue): PsValue {
    switch (op) {
      case '-not':
      case '!': {
        const b = toBool(v);
        return b === undefined ? UNKNOWN : { kind: 'bool', value: !b };
      }
      case ',':
        return { kind: 'array', items: [v] };
      case '-join': {
        const t = v.kind === 'array' ? joinAll(v.items, '') : toText(v);
        return t === undefined ? UNKNOWN : str(t);
      }
      case '-':
        return v.kind === 'number' ? { kind: 'number', value: -v.value } : UNKNOWN;
      case '+':
        return v.kind === 'number' ? v : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private binary(op: string, l: Expression, r: Expression, scope: PsScope): PsValue {
    const left = this.expression(l, scope);
    if (op === '-and' || op === '-or') {
      const a = toBool(left);
      if (op === '-and' && a === false) return { kind: 'bool', value: false };
      if (op === '-or' && a === true) return { kind: 'bool', value: true };
      const b = toBool(this.expression(r, scope));
      return a === undefined || b === undefined ? UNKNOWN : { kind: 'bool', value: b };
    }
    const right = this.expression(r, scope);
    return binaryValue(op, left, right);
  }
}

export function member(obj: PsValue, name: string): PsValue {
  const lower = name.toLowerCase();
  if (obj.kind === 'string' && lower === 'length') return { kind: 'number', value: obj.value.length };
  if (obj.kind === 'array' && (lower === 'count' || lower === 'length')) return { kind: 'number', value: obj.items.length };
  if (obj.kind === 'object' && obj.props) return obj.props.get(lower) ?? UNKNOWN;
  return UNKNOWN;
}
