// Pipelines, chains and commands: where command mode lives. Their arguments
// and words are one layer down, in arguments.ts.

import { tokenMatcher, type IToken } from 'chevrotain';
import type {
  Assignment, AssignmentOperator, FlowStatement, Command, CommandElement, CommandExpression, CommandParameter, Expression,
  Pipeline, PipelineChain, PipelineElement, Redirection, Statement,
} from '../ast.ts';
import { ArgumentRules } from './arguments.ts';
import { isDashUnary } from './operators.ts';
import { describeToken } from './core.ts';
import { bindParameterValues, staticText } from './binding.ts';

const WITH_COMMA = { ARGS: [true] as [boolean] };

export abstract class CommandRules extends ArgumentRules {
  /**
   * Mode decision at the head of a pipeline: PowerShell parses a statement
   * in expression mode when it starts with a value, in command mode otherwise.
   */
  protected startsExpression(): boolean {
    const t = this.t;
    const tok = this.LA(1);
    const tt = tok.tokenType;
    const next = this.LA(2);
    const glued = this.adjacentAt(2);
    const wordy = (nt = next.tokenType) => nt === t.Word || nt === t.EscapedChar || nt === t.Other;
    if (tt === t.Variable) return !(glued && wordy()); // `$env:ProgramFiles\x\setup.exe /S` is a command
    if (tt === t.Number) return !(glued && (wordy() || next.tokenType === t.Number)); // `7z x a.zip`
    if (tt === t.DashIdent) return isDashUnary(tok.image);
    if (tt === t.Minus) return glued && (next.tokenType === t.Number || next.tokenType === t.Variable || next.tokenType === t.LParen);
    if (tt === t.MinusMinus) return next.tokenType === t.Variable;
    return this.isStringToken(tok) || tt === t.LParen || tt === t.DollarParen || tt === t.AtParen || tt === t.AtBrace ||
      tt === t.LBracket || tt === t.LBrace || tt === t.Bang || tt === t.PlusPlus || tt === t.Plus || tt === t.Comma;
  }

  /** `. script.ps1` (dot-source) versus `.\script.ps1` (a path). */
  protected atDotSource(): boolean {
    const t = this.t;
    if (this.LA(1).tokenType !== t.Dot) return false;
    if (!this.adjacentAt(2)) return true;
    const nt = this.LA(2).tokenType;
    return nt === t.Variable || this.isStringToken(this.LA(2)) || nt === t.LParen || nt === t.LBrace || nt === t.DollarParen;
  }

  /** The tokens a redirection starts with (see the redirection rule). */
  protected atRedirection(): boolean {
    const tt = this.LA(1).tokenType;
    return tt === this.t.Redirection || tt === this.t.Less;
  }

  // ------------------------------------------------------------------ rules

  override pipelineChain = this.rule('pipelineChain', (): Statement => {
    let left: Pipeline | Assignment | PipelineChain = this.SUBRULE(this.pipeline);
    // Most pipelines stand alone: then the repetition and option below are skipped without
    // allocating their closures (see the fast paths in expressions.ts).
    const after = this.LA(1).tokenType;
    if (!this.analysing && after !== this.t.AndAnd && after !== this.t.OrOr && after !== this.t.Amp) return left;
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(this.t.AndAnd) }, { ALT: () => this.CONSUME(this.t.OrOr) }]);
      this.nl();
      // pwsh 7 allows a flow statement on the right: `cmd || exit 1`, `cmd || throw 'x'`.
      const right = this.OR2({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.kw('throw', 'return', 'exit', 'break', 'continue'), ALT: (): Pipeline | Assignment | FlowStatement => this.SUBRULE(this.flowStatement) },
          { ALT: (): Pipeline | Assignment | FlowStatement => this.SUBRULE2(this.pipeline) },
        ],
      });
      this.ACTION(() => {
        left = { type: 'PipelineChain', operator: op.image === '&&' ? '&&' : '||', left, right, background: false, start: left.start, end: right.end };
      });
    });
    this.OPTION(() => {
      const amp = this.CONSUME(this.t.Amp);
      this.ACTION(() => {
        if (left.type === 'Assignment') return;
        left.background = true;
        left.end = this.e(amp);
      });
    });
    return left;
  });

  pipeline = this.rule('pipeline', (): Pipeline | Assignment => {
    const elements: PipelineElement[] = [];
    let assignment: Assignment | undefined;
    const expressionElement = (): void => {
      const expression = this.SUBRULE(this.expression, { ARGS: [true] });
      this.OPTION(() => {
        const op = this.CONSUME(this.t.AssignOp);
        this.nl();
        let value: Statement | undefined;
        if (this.analysing || this.startsStatement(this.LA(1))) value = this.SUBRULE(this.statement);
        this.ACTION(() => {
          if (!value) {
            const at = this.LA(1);
            this.addError(`Expected a value after '${op.image}' but found ${describeToken(at)}.`, this.s(at), this.e(at));
            value = { type: 'ErrorStatement', text: '', start: this.e(op), end: this.e(op) };
          }
          assignment = { type: 'Assignment', operator: op.image as AssignmentOperator, target: expression, value, start: expression.start, end: value.end };
        });
      });
      if (!this.analysing && assignment !== undefined) return;
      const redirections: Redirection[] = [];
      if (this.analysing || this.atRedirection()) {
        this.MANY({
          GATE: () => assignment === undefined,
          DEF: () => { redirections.push(this.SUBRULE(this.redirection)); },
        });
      }
      this.ACTION(() => {
        const end = redirections.length > 0 ? redirections[redirections.length - 1]!.end : expression.end;
        const el: CommandExpression = { type: 'CommandExpression', expression, redirections, start: expression.start, end };
        elements.push(el);
      });
    };
    if (!this.analysing) {
      // What dispatch() below would choose, without building its alternatives.
      if (this.startsExpression()) expressionElement();
      else elements.push(this.SUBRULE(this.command));
    } else {
      this.dispatch(0, {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.startsExpression(), ALT: expressionElement },
          { ALT: () => { elements.push(this.SUBRULE(this.command)); } },
        ],
      }, () => (this.startsExpression() ? 0 : 1));
    }
    if (!this.analysing && (assignment !== undefined || this.LA(1).tokenType !== this.t.Pipe)) {
      if (assignment) return assignment;
      const only = elements[0]!;
      return { type: 'Pipeline', elements, background: false, start: only.start, end: only.end };
    }
    this.MANY2({
      GATE: () => assignment === undefined,
      DEF: () => {
        const pipe = this.CONSUME(this.t.Pipe);
        this.nl();
        if (this.analysing || this.startsCommand(this.LA(1))) elements.push(this.SUBRULE2(this.command));
        this.ACTION(() => {
          if (elements[elements.length - 1]!.end <= this.s(pipe)) this.tokenError('An empty pipe element is not allowed.', pipe);
        });
      },
    });
    return this.ACTION(() => {
      if (assignment) return assignment;
      const first = elements[0]!;
      const last = elements[elements.length - 1]!;
      return { type: 'Pipeline', elements, background: false, start: first.start, end: last.end };
    })!;
  });

  command = this.rule('command', (): Command => {
    let invocation: IToken | undefined;
    if (this.analysing || this.LA(1).tokenType === this.t.Amp || this.atDotSource()) {
      this.OPTION({
        GATE: () => this.LA(1).tokenType === this.t.Amp || this.atDotSource(),
        DEF: () => {
          invocation = this.OR([{ ALT: () => this.CONSUME(this.t.Amp) }, { ALT: () => this.CONSUME(this.t.Dot) }]);
        },
      });
    }
    const name = this.SUBRULE(this.commandArgument, { ARGS: [false] });
    const elements: CommandElement[] = [];
    this.MANY(() => { elements.push(this.SUBRULE(this.commandElement)); });
    return this.ACTION(() => {
      const nameText = staticText(name);
      const inv = invocation === undefined ? 'none' : invocation.tokenType === this.t.Amp ? '&' : '.';
      const bound = inv === 'none' ? bindParameterValues(nameText, elements) : elements;
      const last = bound[bound.length - 1];
      const cmd: Command = {
        type: 'Command', invocation: inv, name, elements: bound,
        start: invocation ? this.s(invocation) : name.start, end: last ? last.end : name.end,
      };
      if (nameText !== undefined) cmd.nameText = nameText;
      return cmd;
    })!;
  });

  private readonly elementAlts = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => !this.quotedParameter(), ALT: (): CommandElement => this.SUBRULE(this.parameter) },
      {
        ALT: (): CommandElement => {
          const tok = this.CONSUME(this.t.Splat);
          return this.ACTION((): CommandElement => ({ type: 'Splat', name: tok.image.slice(1), start: this.s(tok), end: this.e(tok) }))!;
        },
      },
      { ALT: (): CommandElement => this.SUBRULE(this.redirection) },
      {
        ALT: (): CommandElement => {
          const tok = this.CONSUME(this.t.StopParsing);
          return this.ACTION((): CommandElement => ({ type: 'StopParsingArgument', text: tok.image.slice(3).trim(), start: this.s(tok), end: this.e(tok) }))!;
        },
      },
      { ALT: (): CommandElement => this.SUBRULE(this.commandArgument, WITH_COMMA) },
    ],
  };

  commandElement = this.rule('commandElement', (): CommandElement => this.OR(this.elementAlts));

  /**
   * `-ldflags="-s -w"`: a quote inside what would be a parameter name makes PowerShell read the
   * whole thing as one argument (`-ldflags=-s -w`), not a parameter and a string.
   */
  private quotedParameter(): boolean {
    const t = this.t;
    if (this.LA(1).tokenType !== t.DashIdent) return false;
    for (let k = 2; this.adjacentAt(k); k++) {
      const next = this.LA(k);
      if (this.isStringToken(next)) return true;
      const tt = next.tokenType;
      if (!tokenMatcher(next, t.ArgToken) || tt === t.Colon || tt === t.Dot || tt === t.DotDot || tt === t.LBracket || tt === t.Variable) return false;
    }
    return false;
  }

  parameter = this.rule('parameter', (): CommandParameter => {
    const dash = this.CONSUME(this.t.DashIdent);
    // PowerShell keeps scanning a parameter name up to a blank, `:`, `.`, `[` or a quote.
    if (this.analysing || this.continuesParameterName()) {
      this.MANY({
        GATE: () => this.continuesParameterName(),
        DEF: () => { this.CONSUME(this.t.ArgToken); },
      });
    }
    let value: Expression | undefined;
    let colon = false;
    // `-Name` alone, the common case: the option below is skipped without building it.
    if (!this.analysing && !(this.adjacent() && this.LA(1).tokenType === this.t.Colon)) return this.parameterNode(dash, false, undefined);
    this.OPTION({
      GATE: () => this.adjacent() && this.LA(1).tokenType === this.t.Colon,
      DEF: () => {
        this.CONSUME(this.t.Colon);
        colon = true;
        this.OPTION2({
          GATE: () => this.atArgumentStart(),
          DEF: () => { value = this.SUBRULE(this.commandArgument, { ARGS: [true] }); },
        });
      },
    });
    return this.ACTION(() => this.parameterNode(dash, colon, value))!;
  });

  private continuesParameterName(): boolean {
    if (!this.adjacent()) return false;
    const tok = this.LA(1);
    const tt = tok.tokenType;
    const t = this.t;
    return tokenMatcher(tok, t.ArgToken) && tt !== t.Colon && tt !== t.Dot && tt !== t.DotDot &&
      tt !== t.LBracket && tt !== t.Variable && !this.isStringToken(tok);
  }

  private parameterNode(dash: IToken, colon: boolean, value: Expression | undefined): CommandParameter {
    const nameEnd = this.relEnd(this.LA(0));
    const start = this.relStart(dash);
    const rawEnd = value ? value.start - this.base : nameEnd;
    let name = this.src.slice(start + 1, rawEnd);
    if (colon) name = name.replace(/\s*:\s*$/, '');
    const node: CommandParameter = { type: 'CommandParameter', name, colon, start: start + this.base, end: value ? value.end : nameEnd + this.base };
    if (value) node.value = value;
    if (colon && !value) this.tokenError(`Missing argument for parameter '${name}'.`, dash);
    return node;
  }

  protected startsCommand(tok: IToken): boolean {
    return tok.tokenType === this.t.Amp || this.startsArgument(tok);
  }

  protected startsStatement(tok: IToken): boolean {
    return this.startsCommand(tok) || this.startsOperand(tok);
  }

  redirection = this.rule('redirection', (): Redirection => {
    const tok = this.OR([{ ALT: () => this.CONSUME(this.t.Redirection) }, { ALT: () => this.CONSUME(this.t.Less) }]);
    let target: Expression | undefined;
    this.OPTION({
      GATE: () => !tok.image.includes('&') && this.atArgumentStart(),
      DEF: () => { target = this.SUBRULE(this.commandArgument, { ARGS: [false] }); },
    });
    return this.ACTION(() => {
      const image = tok.image;
      const input = image === '<';
      if (input) this.tokenError("The '<' operator is reserved for future use.", tok);
      const gt = image.indexOf('>');
      const node: Redirection = {
        type: 'Redirection', operator: image, stream: input ? '0' : gt > 0 ? image.slice(0, gt) : '1',
        append: image.includes('>>'), start: this.s(tok), end: target ? target.end : this.e(tok),
      };
      const amp = image.indexOf('&');
      if (amp >= 0) node.mergeTo = image.slice(amp + 1);
      if (target) node.target = target;
      else if (amp < 0) this.tokenError('Missing file specification after redirection operator.', tok);
      return node;
    })!;
  });


}
