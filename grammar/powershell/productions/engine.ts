// How the PowerShell parser drives Chevrotain: configuration, the grammar snapshot restored
// instead of recording (grammar-snapshot.ts), in-rule error recovery and its budget, recognition
// errors, and OR dispatch decided by our own GATE logic. The rule layers in this folder build on it,
// starting with core.ts.
//
// Why an EmbeddedActionsParser and not a CstParser: PowerShell's command mode
// forces procedural decisions (gluing adjacent tokens into one word, binding
// parameter values) that are easier to express while building the AST, and it
// avoids building a CST only to walk it again with a visitor.

import { EmbeddedActionsParser, EOF, type IOrAlt, type ParserMethod, type Rule } from 'chevrotain';
import type { PsSyntaxError } from '../ast.ts';
import type { PsTokens } from '../tokens.ts';
import { LazyLookaheadStrategy } from './lazy-lookahead.ts';
import { restoreRules, tokenLookup, type GrammarSnapshot } from './grammar-snapshot.ts';
import { describeToken, MESSAGES, type RecognitionLike } from './errors.ts';

/** Decisions that need more than one token are made by GATEs (see the constructor). */
export const MAX_LOOKAHEAD = 1;

// Chevrotain's parser internals this class takes part in: its grammar recorder, which a snapshot
// replaces, and its error bookkeeping, whose saved errors are counted.
interface ChevrotainInternals {
  enableRecording(): void;
  disableRecording(): void;
  topLevelRuleRecord(name: string, impl: () => unknown): Rule;
  SAVE_ERROR(e: RecognitionLike): RecognitionLike;
}
const CHEVROTAIN = EmbeddedActionsParser.prototype as unknown as ChevrotainInternals;

export abstract class PsParserEngine extends EmbeddedActionsParser {
  protected readonly t: PsTokens;
  /**
   * True while Chevrotain records the grammar. A few rules skip a mandatory
   * subrule at run time when its first token is absent, reporting the error
   * themselves; while recording they must take it so the grammar stays exact.
   */
  protected analysing = false;
  /** Errors the rules report themselves in this fragment, and those past the budget (core.ts). */
  customErrors: PsSyntaxError[] = [];
  droppedErrors = 0;

  /** Rules restored from a grammar snapshot; when set, self-analysis does not record. */
  private restored: Map<string, Rule> | undefined;

  constructor(tokens: PsTokens, validate: boolean, private readonly snapshot?: GrammarSnapshot) {
    super(tokens.all, {
      // Switched on after self-analysis (see enableInRuleRecovery).
      recoveryEnabled: false,
      // Decisions that need more than one token are made by GATEs that look
      // at adjacency and token text; k = 1 keeps self-analysis cheap.
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy: new LazyLookaheadStrategy(MAX_LOOKAHEAD),
      errorMessageProvider: MESSAGES,
      skipValidations: !validate,
      // Development aid: prints Chevrotain's self-analysis timings.
      traceInitPerf: process.env['WINFILE_PS_TRACE_INIT'] === '1',
    });
    this.t = tokens;
  }

  /**
   * Chevrotain's self-analysis, with `analysing` set while it records the grammar. With a
   * snapshot of this grammar (the same rules in the same order), its rules are restored instead of
   * recorded; a snapshot of another grammar is ignored.
   */
  protected analyse(): void {
    const names = (this as unknown as { definedRulesNames: string[] }).definedRulesNames;
    const snap = this.snapshot;
    if (snap && snap.rules.length === names.length && snap.rules.every((r, i) => r.name === names[i])) {
      // EOF included: rules may expect it.
      const token = tokenLookup([...this.t.all, EOF]);
      this.restored = restoreRules(snap, token);
      (this as unknown as { lookaheadStrategy: LazyLookaheadStrategy }).lookaheadStrategy.stored = { sets: snap.lookahead, token };
    }
    this.analysing = true;
    try {
      this.performSelfAnalysis();
    } finally {
      this.analysing = false;
    }
  }

  /** Whether self-analysis restored the grammar from a snapshot rather than recording it. */
  get restoredFromSnapshot(): boolean {
    return this.restored !== undefined;
  }

  // Chevrotain calls these during self-analysis to record each rule by running it.
  enableRecording(): void {
    if (!this.restored) CHEVROTAIN.enableRecording.call(this);
  }

  disableRecording(): void {
    if (!this.restored) CHEVROTAIN.disableRecording.call(this);
  }

  topLevelRuleRecord(name: string, impl: () => unknown): Rule {
    return this.restored?.get(name) ?? CHEVROTAIN.topLevelRuleRecord.call(this, name, impl);
  }

  /**
   * Chevrotain error recovery, restricted to what helps here: single-token
   * insertion/deletion inside a rule (a missing `)` or a stray token).
   * Resynchronisation between rules is ours (statementList resyncs at `;`,
   * newline or a closer), so every rule has resyncEnabled: false, and the
   * follow sets Chevrotain precomputes for that when recovery is on at
   * construction (~15 ms) would be wasted: recovery is switched on afterwards.
   * In-repetition recovery stays off: it silently skips tokens.
   */
  protected enableInRuleRecovery(): void {
    this.setInRuleRecovery(true);
  }

  /**
   * Each in-rule recovery walks the grammar for the follow set (about a millisecond): on input
   * that is mostly errors it dominated, at ten seconds for a megabyte. Past this many errors in a
   * fragment, a mismatch ends the statement and statementList resyncs, which is cheap.
   */
  static readonly RECOVERY_BUDGET = 50;

  protected setInRuleRecovery(on: boolean): void {
    (this as unknown as { recoveryEnabled: boolean }).recoveryEnabled = on;
  }

  /** Before each fragment: in-rule recovery on again, with a fresh budget. */
  resetRecovery(): void {
    this.setInRuleRecovery(true);
  }

  /**
   * Recognition errors Chevrotain saved in this fragment (reset with the other counters before
   * each). Counted here because its `errors` getter copies the whole list, and the budget check
   * below runs between every two statements.
   */
  recognitionErrors = 0;

  SAVE_ERROR(e: RecognitionLike): RecognitionLike {
    this.recognitionErrors++;
    return CHEVROTAIN.SAVE_ERROR.call(this, e);
  }

  /** Called between statements: switches in-rule recovery off once the fragment has used its budget. */
  protected checkRecoveryBudget(): void {
    if (this.recognitionErrors + this.customErrors.length + this.droppedErrors >= PsParserEngine.RECOVERY_BUDGET) this.setInRuleRecovery(false);
  }

  // Chevrotain computes every viable lookahead path before raising these, only
  // to build its default message; ours does not need them. The exception is a
  // plain object with the recognition-exception shape: constructing real Error
  // subclasses (setPrototypeOf, stack capture) dominated the time on inputs
  // made of errors. isRecognitionException() only looks at `name`.
  raiseNoAltException(): never {
    throw this.saveError(this.recognitionError('NoViableAltException'));
  }

  raiseEarlyExitException(): never {
    throw this.saveError(this.recognitionError('EarlyExitException'));
  }

  private recognitionError(name: string): RecognitionLike {
    const token = this.LA(1);
    return { name, message: `Unexpected ${describeToken(token)}.`, token, previousToken: this.LA(0), resyncedTokens: [], context: undefined };
  }

  private saveError(e: RecognitionLike): RecognitionLike {
    return this.SAVE_ERROR(e);
  }

  /**
   * An alternation whose choice our GATE logic already knows. While the
   * grammar is recorded it is a real OR (so first sets and validation see
   * every alternative); at run time the chosen alternative is called
   * directly. Chevrotain evaluates OR lookahead with GATEs by allocating and
   * scanning every alternative's paths, which was the hottest path of the
   * parser for the statement and argument dispatches.
   */
  protected dispatch<T>(idx: number, alts: { IGNORE_AMBIGUITIES: true; DEF: Array<IOrAlt<T>> }, pick: () => number): T {
    if (this.analysing) return this.or(idx, alts);
    return alts.DEF[pick()]!.ALT();
  }

  protected rule<F extends (...args: any[]) => any>(name: string, impl: F): ParserMethod<Parameters<F>, ReturnType<F>> {
    return this.RULE(name, impl, { resyncEnabled: false });
  }
}
