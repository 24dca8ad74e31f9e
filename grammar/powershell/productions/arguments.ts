// Command arguments and command-mode words. A word is rebuilt from adjacent
// tokens (`https://x/a.zip?y=1` is Word Colon Slash ... Number in the token
// stream); blanks, and PowerShell's ForceStartNewToken characters
// `{ } ( ) ; , | &`, end the word.

import { tokenMatcher, type IToken } from 'chevrotain';
import type { Expression } from '../ast.ts';
import { ExpressionRules } from './expressions.ts';
import { addWordToken, finishWord, PartsBuilder } from './strings.ts';

interface WordState {
  out: PartsBuilder;
  start: number;
}

const NO_LEAD = { ARGS: [undefined] as [Expression | undefined] };

export abstract class ArgumentRules extends ExpressionRules {
  /** In command mode these start a value rather than a generic word. */
  protected argStartsValue(): boolean {
    const t = this.t;
    const tok = this.LA(1);
    const tt = tok.tokenType;
    return tt === t.Variable || this.isStringToken(tok) || tt === t.DollarParen || tt === t.AtParen || tt === t.AtBrace ||
      tt === t.LParen || tt === t.LBrace;
  }

  /** Can LA(1) continue the current word? Only if nothing separates them. */
  protected continuesWord(): boolean {
    if (!this.adjacent()) return false;
    const tok = this.LA(1);
    return tok.tokenType === this.t.DollarParen || tokenMatcher(tok, this.t.ArgToken);
  }

  /** Tokens that may start a command argument. */
  protected atArgumentStart(): boolean {
    return this.startsArgument(this.LA(1));
  }

  protected startsArgument(tok: IToken): boolean {
    const t = this.t;
    const tt = tok.tokenType;
    return tokenMatcher(tok, t.ArgToken) || tt === t.DollarParen || tt === t.AtParen || tt === t.AtBrace ||
      tt === t.LParen || tt === t.LBrace;
  }

  // ------------------------------------------------------------------ rules

  /** One argument, or a comma-separated array of arguments when `allowComma`. */
  override commandArgument = this.rule('commandArgument', (allowComma: boolean): Expression => {
    const first = this.SUBRULE(this.commandValue);
    if (!this.analysing && !(allowComma && this.LA(1).tokenType === this.t.Comma)) return first;
    const items: Expression[] = [first];
    this.MANY({
      GATE: () => allowComma && this.LA(1).tokenType === this.t.Comma,
      DEF: () => {
        this.CONSUME(this.t.Comma);
        this.nl();
        items.push(this.SUBRULE2(this.commandValue));
      },
    });
    return this.ACTION(() => {
      if (items.length === 1) return items[0]!;
      return { type: 'ArrayLiteral', elements: items, start: items[0]!.start, end: items[items.length - 1]!.end } as Expression;
    })!;
  });

  private readonly valueAlts = {
    IGNORE_AMBIGUITIES: true as const,
    DEF: [
      { GATE: () => this.argStartsValue(), ALT: (): Expression => this.SUBRULE(this.valueArgument) },
      { ALT: (): Expression => this.SUBRULE2(this.genericWord, NO_LEAD) },
    ],
  };

  commandValue = this.rule('commandValue', (): Expression => this.dispatch(0, this.valueAlts, () => (this.argStartsValue() ? 0 : 1)));

  /** A value in command mode: `$x.Prop`, `"..."`, `(...)`, `@{...}`, `{...}`. */
  valueArgument = this.rule('valueArgument', (): Expression => {
    let value = this.SUBRULE(this.postfixExpression);
    if (!this.analysing && !(value.type === 'Variable' && this.continuesWord())) return value;
    // `$env:ProgramFiles\Git`: a variable glued to more text is one expandable word.
    this.OPTION({
      GATE: () => value.type === 'Variable' && this.continuesWord(),
      DEF: () => { value = this.SUBRULE(this.genericWord, { ARGS: [value] }); },
    });
    return value;
  });

  /** A command-mode word made of adjacent tokens; `lead` is an already parsed leading variable. */
  genericWord = this.rule('genericWord', (lead: Expression | undefined): Expression => {
    const out = new PartsBuilder(this.base);
    const word: WordState = { out, start: -1 };
    // While the grammar is recorded `lead` is a placeholder and no word is built.
    if (!this.analysing && lead && lead.type === 'Variable') {
      out.addNode(lead);
      word.start = lead.start;
    }
    this.wordPart(1, word);
    if (this.analysing) {
      this.MANY({ GATE: () => this.continuesWord(), DEF: () => this.wordPart(2, word) });
      return undefined as unknown as Expression;
    }
    // The repetition recorded above, as a plain loop: nearly every argument is a word of several
    // tokens. Like MANY, it stops when a part consumed nothing.
    while (this.continuesWord()) {
      const before = this.tokenIndex();
      this.wordPart(2, word);
      if (this.tokenIndex() <= before) break;
    }
    return finishWord(out, word.start, this.e(this.LA(0)));
  });

  /**
   * One token (or `$( )`) of a word. This runs for nearly every token of a
   * command line, so at run time it branches directly instead of building an
   * OR's alternatives (see dispatch); `idx` keeps the two call sites distinct.
   */
  private wordPart(idx: number, word: WordState): void {
    if (this.analysing) {
      this.or(idx, [
        { ALT: () => { this.subrule(idx, this.subExpression); } },
        { ALT: () => { this.consume(idx, this.t.ArgToken); } },
      ]);
      return;
    }
    if (this.LA(1).tokenType === this.t.DollarParen) {
      const sub = this.subrule(idx, this.subExpression);
      if (word.start < 0) word.start = sub.start;
      word.out.addNode(sub);
      return;
    }
    const tok = this.consume(idx, this.t.ArgToken);
    if (word.start < 0) word.start = this.s(tok);
    const t = this.t;
    const tt = tok.tokenType;
    const kind = tt === t.Variable ? 'variable' : tt === t.EscapedChar ? 'escape' : this.isStringToken(tok) ? this.stringKind(tok) : 'text';
    addWordToken(this, word.out, tok, kind);
  }
}
