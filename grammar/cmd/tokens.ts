// Token vocabulary of the cmd.exe grammar.
//
// None of these tokens has a lexer pattern: cmd.exe tokenisation depends on
// the command being parsed (see lexer.ts), so a hand-written scanner creates
// the token instances and the Chevrotain parser only consumes them.
import { createToken, Lexer } from 'chevrotain';
import type { TokenType } from 'chevrotain';

function token(name: string, label: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, label, pattern: Lexer.NA, categories });
}

// Tokens that can never start a command. The statement list swallows them one
// at a time as errors, so one stray operator cannot derail the rest of a line.
export const Stray = token('Stray', 'unexpected token');
// `&`, `&&`, `||`, `|` share a category so the chain rule consumes any of them
// in one loop and sorts out precedence itself, keeping the rule stack shallow.
export const ChainOperator = token('ChainOperator', 'operator', [Stray]);

export const Amp = token('Amp', "'&'", [ChainOperator, Stray]);
export const AndAnd = token('AndAnd', "'&&'", [ChainOperator, Stray]);
export const OrOr = token('OrOr', "'||'", [ChainOperator, Stray]);
export const Pipe = token('Pipe', "'|'", [ChainOperator, Stray]);

export const Newline = token('Newline', 'end of line');
export const LParen = token('LParen', "'('");
export const RParen = token('RParen', "')'");

// A whitespace-delimited argument: quotes, carets and %variables% included.
export const Word = token('Word', 'word');
// `>`, `>>`, `<`, `2>`; the target follows as a Word.
export const Redirect = token('Redirect', 'redirection');
// `2>&1`, `>&2`, `<&3`: the handle is part of the token.
export const RedirectDup = token('RedirectDup', 'handle redirection');

export const KwRem = token('KwRem', "'rem'");
// Everything after `rem` up to the end of the line.
export const RemText = token('RemText', 'comment text', [Stray]);
// `:label` (or a `::` comment) up to the end of the line.
export const Label = token('Label', 'label');

// Categories let one CONSUME stand for a set of alternatives, which keeps the
// number of lookahead decisions (and so the parser's construction time) low.
export const IfFlag = token('IfFlag', "'/i' or 'not'", [Stray]);
export const UnaryCondition = token('UnaryCondition', "'exist', 'defined' or 'errorlevel'", [Stray]);
export const Comparison = token('Comparison', 'comparison operator', [Stray]);
export const ForHeaderItem = token('ForHeaderItem', 'for switch', [Stray]);

export const KwIf = token('KwIf', "'if'");
export const IfSwitch = token('IfSwitch', "'/i'", [IfFlag, Stray]);
export const KwNot = token('KwNot', "'not'", [IfFlag, Stray]);
export const KwExist = token('KwExist', "'exist'", [UnaryCondition, Stray]);
export const KwDefined = token('KwDefined', "'defined'", [UnaryCondition, Stray]);
export const KwErrorlevel = token('KwErrorlevel', "'errorlevel'", [UnaryCondition, Stray]);
export const KwCmdExtVersion = token('KwCmdExtVersion', "'cmdextversion'", [UnaryCondition, Stray]);
export const EqEq = token('EqEq', "'=='", [Comparison, Stray]);
// EQU NEQ LSS LEQ GTR GEQ
export const CompareOp = token('CompareOp', 'comparison operator', [Comparison, Stray]);
export const KwElse = token('KwElse', "'else'", [Stray]);

export const KwFor = token('KwFor', "'for'");
export const ForOption = token('ForOption', 'for switch', [ForHeaderItem, Stray]);
// A word in the for header that is not a switch: the /r root or /f options.
export const ForParam = token('ForParam', 'for switch value', [ForHeaderItem, Stray]);
export const ForVariable = token('ForVariable', 'for variable', [Stray]);
export const KwIn = token('KwIn', "'in'", [Stray]);
export const KwDo = token('KwDo', "'do'", [Stray]);

// Emitted instead of a construct nested deeper than the parser allows; the
// token spans the whole skipped region.
export const TooDeep = token('TooDeep', 'nested block');

export const allTokens: TokenType[] = [
  Stray,
  ChainOperator,
  Amp,
  AndAnd,
  OrOr,
  Pipe,
  Newline,
  LParen,
  RParen,
  Word,
  Redirect,
  RedirectDup,
  KwRem,
  RemText,
  Label,
  IfFlag,
  UnaryCondition,
  Comparison,
  ForHeaderItem,
  KwIf,
  IfSwitch,
  KwNot,
  KwExist,
  KwDefined,
  KwErrorlevel,
  KwCmdExtVersion,
  EqEq,
  CompareOp,
  KwElse,
  KwFor,
  ForOption,
  ForParam,
  ForVariable,
  KwIn,
  KwDo,
  TooDeep,
];
