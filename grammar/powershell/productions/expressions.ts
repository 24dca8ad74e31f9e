// Expression mode: binary operators (a flat loop, see operators.ts), unary and
// cast prefixes, member access / invocation / indexing, and primaries.

import type { IToken } from 'chevrotain';
import type { AttributeNode, Expression, TypeLiteral } from '../ast.ts';
import { buildBinaryTree, isDashUnary, normalizeDashOperator, numberValue, type PendingOperator } from './operators.ts';
import { stringNode, variableNode } from './strings.ts';
import { describeToken } from './core.ts';
import { BracketRules } from './brackets.ts';

type Prefix = { tok: IToken } | { type: TypeLiteral | AttributeNode };
/** Shared by every operand without prefixes; never written to. */
const NO_PREFIXES: Prefix[] = [];

/** Longest operator chain turned into a tree (see capChain). */
export const MAX_CHAIN = 256;

// The ACTION above always sets the operand; this only narrows the type.
function operandOrError(e: Expression | undefined): Expression {
  return e ?? { type: 'ErrorExpression', text: '', start: 0, end: 0 };
}

export abstract class ExpressionRules extends BracketRules {
  /** `[T]` followed by an operand is a cast; `[T]::x` and a bare `[T]` are not. */
  protected atCast(): boolean {
    const close = this.matchingBracket(1);
    if (close < 0) return false;
    const next = this.LA(close + 1);
    if (next.tokenType === this.t.ColonColon && this.adjacentAt(close + 1)) return false;
    return this.startsOperand(next) && next.tokenType !== this.t.Comma;
  }

  /**
   * Operator chains are parsed by loops, but they still produce trees as deep
   * as the chain is long (`!!!!...$x`, `1+1+...`, `$a.b.c...`); consumers
   * walk the AST recursively, so very long chains become an error.
   */
  protected capChain(length: number, start: number, end: number): Expression | undefined {
    if (length <= MAX_CHAIN) return undefined;
    this.addError(`Expression has more than ${MAX_CHAIN} chained operators; it was not analysed.`, start, end);
    return { type: 'ErrorExpression', text: this.src.slice(start - this.base, end - this.base), start, end };
  }

  /** Tokens that begin a primary expression (after any prefix operators). */
  protected startsPrimary(tok: IToken): boolean {
    const t = this.t;
    const tt = tok.tokenType;
    return tt === t.Variable || tt === t.Number || this.isStringToken(tok) || tt === t.LParen || tt === t.DollarParen ||
      tt === t.AtParen || tt === t.AtBrace || tt === t.LBracket || tt === t.LBrace;
  }

  protected atPrefix(): boolean {
    const tok = this.LA(1);
    const t = this.t;
    const tt = tok.tokenType;
    if (tt === t.LBracket) return this.atCast();
    if (tt === t.DashIdent) return isDashUnary(tok.image);
    return tt === t.Bang || tt === t.Minus || tt === t.Plus || tt === t.PlusPlus || tt === t.MinusMinus || tt === t.Comma;
  }

  protected atIncrement(): boolean {
    const tt = this.LA(1).tokenType;
    return tt === this.t.PlusPlus || tt === this.t.MinusMinus;
  }

  /** `.name`, `::name` and `[` bind only when written without blanks. */
  protected atPostfix(): boolean {
    const tt = this.LA(1).tokenType;
    const t = this.t;
    if (!this.adjacent()) return false;
    if (tt === t.LBracket) return true;
    return (tt === t.Dot || tt === t.ColonColon) && this.adjacentAt(2) && this.LA(2).tokenType !== t.NewLine;
  }

  // ------------------------------------------------------------------ rules

  // Fast paths below skip a repetition whose GATE already fails, so that the common case (an
  // operand alone) allocates no arrays and closures: a megabyte of script makes millions of these
  // calls. While the grammar is recorded (`analysing`) every repetition is taken as written.

  override expression = this.rule('expression', (allowComma: boolean): Expression => {
    const first = this.SUBRULE(this.unary);
    if (!this.analysing && this.binaryPrecedence(this.LA(1), allowComma) === undefined) return first;
    const operands: Expression[] = [first];
    const ops: PendingOperator[] = [];
    this.MANY({
      GATE: () => this.binaryPrecedence(this.LA(1), allowComma) !== undefined,
      DEF: () => {
        const op = this.CONSUME(this.t.OperatorToken);
        this.nl();
        operands.push(this.SUBRULE2(this.unary));
        this.ACTION(() => {
          const image = op.tokenType === this.t.DashIdent ? normalizeDashOperator(op.image) : op.tokenType === this.t.Minus ? '-' : op.image;
          ops.push({ op: image, prec: this.binaryPrecedence(op, true)! });
        });
      },
    });
    return this.ACTION(() => this.capChain(ops.length, operands[0]!.start, operands[operands.length - 1]!.end) ?? buildBinaryTree(operands, ops))!;
  });

  override unary = this.rule('unary', (): Expression => {
    const prefixing = this.analysing || this.atPrefix();
    const prefixes: Prefix[] = prefixing ? [] : NO_PREFIXES;
    if (prefixing) {
      this.MANY({
        GATE: () => this.atPrefix(),
        DEF: () => {
          this.OR([
            { GATE: () => this.LA(1).tokenType === this.t.LBracket, ALT: () => { prefixes.push({ type: this.SUBRULE(this.typeSpec) }); } },
            { ALT: () => { prefixes.push({ tok: this.CONSUME(this.t.PrefixOp) }); } },
          ]);
        },
      });
    }
    // A missing operand (`1 + ;`) is reported here instead of by an exception
    // (exceptions unwinding the rule stack are the parser's slow path). The
    // grammar still records the operand as mandatory: see `analysing`.
    let operand: Expression | undefined;
    if (this.analysing || this.startsPrimary(this.LA(1))) {
      operand = this.SUBRULE(this.postfixExpression);
    } else {
      this.ACTION(() => {
        const at = this.LA(1);
        this.addError(`Expected an expression but found ${describeToken(at)}.`, this.s(at), this.e(at));
        operand = { type: 'ErrorExpression', text: '', start: this.e(this.LA(0)), end: this.e(this.LA(0)) };
      });
    }
    if (!this.analysing && !prefixing && !this.atIncrement()) return operandOrError(operand);
    this.MANY2({
      GATE: () => this.atIncrement(),
      DEF: () => {
        const op = this.OR2([
          { ALT: () => this.CONSUME2(this.t.PlusPlus) },
          { ALT: () => this.CONSUME2(this.t.MinusMinus) },
        ]);
        this.ACTION(() => {
          const inner = operand!;
          operand = { type: 'Unary', operator: op.tokenType === this.t.PlusPlus ? '++' : '--', operand: inner, postfix: true, start: inner.start, end: this.e(op) };
        });
      },
    });
    return this.ACTION(() => {
      let result = operandOrError(operand);
      const p0 = prefixes[0];
      const capped = p0 && this.capChain(prefixes.length, 'tok' in p0 ? this.s(p0.tok) : p0.type.start, result.end);
      if (capped) return capped;
      for (let i = prefixes.length - 1; i >= 0; i--) {
        const p = prefixes[i]!;
        if ('tok' in p) {
          const tt = p.tok.tokenType;
          const operator = tt === this.t.DashIdent ? normalizeDashOperator(p.tok.image)
            : tt === this.t.Minus ? '-' : tt === this.t.MinusMinus ? '--' : p.tok.image;
          result = { type: 'Unary', operator, operand: result, postfix: false, start: this.s(p.tok), end: result.end };
        } else {
          const targetType: TypeLiteral = p.type.type === 'TypeLiteral' ? p.type
            : { type: 'TypeLiteral', typeName: p.type.typeName, start: p.type.start, end: p.type.end };
          result = { type: 'Cast', targetType, operand: result, start: p.type.start, end: result.end };
        }
      }
      return result;
    });
  });

  postfixExpression = this.rule('postfixExpression', (): Expression => {
    let expr = this.SUBRULE(this.primary);
    if (!this.analysing && !this.atPostfix()) return expr;
    let postfixOps = 0;
    this.MANY({
      GATE: () => this.atPostfix(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              const op = this.OR2([{ ALT: () => this.CONSUME(this.t.Dot) }, { ALT: () => this.CONSUME(this.t.ColonColon) }]);
              postfixOps++;
              const member = this.SUBRULE(this.memberName);
              let args: Expression[] | undefined;
              this.OPTION({
                GATE: () => this.adjacent() && (this.LA(1).tokenType === this.t.LParen || this.LA(1).tokenType === this.t.LBrace),
                DEF: () => {
                  this.OR3([
                    { ALT: () => { args = this.SUBRULE(this.argumentList); } },
                    // `.Where{ ... }` / `.ForEach{ ... }`: a script block argument without parentheses.
                    { ALT: () => { args = [this.SUBRULE(this.scriptBlockExpression)]; } },
                  ]);
                },
              });
              this.ACTION(() => {
                const isStatic = op.tokenType === this.t.ColonColon;
                const end = args !== undefined ? this.e(this.LA(0)) : member.end;
                expr = args !== undefined
                  ? { type: 'InvokeMember', object: expr, member, arguments: args, static: isStatic, start: expr.start, end }
                  : { type: 'MemberAccess', object: expr, member, static: isStatic, start: expr.start, end };
              });
            },
          },
          {
            ALT: () => {
              const open = this.CONSUME(this.t.LBracket);
              postfixOps++;
              let index: Expression | undefined;
              this.OPTION2({
                GATE: () => !this.tooDeep(),
                DEF: () => { this.nl(); index = this.SUBRULE(this.expression, { ARGS: [true] }); this.nl(); },
              });
              const end = this.closeWith(this.t.RBracket, open, ']');
              this.ACTION(() => {
                expr = { type: 'Index', object: expr, index: index ?? this.errorExpression(open), start: expr.start, end };
              });
            },
          },
        ]);
      },
    });
    return this.ACTION(() => this.capChain(postfixOps, expr.start, expr.end) ?? expr)!;
  });

  private bareWordOf(tok: IToken): Expression {
    return { type: 'BareWord', value: tok.image, start: this.s(tok), end: this.e(tok) };
  }

  private readonly memberAlts = [
    { ALT: () => { const tok = this.CONSUME(this.t.Word); return this.ACTION(() => this.bareWordOf(tok))!; } },
    { ALT: () => { const tok = this.CONSUME(this.t.Variable); return this.ACTION(() => variableNode(tok.image, this.s(tok), this.e(tok)))!; } },
    { ALT: () => { const tok = this.CONSUME(this.t.StringToken); return this.ACTION(() => stringNode(this, tok, this.stringKind(tok)))!; } },
    { ALT: (): Expression => this.SUBRULE(this.parenExpression) },
    { ALT: (): Expression => this.SUBRULE(this.subExpression) },
  ];

  memberName = this.rule('memberName', (): Expression => this.OR(this.memberAlts));

  /** `( a, b )` after a method name. Commas separate arguments here, they do not build arrays. */
  argumentList = this.rule('argumentList', (): Expression[] => {
    const open = this.CONSUME(this.t.LParen);
    const args: Expression[] = [];
    this.OPTION({
      GATE: () => !this.tooDeep(),
      DEF: () => {
        this.nl();
        this.OPTION2({
          GATE: () => this.LA(1).tokenType !== this.t.RParen,
          DEF: () => {
            args.push(this.SUBRULE(this.expression, { ARGS: [false] }));
            this.nl();
            this.MANY(() => {
              this.CONSUME(this.t.Comma);
              this.nl();
              args.push(this.SUBRULE2(this.expression, { ARGS: [false] }));
              this.nl();
            });
          },
        });
      },
    });
    this.closeWith(this.t.RParen, open, ')');
    return args;
  });

  // Built once (see StatementRules.statementAlts): primary is the hottest OR.
  private readonly primaryAlts = [
    { ALT: () => { const tok = this.CONSUME(this.t.Variable); return this.ACTION(() => variableNode(tok.image, this.s(tok), this.e(tok)))!; } },
    {
      ALT: (): Expression => {
        const tok = this.CONSUME(this.t.Number);
        return this.ACTION((): Expression => ({ type: 'NumberLiteral', raw: tok.image, value: numberValue(tok.image), start: this.s(tok), end: this.e(tok) }))!;
      },
    },
    { ALT: () => { const tok = this.CONSUME(this.t.StringToken); return this.ACTION(() => stringNode(this, tok, this.stringKind(tok)))!; } },
    { ALT: (): Expression => this.SUBRULE(this.parenExpression) },
    { ALT: (): Expression => this.SUBRULE(this.subExpression) },
    { ALT: (): Expression => this.SUBRULE(this.arrayExpression) },
    { ALT: (): Expression => this.SUBRULE(this.hashtable) },
    { ALT: (): Expression => this.SUBRULE(this.scriptBlockExpression) },
    { ALT: (): Expression => this.SUBRULE(this.typeSpec) },
  ];

  primary = this.rule('primary', (): Expression => this.OR(this.primaryAlts));
}
