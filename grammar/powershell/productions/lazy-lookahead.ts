// A lookahead strategy that defers the lookahead of each decision (OR / OPTION / MANY...) to its
// first use. Self-analysis otherwise builds every decision of the grammar up front; most RUN
// bodies only ever reach a fraction of them (switch, trap, param blocks and attributes are rare).
// With a grammar snapshot (grammar-snapshot.ts) a decision's function comes from its stored LL(1)
// sets; without one, from Chevrotain's LL(k) computation over the recorded grammar.

import { LLkLookaheadStrategy, type ILookaheadStrategy, type ILookaheadValidationError, type IOrAlt, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';
import { alternationLookahead, decisionKey, optionalLookahead } from './grammar-snapshot.ts';

type AltFn = (orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptFn = () => boolean;

/** Stored LL(1) sets by decision key, and the token types their names stand for. */
export interface StoredLookahead {
  sets: Record<string, string[][]>;
  token(name: string): TokenType;
}

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly inner: ILookaheadStrategy;

  /** Set before self-analysis when the grammar comes from a snapshot. */
  stored: StoredLookahead | undefined;

  constructor(maxLookahead: number) {
    this.inner = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.inner.validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.inner.initialize?.(options);
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number; rule: Rule; maxLookahead: number; hasPredicates: boolean; dynamicTokensEnabled: boolean;
  }): AltFn {
    const { inner, stored } = this;
    const sets = stored?.sets[decisionKey(options.rule.name, 'Alternation', options.prodOccurrence)];
    let fn: AltFn | undefined;
    return function (this: unknown, orAlts?: IOrAlt<unknown>[]) {
      fn ??= sets && stored ? alternationLookahead(sets, options.hasPredicates, stored.token) as AltFn : inner.buildLookaheadForAlternation(options) as AltFn;
      return fn.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number; prodType: OptionalProductionType; rule: Rule; maxLookahead: number; dynamicTokensEnabled: boolean;
  }): OptFn {
    const { inner, stored } = this;
    const sets = stored?.sets[decisionKey(options.rule.name, options.prodType, options.prodOccurrence)];
    let fn: OptFn | undefined;
    return function (this: unknown) {
      fn ??= sets?.[0] && stored ? optionalLookahead(sets[0], stored.token) as OptFn : inner.buildLookaheadForOptional(options) as OptFn;
      return fn.call(this);
    };
  }
}
