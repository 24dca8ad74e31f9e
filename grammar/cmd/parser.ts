// Chevrotain grammar of cmd.exe command lines, over the tokens of lexer.ts.
//
// The grammar is deliberately total: every token sequence the scanner can
// produce is accepted, and missing pieces (an operand after `&&`, an `if`
// body, a closing `)`) are optional in the grammar and reported by the
// semantic actions. That way a broken command becomes a partial node plus an
// error while the commands after it parse normally. Chevrotain's own
// recovery stays enabled as a second line of defence; any rule it has to
// abandon turns into an Error node (see recoveryValueFunc).
//
// Embedded actions build the AST directly: no CST to allocate and convert,
// which matters for the 1 MB pathological inputs the tests feed it.
import { EmbeddedActionsParser, EOF, tokenMatcher } from 'chevrotain';
import type { IOrAlt, IRecognitionException, IToken } from 'chevrotain';
import type {
  CmdCommand,
  CmdCompareOperator,
  CmdCondition,
  CmdError,
  CmdFor,
  CmdGroup,
  CmdIf,
  CmdRedirection,
  CmdStatement,
  CmdWord,
} from './ast.ts';
import { buildChain, commandError, forNode, ifNode, labelNode, redirectionNode, remNode, report, tokenEnd, withQuiet } from './build.ts';
import { buildInvocation } from './commands.ts';
import * as T from './tokens.ts';
import { buildWord } from './words.ts';

export interface CmdSyntaxError {
  message: string;
  start: number;
  end: number;
}

export interface ParseOutput {
  body: CmdStatement[];
  errors: CmdSyntaxError[];
}

export class CmdParser extends EmbeddedActionsParser {
  private source = '';
  private forVars: string[] = [];
  private problems: CmdSyntaxError[] = [];

  constructor(options: { validate?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: true, skipValidations: !options.validate, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  parse(source: string, tokens: IToken[]): ParseOutput {
    this.source = source;
    this.forVars = [];
    this.problems = [];
    this.input = tokens;
    // Statements are collected into this array as they complete, so even if
    // Chevrotain abandoned the top rule the finished statements survive.
    const body: CmdStatement[] = [];
    this.statements(body);
    const errors = this.problems.concat(this.errors.map((e) => this.fromException(e)));
    // The singleton must not keep the last input's tokens alive.
    this.input = [];
    return { body, errors };
  }

  // Alternatives of the hot ORs are built once: Chevrotain evaluates the array
  // literal on every call, and per-token closures dominated garbage
  // collection on large inputs. They only return values (no captured locals).
  private statementAlts?: IOrAlt<CmdStatement | undefined>[];
  private commandAlts?: IOrAlt<CmdCommand>[];
  private partAlts?: IOrAlt<IToken | CmdRedirection>[];

  // The entry rule, also the body of a block. The scanner only emits `)`
  // while a block is open, so at the top level the loop runs to the end.
  private readonly statements = this.RULE('statements', (body?: CmdStatement[]) => {
    const out = body ?? [];
    this.statementAlts ??= [
      { ALT: () => void this.CONSUME(T.Newline) },
      { ALT: () => this.SUBRULE(this.chain) },
      {
        ALT: () => {
          const t = this.CONSUME(T.Stray);
          this.ACTION(() => this.unexpected(t));
          return undefined;
        },
      },
    ];
    const alts = this.statementAlts;
    this.MANY(() => {
      const statement = this.OR(alts);
      if (statement && !this.RECORDING_PHASE) {
        out.push(statement);
        this.expectStatementEnd();
      }
    });
    return out;
  });

  // All four operators in one flat loop; build.ts applies cmd's precedence.
  // A flat loop keeps 10k `&&`-chained commands off the call stack.
  private readonly chain = this.RULE(
    'chain',
    (): CmdStatement => {
      const items: (CmdCommand | undefined)[] = [this.SUBRULE(this.command)];
      const ops: IToken[] = [];
      this.MANY(() => {
        ops.push(this.CONSUME(T.ChainOperator));
        items.push(this.OPTION(this.optionalCommand));
      });
      return this.ACTION(() => buildChain(items, ops, this.problems));
    },
    { recoveryValueFunc: (e: IRecognitionException) => this.recoveryNode(e) },
  );

  private readonly optionalCommand = (): CmdCommand => this.SUBRULE2(this.command);

  private readonly command = this.RULE(
    'command',
    (): CmdCommand => {
      // An `@` prefix arrives as the payload of the command's first token.
      const first = this.LA(1);
      this.commandAlts ??= [
        { ALT: () => this.SUBRULE(this.simpleCommand) },
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.ifCommand) },
        { ALT: () => this.SUBRULE(this.forCommand) },
        {
          ALT: () => {
            const kw = this.CONSUME(T.KwRem);
            const text = this.OPTION(() => this.CONSUME(T.RemText));
            return this.ACTION(() => remNode(kw, text));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Label);
            return this.ACTION(() => labelNode(t));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.TooDeep);
            return this.ACTION(() => commandError(this.source, t.startOffset, tokenEnd(t), 'Nesting too deep'));
          },
        },
      ];
      const node = this.OR(this.commandAlts);
      return this.ACTION(() => withQuiet(node, first));
    },
    { recoveryValueFunc: (e: IRecognitionException) => this.recoveryNode(e) },
  );

  private readonly simpleCommand = this.RULE('simpleCommand', (): CmdCommand => {
    const words: IToken[] = [];
    const redirections: CmdRedirection[] = [];
    this.partAlts ??= [{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.SUBRULE(this.redirection) }];
    const alts = this.partAlts;
    this.AT_LEAST_ONE(() => {
      const part = this.OR(alts);
      if ('tokenType' in part) words.push(part);
      else redirections.push(part);
    });
    return this.ACTION(() => {
      const first = redirections[0];
      if (words.length === 0 && first) {
        const last = redirections[redirections.length - 1] ?? first;
        this.problem('Redirection without a command', first.start, last.end);
        return commandError(this.source, first.start, last.end, 'Redirection without a command');
      }
      return buildInvocation({
        text: this.source,
        words: words.map((w) => this.word(w)),
        redirections,
        limit: this.nextOffset(),
        forVars: this.forVars,
      });
    });
  });

  private readonly redirection = this.RULE('redirection', (): CmdRedirection =>
    this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(T.Redirect);
          const target = this.OPTION(() => this.CONSUME(T.Word));
          return this.ACTION(() => {
            if (!target) this.problem(`Expected a file name after '${op.image}'`, op.startOffset, tokenEnd(op));
            return redirectionNode(op, target ? this.word(target) : null);
          });
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.RedirectDup);
          return this.ACTION(() => {
            const amp = op.image.indexOf('&');
            const handle = buildWord(this.source, op.startOffset + amp + 1, tokenEnd(op));
            return redirectionNode(op, handle);
          });
        },
      },
    ]),
  );

  private readonly group = this.RULE('group', (): CmdGroup => {
    const open = this.CONSUME(T.LParen);
    const body: CmdStatement[] = [];
    this.SUBRULE(this.statements, { ARGS: [body] });
    const close = this.OPTION(() => this.CONSUME(T.RParen));
    const redirections: CmdRedirection[] = [];
    this.MANY(() => redirections.push(this.SUBRULE(this.redirection)));
    return this.ACTION(() => {
      let end = tokenEnd(open);
      for (const s of body) end = Math.max(end, s.end);
      if (close) end = tokenEnd(close);
      else this.problem(`Missing ')' to close the block opened at offset ${open.startOffset}`, open.startOffset, end);
      // cmd rejects `()`: ") was unexpected at this time".
      if (close && body.length === 0) this.problem('Empty block', open.startOffset, end);
      for (const r of redirections) end = Math.max(end, r.end);
      return { type: 'Group', start: open.startOffset, end, quiet: false, body, redirections, closed: !!close };
    });
  });

  private readonly ifCommand = this.RULE('ifCommand', (): CmdIf => {
    const kw = this.CONSUME(T.KwIf);
    const flags = { caseInsensitive: false, negated: false };
    this.MANY(() => {
      const flag = this.CONSUME(T.IfFlag);
      this.ACTION(() => {
        if (flag.tokenType === T.IfSwitch) flags.caseInsensitive = true;
        else flags.negated = true;
      });
    });
    const condition = this.OPTION(() => this.SUBRULE(this.condition));
    const then = this.OPTION2(() => this.SUBRULE(this.chain));
    const otherwise = this.OPTION3(() => {
      const elseKw = this.CONSUME(T.KwElse);
      const body = this.OPTION4(() => this.SUBRULE2(this.chain));
      return { elseKw, body };
    });
    return this.ACTION(() => ifNode(kw, flags, condition ?? null, then ?? null, otherwise, this.problems));
  });

  private readonly condition = this.RULE('condition', (): CmdCondition =>
    this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.UnaryCondition);
          const operand = this.OPTION(() => this.CONSUME(T.Word));
          return this.ACTION((): CmdCondition => {
            const kind = kw.image.toLowerCase() as 'exist' | 'defined' | 'errorlevel' | 'cmdextversion';
            const end = operand ? tokenEnd(operand) : tokenEnd(kw);
            if (!operand) this.problem(`Expected an operand after '${kw.image}'`, kw.startOffset, end);
            return { type: 'Condition', kind, start: kw.startOffset, end, operand: operand ? this.word(operand) : null };
          });
        },
      },
      {
        ALT: () => {
          const left = this.CONSUME2(T.Word);
          const op = this.OPTION2(() => this.CONSUME(T.Comparison));
          const right = this.OPTION3(() => this.CONSUME3(T.Word));
          return this.ACTION((): CmdCondition => {
            const last = right ?? op ?? left;
            if (!op) this.problem('Expected a comparison operator (==, EQU, NEQ, LSS, LEQ, GTR, GEQ)', left.startOffset, tokenEnd(last));
            else if (!right) this.problem(`Expected a value after '${op.image}'`, op.startOffset, tokenEnd(op));
            const operator = op ? (op.image === '==' ? '==' : (op.image.toUpperCase() as CmdCompareOperator)) : null;
            return {
              type: 'Condition',
              kind: 'compare',
              start: left.startOffset,
              end: tokenEnd(last),
              operator,
              left: this.word(left),
              right: right ? this.word(right) : null,
            };
          });
        },
      },
    ]),
  );

  private readonly forCommand = this.RULE('forCommand', (): CmdFor => {
    const kw = this.CONSUME(T.KwFor);
    const header: IToken[] = [];
    this.MANY(() => header.push(this.CONSUME(T.ForHeaderItem)));
    const variable = this.OPTION(() => this.CONSUME(T.ForVariable));
    const inKw = this.OPTION2(() => this.CONSUME(T.KwIn));
    const set = this.OPTION3(() => {
      const open = this.CONSUME(T.LParen);
      const items: IToken[] = [];
      this.MANY2(() => items.push(this.CONSUME2(T.Word)));
      const close = this.OPTION4(() => this.CONSUME(T.RParen));
      return { open, items, close };
    });
    const doKw = this.OPTION5(() => this.CONSUME(T.KwDo));
    // Words in the body see the loop variable (`%i` becomes a 'for' part).
    this.ACTION(() => {
      if (variable) this.forVars.push(variable.image.slice(-1));
    });
    const body = this.OPTION6(() => this.SUBRULE(this.chain));
    this.ACTION(() => {
      if (variable) this.forVars.pop();
    });
    return this.ACTION(() =>
      forNode(this.source, { kw, header, variable, inKw, set, doKw, body }, (t) => this.word(t), this.problems),
    );
  });

  // ------------------------------------------------------------ helpers

  private word(t: IToken): CmdWord {
    return buildWord(this.source, t.startOffset, tokenEnd(t), this.forVars);
  }

  // Start of the next token: where a command's raw text (echo, set) ends.
  private nextOffset(): number {
    const next = this.LA(1);
    return tokenMatcher(next, EOF) ? this.source.length : next.startOffset;
  }

  private problem(message: string, start: number, end: number): void {
    report(this.problems, message, start, end);
  }

  private unexpected(t: IToken): void {
    const what = t.image.length > 40 ? `${t.image.slice(0, 40)}...` : t.image;
    this.problem(`'${what}' was unexpected here`, t.startOffset, tokenEnd(t));
  }

  // After a statement only a line break, `)` or the end may follow.
  private expectStatementEnd(): void {
    const next = this.LA(1);
    if (tokenMatcher(next, EOF) || tokenMatcher(next, T.Newline) || tokenMatcher(next, T.RParen)) return;
    if (tokenMatcher(next, T.Stray)) return; // reported when consumed
    this.problem(`Expected an operator or a line break before '${next.image.slice(0, 40)}'`, next.startOffset, tokenEnd(next));
  }

  private recoveryNode(e: IRecognitionException): CmdError {
    const tokens = [e.token, ...(e.resyncedTokens ?? [])].filter((t) => Number.isFinite(t.startOffset));
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const start = first ? first.startOffset : this.source.length;
    const end = last ? (last.endOffset ?? last.startOffset) + 1 : start;
    return commandError(this.source, start, end, e.message);
  }

  private fromException(e: IRecognitionException): CmdSyntaxError {
    const t = e.token;
    const ok = Number.isFinite(t.startOffset);
    const start = ok ? t.startOffset : this.source.length;
    return { message: e.message, start, end: ok ? (t.endOffset ?? t.startOffset) + 1 : start };
  }
}

let instance: CmdParser | undefined;

/** The shared parser, built on first use without grammar validations. */
export function getCmdParser(): CmdParser {
  instance ??= new CmdParser({ validate: false });
  return instance;
}
