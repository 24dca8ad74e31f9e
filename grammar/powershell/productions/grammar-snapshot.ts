// The grammar as data, captured when winfile is built and restored when the parser is created.
//
// Chevrotain learns a grammar by running every rule once in a recording mode, then computes the
// lookahead of every decision (OR, OPTION, MANY...) from the recorded productions. For this
// grammar that is about 20 ms of interpreted code, paid by every lint that reads a PowerShell
// RUN. The snapshot holds the recorded productions (still needed for in-rule error recovery) and
// each decision's LL(1) sets, from which lookahead functions are built in a few lines.
// grammar-snapshot.test.ts checks that a restored grammar equals a recorded one and that every
// lookahead function chooses what Chevrotain's would.

import {
  Alternation, Alternative, GAstVisitor, getLookaheadPaths, NonTerminal, Option, Repetition, RepetitionMandatory,
  RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Rule, Terminal,
  type IOrAlt, type IProduction, type IToken, type TokenType,
} from 'chevrotain';

/** Recorded fields the GAST classes' declarations leave out. */
interface RecordedAlternation {
  idx: number;
  ignoreAmbiguities: boolean;
  hasPredicates: boolean;
  maxLookahead?: number;
  definition: { definition: IProduction[]; ignoreAmbiguities: boolean }[];
}
interface RecordedRepetition {
  idx: number;
  definition: IProduction[];
  separator?: TokenType;
  maxLookahead?: number;
}

type RepetitionKind = 'Option' | 'Repetition' | 'RepetitionMandatory' | 'RepetitionMandatoryWithSeparator' | 'RepetitionWithSeparator';
export type DecisionKind = RepetitionKind | 'Alternation';

export type SnapshotNode =
  | { k: 'Terminal'; token: string; idx: number; label?: string }
  | { k: 'NonTerminal'; rule: string; idx: number; label?: string }
  | { k: RepetitionKind; idx: number; def: SnapshotNode[]; separator?: string; maxLookahead?: number }
  | { k: 'Alternation'; idx: number; alts: { def: SnapshotNode[]; ignoreAmbiguities: boolean }[]; ignoreAmbiguities: boolean; hasPredicates: boolean; maxLookahead?: number };

export interface GrammarSnapshot {
  rules: { name: string; def: SnapshotNode[] }[];
  /**
   * Lookahead of every decision, keyed by `decisionKey`: for an alternation one token list per
   * alternative, for the other productions one list (the tokens that enter it). An empty string
   * stands for the empty path: the alternative (or production) may be taken on any token.
   */
  lookahead: Record<string, string[][]>;
}

export function decisionKey(rule: string, kind: DecisionKind, occurrence: number): string {
  return `${rule}|${kind}|${occurrence}`;
}

// Chevrotain's constructors drop undefined options, so a separator may be passed to all of them.
const REPETITIONS: Record<RepetitionKind, new (o: { definition: IProduction[]; idx: number; separator: TokenType }) => IProduction> = {
  Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator,
};

function kindOf(p: IProduction): DecisionKind | 'Terminal' | 'NonTerminal' {
  if (p instanceof Terminal) return 'Terminal';
  if (p instanceof NonTerminal) return 'NonTerminal';
  if (p instanceof Alternation) return 'Alternation';
  for (const [kind, ctor] of Object.entries(REPETITIONS)) if (p instanceof ctor) return kind as RepetitionKind;
  throw new Error(`grammar snapshot: unexpected production ${p.constructor.name}`);
}

// ------------------------------------------------------------------ capture (at build time)

function captureNode(p: IProduction): SnapshotNode {
  const kind = kindOf(p);
  if (kind === 'Terminal') {
    const t = p as Terminal;
    return t.label === undefined ? { k: kind, token: t.terminalType.name, idx: t.idx } : { k: kind, token: t.terminalType.name, idx: t.idx, label: t.label };
  }
  if (kind === 'NonTerminal') {
    const n = p as NonTerminal;
    return n.label === undefined ? { k: kind, rule: n.nonTerminalName, idx: n.idx } : { k: kind, rule: n.nonTerminalName, idx: n.idx, label: n.label };
  }
  if (kind === 'Alternation') {
    const a = p as unknown as RecordedAlternation;
    const node: SnapshotNode = {
      k: kind, idx: a.idx, ignoreAmbiguities: a.ignoreAmbiguities, hasPredicates: a.hasPredicates,
      alts: a.definition.map((alt) => ({ def: alt.definition.map(captureNode), ignoreAmbiguities: alt.ignoreAmbiguities })),
    };
    if (a.maxLookahead !== undefined) node.maxLookahead = a.maxLookahead;
    return node;
  }
  const r = p as unknown as RecordedRepetition;
  const node: SnapshotNode = { k: kind, idx: r.idx, def: r.definition.map(captureNode) };
  if (r.separator !== undefined) node.separator = r.separator.name;
  if (r.maxLookahead !== undefined) node.maxLookahead = r.maxLookahead;
  return node;
}

class DecisionCollector extends GAstVisitor {
  readonly found: { kind: DecisionKind; idx: number; maxLookahead?: number }[] = [];
  private add(p: IProduction & { idx: number; maxLookahead?: number }): void {
    this.found.push({ kind: kindOf(p) as DecisionKind, idx: p.idx, maxLookahead: p.maxLookahead });
  }
  override visitOption(p: Option): void { this.add(p); }
  override visitRepetition(p: Repetition): void { this.add(p); }
  override visitRepetitionMandatory(p: RepetitionMandatory): void { this.add(p); }
  override visitRepetitionMandatoryWithSeparator(p: RepetitionMandatoryWithSeparator): void { this.add(p); }
  override visitRepetitionWithSeparator(p: RepetitionWithSeparator): void { this.add(p); }
  override visitAlternation(p: Alternation): void { this.add(p); }
  override visitNonTerminal(): void {}
  override visitAlternative(): void {}
  override visitTerminal(): void {}
  override visitRule(): void {}
}

/** The snapshot of a parser whose grammar Chevrotain recorded (k = 1 only: paths of one token). */
export function captureSnapshot(rules: readonly Rule[], maxLookahead: number): GrammarSnapshot {
  const lookahead: Record<string, string[][]> = {};
  for (const rule of rules) {
    const collector = new DecisionCollector();
    rule.accept(collector);
    for (const d of collector.found) {
      const paths = getLookaheadPaths({ occurrence: d.idx, rule, prodType: d.kind, maxLookahead: d.maxLookahead ?? maxLookahead });
      // Optional productions: [paths into it, paths after it]; only the first decides.
      const sets = d.kind === 'Alternation' ? paths : [paths[0] ?? []];
      lookahead[decisionKey(rule.name, d.kind, d.idx)] = sets.map((alt) => alt.map((path) => {
        if (path.length > 1) throw new Error(`grammar snapshot: ${rule.name} needs more than one token of lookahead`);
        return path[0]?.name ?? '';
      }));
    }
  }
  return { rules: rules.map((r) => ({ name: r.name, def: r.definition.map(captureNode) })), lookahead };
}

// ------------------------------------------------------------------ restore (at run time)

function restoreNode(n: SnapshotNode, token: (name: string) => TokenType): IProduction {
  switch (n.k) {
    case 'Terminal':
      return new Terminal({ terminalType: token(n.token), idx: n.idx, label: n.label });
    case 'NonTerminal':
      return new NonTerminal({ nonTerminalName: n.rule, idx: n.idx, label: n.label });
    case 'Alternation': {
      const alts = n.alts.map((alt) => {
        const restored = new Alternative({ definition: alt.def.map((c) => restoreNode(c, token)) }) as unknown as RecordedAlternation['definition'][number];
        restored.ignoreAmbiguities = alt.ignoreAmbiguities;
        return restored as unknown as Alternative;
      });
      const a = new Alternation({ definition: alts, idx: n.idx }) as unknown as RecordedAlternation;
      a.ignoreAmbiguities = n.ignoreAmbiguities;
      a.hasPredicates = n.hasPredicates;
      if (n.maxLookahead !== undefined) a.maxLookahead = n.maxLookahead;
      return a as unknown as IProduction;
    }
    default: {
      const separator = (n.separator === undefined ? undefined : token(n.separator)) as TokenType;
      const r = new REPETITIONS[n.k]({ definition: n.def.map((c) => restoreNode(c, token)), idx: n.idx, separator }) as IProduction & { maxLookahead?: number };
      if (n.maxLookahead !== undefined) r.maxLookahead = n.maxLookahead;
      return r;
    }
  }
}

/** Token types by the names a snapshot uses for them. */
export function tokenLookup(tokens: readonly TokenType[]): (name: string) => TokenType {
  const byName = new Map(tokens.map((t) => [t.name, t]));
  return (name) => {
    const t = byName.get(name);
    if (!t) throw new Error(`grammar snapshot: unknown token ${name}`);
    return t;
  };
}

/** The recorded rules by name, with NonTerminals left for Chevrotain to resolve (as recording does). */
export function restoreRules(snapshot: GrammarSnapshot, token: (name: string) => TokenType): Map<string, Rule> {
  return new Map(snapshot.rules.map((r) => [r.name, new Rule({ name: r.name, definition: r.def.map((n) => restoreNode(n, token)) })]));
}

// ------------------------------------------------------------------ lookahead functions

interface Lookahead {
  LA(howMuch: number): IToken;
}

/** tokenTypeIdx values a set of tokens accepts (categories accept their members). */
function accepted(types: readonly TokenType[]): number[] {
  const out: number[] = [];
  for (const t of types) {
    out.push(t.tokenTypeIdx as number);
    for (const m of (t as TokenType & { categoryMatches?: number[] }).categoryMatches ?? []) out.push(m);
  }
  return out;
}

/**
 * An alternation's choice from its LL(1) sets, as Chevrotain's LL(k) builder makes it for k = 1:
 * the first alternative whose GATE (if any) passes and whose set holds the next token, or which
 * may be empty.
 */
export function alternationLookahead(sets: readonly (readonly string[])[], hasPredicates: boolean, token: (name: string) => TokenType):
  (this: Lookahead, alts?: IOrAlt<unknown>[]) => number | undefined {
  const empty = sets.map((s) => s.includes(''));
  const tables = sets.map((s) => new Set(accepted(s.filter((n) => n !== '').map(token))));
  if (!hasPredicates && !empty.includes(true)) {
    const choice: number[] = [];
    tables.forEach((table, alt) => {
      for (const idx of table) if (choice[idx] === undefined) choice[idx] = alt;
    });
    return function (this: Lookahead) {
      return choice[this.LA(1).tokenTypeIdx];
    };
  }
  return function (this: Lookahead, alts?: IOrAlt<unknown>[]) {
    const next = this.LA(1).tokenTypeIdx;
    for (let t = 0; t < tables.length; t++) {
      const gate = hasPredicates ? alts?.[t]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      if (empty[t] || (tables[t] as Set<number>).has(next)) return t;
    }
    return undefined;
  };
}

/** Whether to enter an optional production (OPTION, MANY, ...) from its LL(1) set. */
export function optionalLookahead(set: readonly string[], token: (name: string) => TokenType): (this: Lookahead) => boolean {
  if (set.includes('')) return () => true;
  const table: boolean[] = [];
  for (const idx of accepted(set.map(token))) table[idx] = true;
  return function (this: Lookahead) {
    return table[this.LA(1).tokenTypeIdx] === true;
  };
}
