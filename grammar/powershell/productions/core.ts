// Base of the rule layers: token helpers, adjacency and keyword tests used by
// GATEs, offset bookkeeping, our own errors, closers and the nesting guard.
// How the parser drives Chevrotain is one layer down, in engine.ts.

import { EOF, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import type { ErrorExpression, FlowStatement, ParamBlock, Statement, SubExpression, Expression, StatementBlock } from '../ast.ts';
import { forcesNewToken } from '../scanners.ts';
import type { StringContext } from './strings.ts';
import { PsParserEngine } from './engine.ts';

export { describeToken, isRecognitionError } from './errors.ts';

/**
 * Rule-invocation depth beyond which nested constructs are skipped instead of
 * parsed. One level of `( )` costs 7 rule frames, one level of `{ }` about 10.
 * Measured on Node 20's default main-thread stack, unguarded parsing overflows
 * at about 1250 rule frames (179 nested parentheses); 320 leaves room for cold
 * (interpreted, larger) frames and for the caller's own stack, and still
 * allows ~45 nested parentheses or ~30 nested blocks.
 */
export const MAX_RULE_DEPTH = 320;

export type ListCloser = 'eof' | 'brace' | 'paren';

export interface PendingSubexpression {
  node: SubExpression;
  /** Absolute offset of the inner text. */
  start: number;
  text: string;
  depth: number;
}

export interface ScriptBody {
  paramBlock?: ParamBlock;
  statements: Statement[];
}

export abstract class PsParserCore extends PsParserEngine implements StringContext {
  src = '';
  base = 0;
  stringDepth = 0;
  pending: PendingSubexpression[] = [];

  // Forward declarations: rules are defined in later layers.
  declare statementList: ParserMethod<[ListCloser], Statement[]>;
  declare statement: ParserMethod<[], Statement>;
  declare flowStatement: ParserMethod<[], FlowStatement>;
  declare pipelineChain: ParserMethod<[], Statement>;
  declare scriptBody: ParserMethod<[ListCloser], ScriptBody>;
  declare block: ParserMethod<[], StatementBlock>;
  declare commandArgument: ParserMethod<[boolean], Expression>;
  declare expression: ParserMethod<[boolean], Expression>;
  declare unary: ParserMethod<[], Expression>;

  // ------------------------------------------------------------ tokens

  /** Offset of a token relative to `src`; inserted (virtual) tokens borrow the previous token's end. */
  protected relStart(tok: IToken): number {
    const s = tok.startOffset;
    if (Number.isFinite(s)) return s;
    return this.relEndOfPrevious();
  }

  protected relEnd(tok: IToken): number {
    const s = tok.startOffset;
    if (Number.isFinite(s)) return s + tok.image.length;
    return this.relEndOfPrevious();
  }

  /** Index of the last consumed token (Chevrotain's position in the token vector). */
  protected tokenIndex(): number {
    return (this as unknown as { currIdx: number }).currIdx;
  }

  private relEndOfPrevious(): number {
    const idx = this.tokenIndex();
    const input = this.input;
    for (let i = Math.min(idx, input.length - 1); i >= 0; i--) {
      const tk = input[i]!;
      if (Number.isFinite(tk.startOffset)) return tk.startOffset + tk.image.length;
    }
    return 0;
  }

  /** Absolute start/end of a token. */
  protected s(tok: IToken): number {
    return this.relStart(tok) + this.base;
  }

  protected e(tok: IToken): number {
    return this.relEnd(tok) + this.base;
  }

  /** True when LA(k) starts exactly where LA(k-1) ends (no blank, comment or continuation between). */
  protected adjacentAt(k: number): boolean {
    const prev = this.LA(k - 1);
    const next = this.LA(k);
    if (next.tokenType === EOF || prev.tokenType === EOF) return false;
    return prev.startOffset + prev.image.length === next.startOffset;
  }

  protected adjacent(): boolean {
    return this.adjacentAt(1);
  }

  /** The character right after a token, in `src`. */
  protected charAfter(tok: IToken): string | undefined {
    return this.src[tok.startOffset + tok.image.length];
  }

  /**
   * A Word is a keyword only when it is followed by a character that ends a
   * command-mode token ('foreach-object' is a command, 'foreach(' a keyword).
   */
  protected isKeyword(tok: IToken, ...words: string[]): boolean {
    if (tok.tokenType !== this.t.Word) return false;
    if (!words.includes(tok.image.toLowerCase())) return false;
    return forcesNewToken(this.charAfter(tok));
  }

  protected kw(...words: string[]): boolean {
    return this.isKeyword(this.LA(1), ...words);
  }

  /** Index k >= 1 of the first token that is not a NewLine. */
  protected pastNewlines(from = 1): number {
    let k = from;
    while (this.LA(k).tokenType === this.t.NewLine) k++;
    return k;
  }

  /**
   * Skips NewLine tokens where PowerShell allows a line break (after an
   * operator, `(`, `,`, `|`...). Done outside the grammar DSL on purpose:
   * dozens of `MANY(NewLine)` decisions made self-analysis several times
   * slower, and no decision needs to see these newlines (see
   * skipNewlinesBefore for the places where one would).
   */
  protected nl(): void {
    this.ACTION(() => {
      while (this.LA(1).tokenType === this.t.NewLine) this.SKIP_TOKEN();
    });
  }

  /**
   * GATE with a side effect: when one of `words` follows after newlines
   * (`}` NEWLINE `else`), consume the newlines so the decision sees the
   * keyword; otherwise leave them as statement separators.
   */
  protected skipNewlinesBefore(...words: string[]): boolean {
    const k = this.pastNewlines();
    if (!this.isKeyword(this.LA(k), ...words)) return false;
    for (let i = 1; i < k; i++) this.SKIP_TOKEN();
    return true;
  }

  // ------------------------------------------------------------ errors

  /** Errors beyond this per fragment are counted, not built (garbage input yields one per token). */
  static readonly ERROR_BUDGET = 1000;

  addError(message: string, start: number, end: number): void {
    if (this.customErrors.length >= PsParserCore.ERROR_BUDGET) this.droppedErrors++;
    else this.customErrors.push({ message, start, end: Math.max(start, end) });
  }

  protected tokenError(message: string, tok: IToken): void {
    if (this.customErrors.length >= PsParserCore.ERROR_BUDGET) this.droppedErrors++;
    else this.addError(message, this.s(tok), this.e(tok));
  }

  queueSubexpression(node: SubExpression, innerStart: number, innerEnd: number): void {
    const depth = this.stringDepth + 1;
    this.pending.push({ node, start: innerStart + this.base, text: this.src.slice(innerStart, innerEnd), depth });
  }

  // ------------------------------------------------------------ closers

  /**
   * Consumes the closer of a bracketed construct, or reports it missing
   * without throwing, so an unbalanced bracket costs one error instead of the
   * whole statement. When the content was skipped by the nesting guard, the
   * skip happens here. The closer is consumed outside the DSL: no decision
   * depends on it, and every recorded grammar node costs construction time.
   */
  protected closeWith(type: TokenType, open: IToken, text: string): number {
    return this.ACTION(() => {
      if (this.tooDeep()) this.skipNestedContent(open);
      const next = this.LA(1);
      if (next.tokenType === type) {
        this.SKIP_TOKEN();
        return this.e(next);
      }
      const end = Math.max(this.e(this.LA(0)), this.e(open));
      this.addError(`Missing closing '${text}'.`, this.s(open), end);
      return end;
    }) ?? 0;
  }

  /** Statement list of `$( )` / `@( )`. */
  protected nestedStatements(open: IToken): { list: Statement[]; end: number } {
    let list: Statement[] = [];
    this.option(140, {
      GATE: () => !this.tooDeep(),
      DEF: () => {
        list = this.subrule(140, this.statementList, { ARGS: ['paren'] });
      },
    });
    const end = this.closeWith(this.t.RParen, open, ')');
    return { list, end };
  }

  protected errorExpression(at: IToken): ErrorExpression {
    return { type: 'ErrorExpression', text: '', start: this.s(at), end: this.e(this.LA(0)) };
  }

  // ------------------------------------------------------------ nesting guard

  protected tooDeep(): boolean {
    return (this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX > MAX_RULE_DEPTH;
  }

  private closes(tok: IToken): boolean {
    const t = this.t;
    return tok.tokenType === t.RParen || tok.tokenType === t.RBrace || tok.tokenType === t.RBracket;
  }

  private opens(tok: IToken): boolean {
    const t = this.t;
    const tt = tok.tokenType;
    return tt === t.LParen || tt === t.LBrace || tt === t.LBracket || tt === t.DollarParen || tt === t.AtParen || tt === t.AtBrace;
  }

  /**
   * Skips the content of a construct whose opener was just consumed, stopping
   * before its closer. Linear: each token is visited once.
   */
  protected skipNestedContent(open: IToken): string {
    const from = this.LA(1);
    let depth = 0;
    while (this.LA(1).tokenType !== EOF) {
      const tok = this.LA(1);
      if (this.opens(tok)) depth++;
      else if (this.closes(tok)) {
        if (depth === 0) break;
        depth--;
      }
      this.SKIP_TOKEN();
    }
    const start = this.relStart(from);
    const end = this.relEnd(this.LA(0));
    this.addError('Nesting is too deep; the construct was not parsed.', this.s(open), end + this.base);
    return this.src.slice(start, Math.max(start, end));
  }

  /**
   * Statement-level resynchronisation after a syntax error: skip to the next
   * `;` or newline at the nesting level of the failure. A closer that matches
   * an opener of the failed statement is skipped too; any other closer is
   * left to the enclosing construct.
   */
  protected resyncStatement(startIdx: number): void {
    const input = this.input;
    const cur = (this as unknown as { currIdx: number }).currIdx;
    let open = 0;
    for (let i = startIdx; i <= cur && i < input.length; i++) {
      const tok = input[i]!;
      if (this.opens(tok)) open++;
      else if (this.closes(tok) && open > 0) open--;
    }
    let depth = 0;
    let moved = cur >= startIdx;
    for (;;) {
      const tok = this.LA(1);
      const tt = tok.tokenType;
      if (tt === EOF) break;
      if (depth === 0 && (tt === this.t.Semi || tt === this.t.NewLine)) break;
      if (this.opens(tok)) depth++;
      else if (this.closes(tok)) {
        if (depth > 0) depth--;
        else if (open > 0) open--;
        else if (moved) break;
      }
      this.SKIP_TOKEN();
      moved = true;
    }
  }
}
