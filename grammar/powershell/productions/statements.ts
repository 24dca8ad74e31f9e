// Statement dispatch, statement lists with statement-level error recovery,
// and script / script-block bodies.

import { EOF } from 'chevrotain';
import type { ErrorStatement, PsScript, Statement } from '../ast.ts';
import { ControlFlowRules } from './control-flow.ts';
import { isRecognitionError, type ListCloser, type ScriptBody } from './core.ts';

interface ListFrame {
  statements: Statement[];
  needSep: boolean;
}

const STATEMENT_KEYWORDS = new Set([
  'if', 'while', 'do', 'for', 'foreach', 'switch', 'try', 'trap', 'function', 'filter', 'workflow', 'throw', 'return',
  'exit', 'break', 'continue', 'begin', 'process', 'end', 'dynamicparam', 'clean',
]);

/** Statements after which PowerShell requires `;` or a newline before the next one. */
function needsSeparator(st: Statement): boolean {
  switch (st.type) {
    case 'Pipeline':
    case 'PipelineChain':
      return !st.background;
    case 'Assignment':
    case 'Throw':
    case 'Return':
    case 'Exit':
    case 'Break':
    case 'Continue':
      return true;
    default:
      return false;
  }
}

export abstract class StatementRules extends ControlFlowRules {
  protected atListEnd(closer: ListCloser): boolean {
    const tt = this.LA(1).tokenType;
    if (closer === 'brace') return tt === this.t.RBrace;
    if (closer === 'paren') return tt === this.t.RParen;
    return false;
  }

  /** `[CmdletBinding()] param(` ahead (attributes and newlines may precede `param`). */
  protected atParamBlock(): boolean {
    let k = 1;
    for (;;) {
      const tt = this.LA(k).tokenType;
      if (tt === this.t.NewLine) { k++; continue; }
      if (tt === this.t.LBracket) {
        const close = this.matchingBracket(k);
        if (close < 0) return false;
        k = close + 1;
        continue;
      }
      break;
    }
    if (!this.isKeyword(this.LA(k), 'param')) return false;
    return this.LA(this.pastNewlines(k + 1)).tokenType === this.t.LParen;
  }

  /** Lower-cased statement keyword at LA(1), or undefined (one-entry cache: the gates below all ask). */
  private kwTok: unknown;
  private kwVal: string | undefined;
  protected statementKeyword(): string | undefined {
    const tok = this.LA(1);
    if (tok !== this.kwTok) {
      this.kwTok = tok;
      const w = tok.tokenType === this.t.Word ? tok.image.toLowerCase() : '';
      this.kwVal = STATEMENT_KEYWORDS.has(w) && this.isKeyword(tok, w) ? w : undefined;
    }
    return this.kwVal;
  }

  private kwIs(...words: string[]): boolean {
    const k = this.statementKeyword();
    return k !== undefined && words.includes(k);
  }

  // Alternatives arrays are built once: the closures capture nothing per call,
  // and re-allocating them for every statement showed up as GC time.
  private readonly keywordAlts: Array<{ GATE: () => boolean; ALT: () => Statement }> = [
    { GATE: () => this.kwIs('if'), ALT: () => this.SUBRULE(this.ifStatement) },
    { GATE: () => this.kwIs('while'), ALT: () => this.SUBRULE(this.whileStatement) },
    { GATE: () => this.kwIs('do'), ALT: () => this.SUBRULE(this.doStatement) },
    { GATE: () => this.kwIs('for'), ALT: () => this.SUBRULE(this.forStatement) },
    { GATE: () => this.kwIs('foreach'), ALT: () => this.SUBRULE(this.foreachStatement) },
    { GATE: () => this.kwIs('switch'), ALT: () => this.SUBRULE(this.switchStatement) },
    { GATE: () => this.kwIs('try'), ALT: () => this.SUBRULE(this.tryStatement) },
    { GATE: () => this.kwIs('trap'), ALT: () => this.SUBRULE(this.trapStatement) },
    { GATE: () => this.kwIs('function', 'filter', 'workflow'), ALT: () => this.SUBRULE(this.functionDefinition) },
    { GATE: () => this.kwIs('throw', 'return', 'exit', 'break', 'continue'), ALT: () => this.SUBRULE(this.flowStatement) },
    {
      GATE: () => this.kwIs('begin', 'process', 'end', 'dynamicparam', 'clean') && this.LA(this.pastNewlines(2)).tokenType === this.t.LBrace,
      ALT: () => this.SUBRULE(this.namedBlock),
    },
  ];

  private readonly statementAlts = {
    IGNORE_AMBIGUITIES: true as const,
    DEF: [
      { GATE: () => this.statementKeyword() !== undefined, ALT: () => this.SUBRULE(this.keywordStatement) },
      { ALT: () => this.SUBRULE(this.pipelineChain) },
    ],
  };

  private readonly keywordAltsOpts = { IGNORE_AMBIGUITIES: true as const, DEF: this.keywordAlts };

  keywordStatement = this.rule('keywordStatement', (): Statement => this.dispatch<Statement>(0, this.keywordAltsOpts, () => {
    const i = this.keywordAlts.findIndex((alt) => alt.GATE());
    return i < 0 ? 0 : i;
  }));

  override statement = this.rule('statement', (): Statement => this.dispatch<Statement>(0, this.statementAlts, () => (this.statementKeyword() !== undefined ? 0 : 1)));

  /**
   * GATE of the statement loop, with side effects: consumes separators and
   * tokens that cannot start a statement (a stray `)` or `|`, reported), then
   * says whether a statement follows. Doing this procedurally keeps the hot
   * loop free of an OR (and of its per-iteration allocations).
   */
  private nextStatement(closer: ListCloser, frame: ListFrame): boolean {
    const t = this.t;
    this.checkRecoveryBudget();
    for (;;) {
      const tok = this.LA(1);
      const tt = tok.tokenType;
      if (tt === t.Semi || tt === t.NewLine) {
        frame.needSep = false;
      } else if (tt === t.RBrace || tt === t.RParen || tt === t.Pipe || tt === t.OrOr || tt === t.AndAnd || tt === t.StopParsing) {
        if (this.atListEnd(closer)) return false;
        this.tokenError(`Unexpected token '${tok.image}' in expression or statement.`, tok);
        frame.needSep = false;
      } else {
        return tt !== EOF;
      }
      this.SKIP_TOKEN();
    }
  }

  override statementList = this.rule('statementList', (closer: ListCloser): Statement[] => {
    const frame: ListFrame = { statements: [], needSep: false };
    this.MANY({
      GATE: () => this.nextStatement(closer, frame),
      DEF: () => {
        const first = this.LA(1);
        const startIdx = (this as unknown as { currIdx: number }).currIdx + 1;
        if (frame.needSep) this.ACTION(() => this.tokenError(`Unexpected token '${first.image}' in expression or statement.`, first));
        try {
          const st = this.SUBRULE(this.statement);
          this.ACTION(() => {
            frame.statements.push(st);
            frame.needSep = needsSeparator(st);
          });
        } catch (e) {
          if (!isRecognitionError(e)) throw e;
          this.ACTION(() => {
            this.resyncStatement(startIdx);
            const start = this.relStart(first);
            const end = Math.max(start, this.relEnd(this.LA(0)));
            const node: ErrorStatement = { type: 'ErrorStatement', text: this.src.slice(start, end), start: start + this.base, end: end + this.base };
            frame.statements.push(node);
            frame.needSep = false;
          });
        }
      },
    });
    return frame.statements;
  });

  override scriptBody = this.rule('scriptBody', (closer: ListCloser): ScriptBody => {
    let paramBlock: ScriptBody['paramBlock'];
    this.ACTION(() => {
      if (this.atParamBlock()) this.nl();
    });
    this.OPTION({ GATE: () => this.atParamBlock(), DEF: () => { paramBlock = this.SUBRULE(this.paramBlock); } });
    const statements = this.SUBRULE(this.statementList, { ARGS: [closer] });
    return paramBlock ? { paramBlock, statements } : { statements };
  });

  script = this.rule('script', (): PsScript => {
    const body = this.SUBRULE(this.scriptBody, { ARGS: ['eof'] });
    return this.ACTION(() => {
      const node: PsScript = { type: 'Script', statements: body.statements, start: this.base, end: this.base + this.src.length };
      if (body.paramBlock) node.paramBlock = body.paramBlock;
      return node;
    })!;
  });
}
