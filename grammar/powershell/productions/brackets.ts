// Token classification shared by the expression and command layers, and the
// bracketed constructs: `( )`, `$( )`, `@( )`, `{ }`, `@{ }`, `[type]` and
// attribute arguments.

import type { IToken, TokenType } from 'chevrotain';
import type {
  ArrayExpression, AttributeNode, Expression, Hashtable, HashtableEntry, NamedAttributeArgument, ParenExpression,
  ScriptBlock, Statement, SubExpression, TypeLiteral,
} from '../ast.ts';
import { dashBinaryPrecedence, isDashUnary, symbolPrecedence } from './operators.ts';
import { PsParserCore } from './core.ts';

export abstract class BracketRules extends PsParserCore {
  /** String token type -> splitter kind. */
  protected stringKind(tok: IToken): 'sq' | 'dq' | 'hsq' | 'hdq' {
    const t = this.t;
    const tt = tok.tokenType;
    return tt === t.StringLiteral ? 'sq' : tt === t.HereStringLiteral ? 'hsq' : tt === t.HereStringExpandable ? 'hdq' : 'dq';
  }

  protected isStringToken(tok: IToken): boolean {
    const t = this.t;
    const tt = tok.tokenType;
    return tt === t.StringLiteral || tt === t.StringExpandable || tt === t.HereStringLiteral || tt === t.HereStringExpandable;
  }

  /** Tokens that can begin an operand in expression mode. */
  protected startsOperand(tok: IToken): boolean {
    const t = this.t;
    const tt = tok.tokenType;
    if (tt === t.DashIdent) return isDashUnary(tok.image);
    return tt === t.Variable || tt === t.Number || this.isStringToken(tok) || tt === t.LParen || tt === t.DollarParen ||
      tt === t.AtParen || tt === t.AtBrace || tt === t.LBracket || tt === t.LBrace || tt === t.Bang || tt === t.Minus ||
      tt === t.Plus || tt === t.PlusPlus || tt === t.MinusMinus || tt === t.Comma;
  }

  protected binaryPrecedence(tok: IToken, allowComma: boolean): number | undefined {
    const t = this.t;
    const tt = tok.tokenType;
    if (tt === t.DashIdent) return dashBinaryPrecedence(tok.image);
    if (tt === t.Comma) return allowComma ? symbolPrecedence(',') : undefined;
    if (tt === t.Plus || tt === t.Minus || tt === t.Star || tt === t.Slash || tt === t.Percent || tt === t.DotDot || tt === t.QuestionQuestion) {
      return symbolPrecedence(tok.image);
    }
    return undefined;
  }

  /** Index of the `]` matching the `[` at LA(k), or -1 (bounded scan: type names are short). */
  protected matchingBracket(k: number): number {
    let depth = 0;
    for (let i = k; i < k + 256; i++) {
      const tt = this.LA(i).tokenType;
      if (tt === this.t.LBracket) depth++;
      else if (tt === this.t.RBracket) {
        depth--;
        if (depth === 0) return i;
      } else if (tt === this.t.NewLine || tt === this.t.Semi || tt === this.t.RBrace || this.LA(i).image === undefined) return -1;
    }
    return -1;
  }

  // ------------------------------------------------------------------ rules

  parenExpression = this.rule('parenExpression', (): ParenExpression => {
    const open = this.CONSUME(this.t.LParen);
    let statement: Statement | undefined;
    this.OPTION({
      GATE: () => !this.tooDeep(),
      DEF: () => {
        this.nl();
        this.OPTION2({ GATE: () => this.LA(1).tokenType !== this.t.RParen, DEF: () => { statement = this.SUBRULE(this.pipelineChain); } });
        this.nl();
      },
    });
    const end = this.closeWith(this.t.RParen, open, ')');
    return this.ACTION(() => {
      if (!statement && !this.tooDeep()) this.tokenError("An expression was expected after '('.", open);
      return { type: 'ParenExpression', statement, start: this.s(open), end };
    });
  });

  subExpression = this.rule('subExpression', (): SubExpression => {
    const open = this.CONSUME(this.t.DollarParen);
    const statements = this.nestedStatements(open);
    return this.ACTION(() => ({ type: 'SubExpression', statements: statements.list, start: this.s(open), end: statements.end }));
  });

  arrayExpression = this.rule('arrayExpression', (): ArrayExpression => {
    const open = this.CONSUME(this.t.AtParen);
    const statements = this.nestedStatements(open);
    return this.ACTION(() => ({ type: 'ArrayExpression', statements: statements.list, start: this.s(open), end: statements.end }));
  });

  scriptBlockExpression = this.rule('scriptBlockExpression', (): ScriptBlock => {
    const open = this.CONSUME(this.t.LBrace);
    let body: { paramBlock?: ScriptBlock['paramBlock']; statements: Statement[] } = { statements: [] };
    this.OPTION({ GATE: () => !this.tooDeep(), DEF: () => { body = this.SUBRULE(this.scriptBody, { ARGS: ['brace'] }); } });
    const end = this.closeWith(this.t.RBrace, open, '}');
    return this.ACTION(() => {
      const node: ScriptBlock = { type: 'ScriptBlock', statements: body.statements, start: this.s(open), end };
      if (body.paramBlock) node.paramBlock = body.paramBlock;
      return node;
    });
  });

  hashtable = this.rule('hashtable', (): Hashtable => {
    const open = this.CONSUME(this.t.AtBrace);
    const entries: HashtableEntry[] = [];
    this.OPTION({
      GATE: () => !this.tooDeep(),
      DEF: () => {
        this.MANY({
          GATE: () => this.LA(1).tokenType !== this.t.RBrace,
          DEF: () => {
            this.OR([
              { ALT: () => { this.CONSUME(this.t.Semi); } },
              { ALT: () => { this.CONSUME(this.t.NewLine); } },
              { ALT: () => { entries.push(this.SUBRULE(this.hashEntry)); } },
            ]);
          },
        });
      },
    });
    const end = this.closeWith(this.t.RBrace, open, '}');
    return this.ACTION(() => ({ type: 'Hashtable', entries, start: this.s(open), end }));
  });

  hashEntry = this.rule('hashEntry', (): HashtableEntry => {
    const key = this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // Bare keys are generic words: `Content-Type = ...`.
        { GATE: () => this.LA(1).tokenType === this.t.Word, ALT: () => this.SUBRULE(this.hashKeyWord) },
        { ALT: () => this.SUBRULE(this.unary) },
      ],
    });
    this.nl();
    this.CONSUME(this.t.Equals);
    this.nl();
    const value = this.SUBRULE(this.statement);
    return this.ACTION(() => ({ type: 'HashtableEntry', key, value, start: key.start, end: value.end }));
  });

  hashKeyWord = this.rule('hashKeyWord', (): Expression => {
    const first = this.CONSUME(this.t.Word);
    this.MANY({
      GATE: () => this.adjacent() && this.isKeyContinuation(this.LA(1).tokenType),
      DEF: () => { this.CONSUME(this.t.ArgToken); },
    });
    return this.ACTION(() => {
      const start = this.relStart(first);
      const end = this.relEnd(this.LA(0));
      return { type: 'BareWord', value: this.src.slice(start, end), start: start + this.base, end: end + this.base };
    });
  });

  private isKeyContinuation(tt: TokenType): boolean {
    const t = this.t;
    return tt === t.Word || tt === t.DashIdent || tt === t.Minus || tt === t.Number || tt === t.Dot;
  }

  /** `[T]`, `[T[]]`, `[List[string]]`, `[Parameter(Mandatory)]`. */
  typeSpec = this.rule('typeSpec', (): TypeLiteral | AttributeNode => {
    const open = this.CONSUME(this.t.LBracket);
    let args: { positional: Expression[]; named: NamedAttributeArgument[] } | undefined;
    const nameEnd = this.ACTION(() => this.skipTypeName(open)) ?? 0;
    this.OPTION(() => { args = this.SUBRULE(this.attributeArguments); });
    const end = this.closeWith(this.t.RBracket, open, ']');
    return this.ACTION(() => {
      const from = this.relEnd(open);
      const typeName = this.src.slice(from, Math.max(from, nameEnd)).replace(/\s+/g, '');
      if (args) return { type: 'Attribute', typeName, positional: args.positional, named: args.named, start: this.s(open), end };
      return { type: 'TypeLiteral', typeName, start: this.s(open), end };
    })!;
  });

  /**
   * Consumes a type name (`Net.WebClient`, `List[string]`, `int[]`,
   * `Dictionary[[string],[int]]`) up to the `]` or `(` that ends it. Done
   * procedurally: type names are flat token runs with balanced brackets, and a
   * loop cannot be driven into deep recursion. Returns the relative end offset.
   */
  private skipTypeName(open: IToken): number {
    const t = this.t;
    if (this.LA(1).tokenType !== t.Word) {
      this.tokenError('Missing type name after \'[\'.', open);
      return this.relEnd(open);
    }
    let depth = 0;
    for (;;) {
      const tt = this.LA(1).tokenType;
      if (tt === t.LBracket) depth++;
      else if (tt === t.RBracket) {
        if (depth === 0) break;
        depth--;
      } else if (!(tt === t.Word || tt === t.Dot || tt === t.Comma || tt === t.Plus || tt === t.EscapedChar || tt === t.Number || (depth > 0 && tt === t.NewLine))) {
        break;
      }
      this.SKIP_TOKEN();
    }
    return this.relEnd(this.LA(0));
  }

  attributeArguments = this.rule('attributeArguments', (): { positional: Expression[]; named: NamedAttributeArgument[] } => {
    const positional: Expression[] = [];
    const named: NamedAttributeArgument[] = [];
    const open = this.CONSUME(this.t.LParen);
    this.nl();
    this.MANY({
      GATE: () => this.LA(1).tokenType !== this.t.RParen,
      DEF: () => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: () => this.LA(1).tokenType === this.t.Word && [this.t.Equals, this.t.Comma, this.t.RParen, this.t.NewLine].includes(this.LA(2).tokenType),
              ALT: () => {
                const name = this.CONSUME(this.t.Word);
                let value: Expression | undefined;
                this.OPTION(() => { this.CONSUME(this.t.Equals); this.nl(); value = this.SUBRULE(this.expression, { ARGS: [false] }); });
                this.ACTION(() => {
                  const arg: NamedAttributeArgument = { type: 'NamedAttributeArgument', name: name.image, start: this.s(name), end: value?.end ?? this.e(name) };
                  if (value) arg.value = value;
                  named.push(arg);
                });
              },
            },
            // Before the expression alternative: a comma would start a unary-comma expression.
            { ALT: () => { this.CONSUME(this.t.Comma); } },
            { ALT: () => { this.CONSUME(this.t.NewLine); } },
            { ALT: () => { positional.push(this.SUBRULE2(this.expression, { ARGS: [false] })); } },
          ],
        });
      },
    });
    this.closeWith(this.t.RParen, open, ')');
    return { positional, named };
  });
}
