// A lookahead strategy that defers Chevrotain's LL(k) lookahead computation
// for each decision (OR / OPTION / MANY...) to its first use. Self-analysis
// otherwise precomputes every decision of the grammar up front; most RUN
// bodies only ever reach a fraction of them (switch, trap, param blocks and
// attributes are rare), so deferring keeps construction cheap.

import { LLkLookaheadStrategy, type ILookaheadStrategy, type ILookaheadValidationError, type IOrAlt, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';

type AltFn = (orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptFn = () => boolean;

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly inner: ILookaheadStrategy;

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
    const inner = this.inner;
    let fn: AltFn | undefined;
    return function (this: unknown, orAlts?: IOrAlt<unknown>[]) {
      fn ??= inner.buildLookaheadForAlternation(options) as AltFn;
      return fn.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number; prodType: OptionalProductionType; rule: Rule; maxLookahead: number; dynamicTokensEnabled: boolean;
  }): OptFn {
    const inner = this.inner;
    let fn: OptFn | undefined;
    return function (this: unknown) {
      fn ??= inner.buildLookaheadForOptional(options) as OptFn;
      return fn.call(this);
    };
  }
}
