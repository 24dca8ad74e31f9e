// Expression nodes of the PowerShell AST (see ast.ts for the conventions).

import type { NodeBase, ScriptBlock, Statement } from './ast.ts';

export type Expression =
  | BareWord
  | ExpandableWord
  | StringLiteral
  | ExpandableString
  | NumberLiteral
  | Variable
  | MemberAccess
  | InvokeMember
  | IndexExpression
  | TypeLiteral
  | AttributeNode
  | CastExpression
  | UnaryExpression
  | BinaryExpression
  | ArrayLiteral
  | ArrayExpression
  | SubExpression
  | ParenExpression
  | Hashtable
  | ScriptBlock
  | ErrorExpression;

/** Command-mode word without expansions (`https://x/a.zip`, `/qn`, `C:\x`); escapes and embedded quotes resolved. */
export interface BareWord extends NodeBase {
  type: 'BareWord';
  value: string;
}

/** Command-mode word with expansions: `$env:ProgramFiles\Git`, `go$($v).zip`, `a"$b"c`. */
export interface ExpandableWord extends NodeBase {
  type: 'ExpandableWord';
  parts: StringPart[];
}

/** Single-quoted string, or double-quoted string without any expansion. */
export interface StringLiteral extends NodeBase {
  type: 'StringLiteral';
  value: string;
  quote: 'single' | 'double';
  here: boolean;
}

export interface ExpandableString extends NodeBase {
  type: 'ExpandableString';
  parts: StringPart[];
  here: boolean;
}

export type StringPart = StringText | Variable | SubExpression;

/** Literal text inside an expandable string or word; `value` has escapes resolved, offsets cover the source. */
export interface StringText extends NodeBase {
  type: 'StringText';
  value: string;
}

export interface NumberLiteral extends NodeBase {
  type: 'NumberLiteral';
  raw: string;
  /** NaN when the literal cannot be represented (e.g. suffixes JS does not know). */
  value: number;
}

export interface Variable extends NodeBase {
  type: 'Variable';
  /** Name without sigil and qualifier: `$env:PATH` -> 'PATH', `${env:ProgramFiles(x86)}` -> 'ProgramFiles(x86)'. */
  name: string;
  /** Lower-cased scope or drive qualifier: 'env', 'script', 'global', 'using'... */
  scope?: string;
  braced: boolean;
}

export interface MemberAccess extends NodeBase {
  type: 'MemberAccess';
  object: Expression;
  /** Usually a BareWord; may be a string, variable or parenthesised expression. */
  member: Expression;
  /** `::` */
  static: boolean;
}

export interface InvokeMember extends NodeBase {
  type: 'InvokeMember';
  object: Expression;
  member: Expression;
  arguments: Expression[];
  static: boolean;
}

export interface IndexExpression extends NodeBase {
  type: 'Index';
  object: Expression;
  index: Expression;
}

/** `[Net.ServicePointManager]`; `typeName` is the text between the brackets without blanks. */
export interface TypeLiteral extends NodeBase {
  type: 'TypeLiteral';
  typeName: string;
}

/** `[Parameter(Mandatory = $true)]` */
export interface AttributeNode extends NodeBase {
  type: 'Attribute';
  typeName: string;
  positional: Expression[];
  named: NamedAttributeArgument[];
}

export interface NamedAttributeArgument extends NodeBase {
  type: 'NamedAttributeArgument';
  name: string;
  value?: Expression;
}

export interface CastExpression extends NodeBase {
  type: 'Cast';
  targetType: TypeLiteral;
  operand: Expression;
}

export interface UnaryExpression extends NodeBase {
  type: 'Unary';
  /** Lower-cased: '-not', '!', '-', '+', '-bnot', '-split', '-join', ',', '++', '--'. */
  operator: string;
  operand: Expression;
  postfix: boolean;
}

export interface BinaryExpression extends NodeBase {
  type: 'Binary';
  /** Lower-cased: '-eq', '-like', '-f', '+', '..', '-and', '??'... (dash variants normalised to '-'). */
  operator: string;
  left: Expression;
  right: Expression;
}

/** `a, b, c` */
export interface ArrayLiteral extends NodeBase {
  type: 'ArrayLiteral';
  elements: Expression[];
}

/** `@( ... )` */
export interface ArrayExpression extends NodeBase {
  type: 'ArrayExpression';
  statements: Statement[];
}

/** `$( ... )`, also inside expandable strings. */
export interface SubExpression extends NodeBase {
  type: 'SubExpression';
  statements: Statement[];
}

/** `( pipeline )` */
export interface ParenExpression extends NodeBase {
  type: 'ParenExpression';
  statement?: Statement;
}

export interface Hashtable extends NodeBase {
  type: 'Hashtable';
  entries: HashtableEntry[];
}

export interface HashtableEntry extends NodeBase {
  type: 'HashtableEntry';
  key: Expression;
  value: Statement;
}

/** Placeholder for an expression that could not be parsed (e.g. nesting limit). */
export interface ErrorExpression extends NodeBase {
  type: 'ErrorExpression';
  text: string;
}

