// Control flow: if, loops, switch, try/catch/finally, trap, function
// definitions, param blocks and the flow statements (throw/return/exit/...).
// Keywords are Word tokens recognised by GATEs (see PsParserCore.isKeyword);
// newlines are allowed between a closing `}` and `else`/`catch`/`while`.

import type { IToken } from 'chevrotain';
import type {
  CatchClause, DoUntilStatement, DoWhileStatement, Expression, FlowStatement, ForStatement, ForeachStatement,
  FunctionDefinition, IfClause, IfStatement, NamedBlock, ParamBlock, ParameterDeclaration, Statement,
  StatementBlock, SwitchClause, SwitchStatement, TrapStatement, TryStatement, TypeLiteral, AttributeNode,
  WhileStatement, Variable,
} from '../ast.ts';
import { CommandRules } from './commands.ts';
import { variableNode } from './strings.ts';
import { staticString } from '../helpers.ts';

function asType(t: TypeLiteral | AttributeNode): TypeLiteral {
  return t.type === 'TypeLiteral' ? t : { type: 'TypeLiteral', typeName: t.typeName, start: t.start, end: t.end };
}

export abstract class ControlFlowRules extends CommandRules {
  /** Statement terminators: an optional operand of throw/return/exit is absent before these. */
  protected atStatementEnd(): boolean {
    const t = this.t;
    const tt = this.LA(1).tokenType;
    return tt === t.Semi || tt === t.NewLine || tt === t.RBrace || tt === t.RParen || tt === t.Pipe ||
      tt === t.AndAnd || tt === t.OrOr || tt === t.Amp || this.LA(1).image === undefined || tt.name === 'EOF';
  }

  /** `( pipeline )` of if/while/switch/do; returns the statement. */
  condition = this.rule('condition', (): Statement => {
    this.CONSUME(this.t.LParen);
    this.nl();
    const st = this.SUBRULE(this.pipelineChain);
    this.nl();
    this.CONSUME(this.t.RParen);
    return st;
  });

  override block = this.rule('block', (): StatementBlock => {
    const open = this.CONSUME(this.t.LBrace);
    let statements: Statement[] = [];
    this.OPTION({ GATE: () => !this.tooDeep(), DEF: () => { statements = this.SUBRULE(this.statementList, { ARGS: ['brace'] }); } });
    const end = this.closeWith(this.t.RBrace, open, '}');
    return this.ACTION(() => ({ type: 'StatementBlock', statements, start: this.s(open), end }) as StatementBlock)!;
  });

  ifStatement = this.rule('ifStatement', (): IfStatement => {
    const kw = this.CONSUME(this.t.Word);
    const clauses: IfClause[] = [];
    let elseBody: StatementBlock | undefined;
    const clause = (tok: IToken, condition: Statement, body: StatementBlock): void => {
      this.ACTION(() => clauses.push({ type: 'IfClause', condition, body, start: this.s(tok), end: body.end }));
    };
    this.nl();
    const c1 = this.SUBRULE(this.condition);
    this.nl();
    clause(kw, c1, this.SUBRULE(this.block));
    this.MANY({
      GATE: () => this.skipNewlinesBefore('elseif'),
      DEF: () => {
        this.nl();
        const tok = this.CONSUME2(this.t.Word);
        this.nl();
        const c = this.SUBRULE2(this.condition);
        this.nl();
        clause(tok, c, this.SUBRULE2(this.block));
      },
    });
    this.OPTION({
      GATE: () => this.skipNewlinesBefore('else'),
      DEF: () => {
        this.nl();
        this.CONSUME3(this.t.Word);
        this.nl();
        elseBody = this.SUBRULE3(this.block);
      },
    });
    return this.ACTION(() => {
      const node: IfStatement = { type: 'If', clauses, start: this.s(kw), end: (elseBody ?? clauses[clauses.length - 1]!).end };
      if (elseBody) node.elseBody = elseBody;
      return node;
    })!;
  });

  whileStatement = this.rule('whileStatement', (): WhileStatement => {
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const condition = this.SUBRULE(this.condition);
    this.nl();
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ type: 'While', condition, body, start: this.s(kw), end: body.end }) as WhileStatement)!;
  });

  doStatement = this.rule('doStatement', (): DoWhileStatement | DoUntilStatement => {
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const body = this.SUBRULE(this.block);
    this.nl();
    const which = this.CONSUME2(this.t.Word);
    this.nl();
    const condition = this.SUBRULE(this.condition);
    return this.ACTION(() => {
      const until = which.image.toLowerCase() === 'until';
      if (!until && which.image.toLowerCase() !== 'while') this.tokenError("Missing 'while' or 'until' in do loop.", which);
      return { type: until ? 'DoUntil' : 'DoWhile', body, condition, start: this.s(kw), end: this.e(this.LA(0)) } as DoWhileStatement | DoUntilStatement;
    })!;
  });

  forStatement = this.rule('forStatement', (): ForStatement => {
    const kw = this.CONSUME(this.t.Word);
    let initializer: Statement | undefined;
    let condition: Statement | undefined;
    let iterator: Statement | undefined;
    const notAt = (...types: unknown[]) => () => !types.includes(this.LA(1).tokenType);
    this.nl();
    this.CONSUME(this.t.LParen);
    this.nl();
    this.OPTION({ GATE: notAt(this.t.Semi, this.t.RParen), DEF: () => { initializer = this.SUBRULE(this.pipelineChain); } });
    this.nl();
    this.OPTION2(() => {
      this.CONSUME(this.t.Semi);
      this.nl();
      this.OPTION3({ GATE: notAt(this.t.Semi, this.t.RParen), DEF: () => { condition = this.SUBRULE2(this.pipelineChain); } });
      this.nl();
      this.OPTION4(() => {
        this.CONSUME2(this.t.Semi);
        this.nl();
        this.OPTION5({ GATE: notAt(this.t.RParen), DEF: () => { iterator = this.SUBRULE3(this.pipelineChain); } });
        this.nl();
      });
    });
    this.CONSUME(this.t.RParen);
    this.nl();
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const node: ForStatement = { type: 'For', body, start: this.s(kw), end: body.end };
      if (initializer) node.initializer = initializer;
      if (condition) node.condition = condition;
      if (iterator) node.iterator = iterator;
      return node;
    })!;
  });

  foreachStatement = this.rule('foreachStatement', (): ForeachStatement => {
    const kw = this.CONSUME(this.t.Word);
    let parallel = false;
    this.OPTION({ GATE: () => this.LA(1).tokenType === this.t.DashIdent, DEF: () => { parallel = this.CONSUME(this.t.DashIdent).image.toLowerCase().endsWith('parallel'); } });
    this.nl();
    this.CONSUME(this.t.LParen);
    this.nl();
    const v = this.CONSUME(this.t.Variable);
    this.nl();
    const inKw = this.CONSUME2(this.t.Word);
    this.nl();
    const iterable = this.SUBRULE(this.pipelineChain);
    this.nl();
    this.CONSUME(this.t.RParen);
    this.nl();
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      // An inserted (recovered) token was already reported by Chevrotain.
      if (inKw.image.toLowerCase() !== 'in' && !inKw.isInsertedInRecovery) this.tokenError("Missing 'in' after variable in foreach loop.", inKw);
      const variable: Variable = variableNode(v.image, this.s(v), this.e(v));
      return { type: 'Foreach', variable, iterable, body, parallel, start: this.s(kw), end: body.end } as ForeachStatement;
    })!;
  });

  switchStatement = this.rule('switchStatement', (): SwitchStatement => {
    const kw = this.CONSUME(this.t.Word);
    const options: string[] = [];
    let file: Expression | undefined;
    let subject: Statement | undefined;
    this.MANY(() => {
      const opt = this.CONSUME(this.t.DashIdent);
      const name = opt.image.slice(1).toLowerCase();
      options.push(name);
      this.OPTION({ GATE: () => name === 'file', DEF: () => { file = this.SUBRULE(this.commandArgument, { ARGS: [false] }); } });
    });
    this.nl();
    this.OPTION2({ GATE: () => file === undefined, DEF: () => { subject = this.SUBRULE(this.condition); } });
    this.nl();
    const open = this.CONSUME(this.t.LBrace);
    const clauses: SwitchClause[] = [];
    this.MANY2({
      GATE: () => this.LA(1).tokenType !== this.t.RBrace,
      DEF: () => {
        this.OR([
          { ALT: () => { this.CONSUME(this.t.Semi); } },
          { ALT: () => { this.CONSUME(this.t.NewLine); } },
          {
            ALT: () => {
              const condition = this.SUBRULE2(this.commandArgument, { ARGS: [false] });
              this.nl();
              const body = this.SUBRULE(this.block);
              this.ACTION(() => clauses.push({ type: 'SwitchClause', condition, body, start: condition.start, end: body.end }));
            },
          },
        ]);
      },
    });
    const end = this.closeWith(this.t.RBrace, open, '}');
    return this.ACTION(() => {
      const node: SwitchStatement = { type: 'Switch', options, clauses: [], start: this.s(kw), end };
      for (const c of clauses) {
        if (c.condition.type === 'BareWord' && staticString(c.condition)?.toLowerCase() === 'default') node.defaultBody = c.body;
        else node.clauses.push(c);
      }
      if (subject) node.subject = subject;
      if (file) node.file = file;
      return node;
    })!;
  });

  tryStatement = this.rule('tryStatement', (): TryStatement => {
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const body = this.SUBRULE(this.block);
    const catches: CatchClause[] = [];
    let finallyBody: StatementBlock | undefined;
    this.MANY({
      GATE: () => this.skipNewlinesBefore('catch'),
      DEF: () => {
        this.nl();
        const c = this.CONSUME2(this.t.Word);
        const types: TypeLiteral[] = [];
        this.nl();
        this.OPTION(() => {
          types.push(asType(this.SUBRULE(this.typeSpec)));
          this.MANY2(() => {
            this.CONSUME(this.t.Comma);
            this.nl();
            types.push(asType(this.SUBRULE2(this.typeSpec)));
          });
        });
        this.nl();
        const cbody = this.SUBRULE2(this.block);
        this.ACTION(() => catches.push({ type: 'CatchClause', types, body: cbody, start: this.s(c), end: cbody.end }));
      },
    });
    this.OPTION2({
      GATE: () => this.skipNewlinesBefore('finally'),
      DEF: () => {
        this.nl();
        this.CONSUME3(this.t.Word);
        this.nl();
        finallyBody = this.SUBRULE3(this.block);
      },
    });
    return this.ACTION(() => {
      if (catches.length === 0 && !finallyBody) this.tokenError('The Try statement is missing its Catch or Finally block.', kw);
      const node: TryStatement = { type: 'Try', body, catches, start: this.s(kw), end: (finallyBody ?? catches[catches.length - 1] ?? body).end };
      if (finallyBody) node.finallyBody = finallyBody;
      return node;
    })!;
  });

  trapStatement = this.rule('trapStatement', (): TrapStatement => {
    const kw = this.CONSUME(this.t.Word);
    const types: TypeLiteral[] = [];
    this.nl();
    this.OPTION(() => { types.push(asType(this.SUBRULE(this.typeSpec))); });
    this.nl();
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ type: 'Trap', types, body, start: this.s(kw), end: body.end }) as TrapStatement)!;
  });

  functionDefinition = this.rule('functionDefinition', (): FunctionDefinition => {
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const nameNode = this.SUBRULE(this.commandArgument, { ARGS: [false] });
    this.nl();
    let parameters: ParameterDeclaration[] = [];
    this.OPTION(() => {
      const open = this.CONSUME(this.t.LParen);
      this.nl();
      parameters = this.SUBRULE(this.parameterList);
      this.nl();
      this.closeWith(this.t.RParen, open, ')');
    });
    this.nl();
    const body = this.SUBRULE(this.scriptBlockExpression);
    return this.ACTION(() => {
      const keyword = kw.image.toLowerCase() as FunctionDefinition['keyword'];
      const name = staticString(nameNode) ?? this.src.slice(nameNode.start - this.base, nameNode.end - this.base);
      return { type: 'FunctionDefinition', keyword, name, nameNode, parameters, body, start: this.s(kw), end: body.end } as FunctionDefinition;
    })!;
  });

  namedBlock = this.rule('namedBlock', (): NamedBlock => {
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ type: 'NamedBlock', name: kw.image.toLowerCase() as NamedBlock['name'], body, start: this.s(kw), end: body.end }) as NamedBlock)!;
  });

  override flowStatement = this.rule('flowStatement', (): FlowStatement => {
    const kw = this.CONSUME(this.t.Word);
    const word = kw.image.toLowerCase();
    let value: Statement | undefined;
    let label: Expression | undefined;
    this.OPTION({
      GATE: () => !this.atStatementEnd() && (word === 'throw' || word === 'return' || word === 'exit'),
      DEF: () => { value = this.SUBRULE(this.pipelineChain); },
    });
    this.OPTION2({
      GATE: () => !this.atStatementEnd() && (word === 'break' || word === 'continue'),
      DEF: () => { label = this.SUBRULE(this.commandArgument, { ARGS: [false] }); },
    });
    return this.ACTION(() => {
      const start = this.s(kw);
      const type = (word.charAt(0).toUpperCase() + word.slice(1)) as FlowStatement['type'];
      const node = { type, start, end: (value ?? label)?.end ?? this.e(kw) } as FlowStatement;
      if (value) (node as { value?: Statement }).value = value;
      if (label) (node as { label?: Expression }).label = label;
      return node;
    })!;
  });

  paramBlock = this.rule('paramBlock', (): ParamBlock => {
    const attributes: Array<TypeLiteral | AttributeNode> = [];
    this.MANY(() => {
      attributes.push(this.SUBRULE(this.typeSpec));
      this.nl();
    });
    const kw = this.CONSUME(this.t.Word);
    this.nl();
    const open = this.CONSUME(this.t.LParen);
    this.nl();
    const parameters = this.SUBRULE(this.parameterList);
    this.nl();
    const end = this.closeWith(this.t.RParen, open, ')');
    return this.ACTION(() => ({ type: 'ParamBlock', attributes, parameters, start: attributes[0]?.start ?? this.s(kw), end }) as ParamBlock)!;
  });

  parameterList = this.rule('parameterList', (): ParameterDeclaration[] => {
    const params: ParameterDeclaration[] = [];
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== this.t.RParen,
      DEF: () => {
        params.push(this.SUBRULE(this.parameterDeclaration));
        this.nl();
        this.MANY(() => {
          this.CONSUME(this.t.Comma);
          this.nl();
          params.push(this.SUBRULE2(this.parameterDeclaration));
          this.nl();
        });
      },
    });
    return params;
  });

  parameterDeclaration = this.rule('parameterDeclaration', (): ParameterDeclaration => {
    const attributes: Array<TypeLiteral | AttributeNode> = [];
    this.MANY(() => {
      attributes.push(this.SUBRULE(this.typeSpec));
      this.nl();
    });
    const v = this.CONSUME(this.t.Variable);
    let defaultValue: Expression | undefined;
    this.OPTION(() => {
      this.CONSUME(this.t.Equals);
      this.nl();
      defaultValue = this.SUBRULE(this.expression, { ARGS: [false] });
    });
    return this.ACTION(() => {
      const variable = variableNode(v.image, this.s(v), this.e(v));
      const node: ParameterDeclaration = {
        type: 'ParameterDeclaration', attributes, variable, start: attributes[0]?.start ?? variable.start, end: defaultValue?.end ?? variable.end,
      };
      if (defaultValue) node.defaultValue = defaultValue;
      return node;
    })!;
  });
}
