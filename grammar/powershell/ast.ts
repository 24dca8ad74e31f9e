// AST for PowerShell as it appears in Dockerfile RUN instructions.
// Every node has a `type` discriminator and `start`/`end`: 0-based UTF-16
// offsets into the text given to parsePowerShell, `end` exclusive.

import type {
  AttributeNode, Expression, HashtableEntry, NamedAttributeArgument, StringText, TypeLiteral, Variable,
} from './ast-expressions.ts';

export type * from './ast-expressions.ts';

export interface NodeBase {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- blocks

export interface PsScript extends NodeBase {
  type: 'Script';
  paramBlock?: ParamBlock;
  statements: Statement[];
}

/** `{ ... }` used as a value (script block literal, function body, `& { }`). */
export interface ScriptBlock extends NodeBase {
  type: 'ScriptBlock';
  paramBlock?: ParamBlock;
  statements: Statement[];
}

/** `{ ... }` body of a control-flow statement. */
export interface StatementBlock extends NodeBase {
  type: 'StatementBlock';
  statements: Statement[];
}

export interface ParamBlock extends NodeBase {
  type: 'ParamBlock';
  /** `[CmdletBinding()]` and friends written before `param`. */
  attributes: Array<TypeLiteral | AttributeNode>;
  parameters: ParameterDeclaration[];
}

export interface ParameterDeclaration extends NodeBase {
  type: 'ParameterDeclaration';
  /** Type constraints (`[string]`) and attributes (`[Parameter(Mandatory)]`), in source order. */
  attributes: Array<TypeLiteral | AttributeNode>;
  variable: Variable;
  defaultValue?: Expression;
}

// ------------------------------------------------------------ statements

export type Statement =
  | Pipeline
  | PipelineChain
  | Assignment
  | IfStatement
  | WhileStatement
  | DoWhileStatement
  | DoUntilStatement
  | ForStatement
  | ForeachStatement
  | SwitchStatement
  | TryStatement
  | TrapStatement
  | FunctionDefinition
  | NamedBlock
  | FlowStatement
  | ErrorStatement;

/** `a | b | c`. A lone command or expression is a one-element pipeline. */
export interface Pipeline extends NodeBase {
  type: 'Pipeline';
  elements: PipelineElement[];
  /** Trailing `&` (pwsh 7 background job). */
  background: boolean;
}

export type PipelineElement = Command | CommandExpression;

/** pwsh 7 `a && b || c` (left-associative). */
export interface PipelineChain extends NodeBase {
  type: 'PipelineChain';
  operator: '&&' | '||';
  left: Pipeline | Assignment | PipelineChain;
  /** pwsh 7 also accepts a flow statement here: `cmd || exit 1`. */
  right: Pipeline | Assignment | FlowStatement;
  background: boolean;
}

export type AssignmentOperator = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '??=';

export interface Assignment extends NodeBase {
  type: 'Assignment';
  operator: AssignmentOperator;
  target: Expression;
  /** The right-hand side is a statement: `$x = Get-Item a | Select -First 1`, `$x = if (...) {...}`. */
  value: Statement;
}

export interface IfStatement extends NodeBase {
  type: 'If';
  /** The `if` clause followed by the `elseif` clauses. */
  clauses: IfClause[];
  elseBody?: StatementBlock;
}

export interface IfClause extends NodeBase {
  type: 'IfClause';
  condition: Statement;
  body: StatementBlock;
}

export interface WhileStatement extends NodeBase {
  type: 'While';
  condition: Statement;
  body: StatementBlock;
}

export interface DoWhileStatement extends NodeBase {
  type: 'DoWhile';
  body: StatementBlock;
  condition: Statement;
}

export interface DoUntilStatement extends NodeBase {
  type: 'DoUntil';
  body: StatementBlock;
  condition: Statement;
}

export interface ForStatement extends NodeBase {
  type: 'For';
  initializer?: Statement;
  condition?: Statement;
  iterator?: Statement;
  body: StatementBlock;
}

export interface ForeachStatement extends NodeBase {
  type: 'Foreach';
  variable: Variable;
  iterable: Statement;
  body: StatementBlock;
  parallel: boolean;
}

export interface SwitchStatement extends NodeBase {
  type: 'Switch';
  /** Lower-cased option names without the dash: 'regex', 'wildcard', 'exact', 'casesensitive', 'file'... */
  options: string[];
  /** `switch (...)` subject; absent with `-file path`. */
  subject?: Statement;
  /** Path given to `-file`. */
  file?: Expression;
  clauses: SwitchClause[];
  defaultBody?: StatementBlock;
}

export interface SwitchClause extends NodeBase {
  type: 'SwitchClause';
  condition: Expression;
  body: StatementBlock;
}

export interface TryStatement extends NodeBase {
  type: 'Try';
  body: StatementBlock;
  catches: CatchClause[];
  finallyBody?: StatementBlock;
}

export interface CatchClause extends NodeBase {
  type: 'CatchClause';
  /** Empty for a catch-all. */
  types: TypeLiteral[];
  body: StatementBlock;
}

export interface TrapStatement extends NodeBase {
  type: 'Trap';
  types: TypeLiteral[];
  body: StatementBlock;
}

export interface FunctionDefinition extends NodeBase {
  type: 'FunctionDefinition';
  keyword: 'function' | 'filter' | 'workflow';
  name: string;
  nameNode: Expression;
  /** Parameters written in parentheses after the name (`function f($a, $b)`). */
  parameters: ParameterDeclaration[];
  body: ScriptBlock;
}

/** `begin {}`, `process {}`, `end {}`, `dynamicparam {}`, `clean {}` inside a function or script block. */
export interface NamedBlock extends NodeBase {
  type: 'NamedBlock';
  name: 'begin' | 'process' | 'end' | 'dynamicparam' | 'clean';
  body: StatementBlock;
}

export type FlowStatement = ThrowStatement | ReturnStatement | ExitStatement | BreakStatement | ContinueStatement;

export interface ThrowStatement extends NodeBase { type: 'Throw'; value?: Statement }
export interface ReturnStatement extends NodeBase { type: 'Return'; value?: Statement }
export interface ExitStatement extends NodeBase { type: 'Exit'; value?: Statement }
export interface BreakStatement extends NodeBase { type: 'Break'; label?: Expression }
export interface ContinueStatement extends NodeBase { type: 'Continue'; label?: Expression }

/** Source that could not be parsed; the error is in PsParseResult.errors. */
export interface ErrorStatement extends NodeBase {
  type: 'ErrorStatement';
  text: string;
}

// -------------------------------------------------------------- commands

export interface Command extends NodeBase {
  type: 'Command';
  /** `&` (call operator), `.` (dot-source) or none. */
  invocation: 'none' | '&' | '.';
  name: Expression;
  /** The command name when it is static text (`Invoke-WebRequest`, `C:\x\setup.exe`), else undefined. */
  nameText?: string;
  elements: CommandElement[];
}

export type CommandElement = CommandParameter | Splat | Redirection | StopParsingArgument | Expression;

export interface CommandParameter extends NodeBase {
  type: 'CommandParameter';
  /** Name without the dash, as written (`-OutFile` -> 'OutFile'). */
  name: string;
  /**
   * `-Name:value` (colon = true) or `-Name value` (colon = false). Values are
   * attached without a colon only for cmdlet-like commands and parameters
   * that are not well-known switches; see README in index.ts.
   */
  value?: Expression;
  colon: boolean;
}

/** `@params` */
export interface Splat extends NodeBase {
  type: 'Splat';
  name: string;
}

export interface Redirection extends NodeBase {
  type: 'Redirection';
  /** As written: '>', '>>', '2>', '2>&1', '*>', '<'... */
  operator: string;
  /** Source stream: '1'..'6', '*', or '0' for input redirection `<`. */
  stream: string;
  append: boolean;
  /** For merging redirections (`2>&1`): the target stream. */
  mergeTo?: string;
  /** For file redirections: the file (often `$null`). */
  target?: Expression;
}

/** Everything after `--%` up to the end of line or `|`, passed verbatim. */
export interface StopParsingArgument extends NodeBase {
  type: 'StopParsingArgument';
  text: string;
}

/** An expression at the head of a pipeline (`$x | ...`, `'text' > file`). */
export interface CommandExpression extends NodeBase {
  type: 'CommandExpression';
  expression: Expression;
  redirections: Redirection[];
}

export type PsNode =
  | PsScript
  | StatementBlock
  | ParamBlock
  | ParameterDeclaration
  | Statement
  | IfClause
  | SwitchClause
  | CatchClause
  | PipelineElement
  | CommandElement
  | Expression
  | StringText
  | HashtableEntry
  | NamedAttributeArgument;

export interface PsSyntaxError {
  message: string;
  start: number;
  end: number;
}

export interface PsParseResult {
  script: PsScript;
  errors: PsSyntaxError[];
  recovered: boolean;
}
