import type { EscapeChar } from '../parse/directives.ts';
import { expandWord, ExpansionError } from '../parse/words.ts';
import type { Arg, Instruction, ParseProblem } from './types.ts';

/** Variables visible to BuildKit's word expansion: ENV beats ARG of the same name. */
export class Scope {
  constructor(
    readonly env: Map<string, string> = new Map(),
    readonly args: Map<string, string | undefined> = new Map(),
  ) {}

  get(name: string): string | undefined {
    return this.env.get(name) ?? this.args.get(name);
  }

  /** The variables a process started now would see (unset ARGs are not exported). */
  snapshot(): ReadonlyMap<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.args) if (v !== undefined) out.set(k, v);
    for (const [k, v] of this.env) out.set(k, v);
    return out;
  }

  child(): Scope {
    return new Scope(new Map(this.env), new Map(this.args));
  }
}

/** Instructions whose arguments BuildKit expands (dockerfile2llb `dispatch`). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'EXPOSE', 'ARG', 'FROM']);

export function expandInto(arg: Arg, escape: EscapeChar, scope: Scope, problems: ParseProblem[]): void {
  try {
    const e = expandWord(arg.raw, escape, (n) => scope.get(n));
    arg.value = e.value;
    arg.unset = e.unset;
  } catch (err) {
    if (!(err instanceof ExpansionError)) throw err;
    problems.push({ message: `${err.message} in ${JSON.stringify(arg.raw)}`, range: arg.range });
  }
}

/**
 * Applies expansion to one instruction with the scope in effect before it, then updates the scope
 * with what the instruction declares (ENV, ARG). All values of one ENV see the scope from before
 * that ENV, as in Docker.
 */
export function expandInstruction(ins: Instruction, escape: EscapeChar, scope: Scope, buildArgs: Record<string, string>, problems: ParseProblem[]): void {
  if (!EXPANDED.has(ins.keyword)) return;
  if (ins.keyword === 'ARG') {
    for (const a of ins.args) {
      const eq = a.raw.indexOf('=');
      const name = eq < 0 ? a.raw : a.raw.slice(0, eq);
      let value: string | undefined;
      if (eq >= 0) {
        const def: Arg = { raw: a.raw.slice(eq + 1), value: '', range: a.range, unset: [] };
        expandInto(def, escape, scope, problems);
        value = def.value;
        a.value = `${name}=${def.value}`;
        a.unset = def.unset;
      }
      if (Object.hasOwn(buildArgs, name)) value = buildArgs[name];
      else if (value === undefined && scope.args.has(name)) value = scope.args.get(name);
      scope.args.set(name, value);
    }
    return;
  }
  if (ins.keyword === 'FROM') return; // resolved with the global scope by the stage builder
  if (ins.keyword === 'HEALTHCHECK') return;
  for (const a of ins.args) {
    if (ins.keyword === 'ENV' || ins.keyword === 'LABEL') {
      if (a.raw === '=' || a.raw === '') continue;
    }
    if (ins.form === 'exec' && (ins.keyword === 'COPY' || ins.keyword === 'ADD' || ins.keyword === 'VOLUME')) {
      expandInto(a, escape, scope, problems);
      continue;
    }
    expandInto(a, escape, scope, problems);
  }
  if (ins.keyword === 'ENV') {
    for (let i = 0; i + 1 < ins.args.length; i += 3) scope.env.set((ins.args[i] as Arg).value, (ins.args[i + 1] as Arg).value);
  }
}
