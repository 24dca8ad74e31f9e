// Token vocabulary. PowerShell's real tokenizer is mode-dependent (the same
// characters form one command-mode word or several expression tokens). A
// regex lexer cannot know the mode, so we lex fine-grained tokens that are
// valid in both modes and let the parser glue *adjacent* tokens back into
// command-mode words (see productions/commands.ts). Whitespace is skipped, so
// adjacency is simply `prev.endOffset + 1 === next.startOffset`.
//
// Everything is created lazily: importing this module builds nothing.

import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import {
  atTokenStart, isBlank, scanBlockComment, scanDoubleQuoted, scanHereString, scanSingleQuoted, scanVariable,
  isVarNameChar, isDoubleQuote, isSingleQuote,
} from './scanners.ts';

function matched(text: string, start: number, end: number): CustomPatternMatcherReturn | null {
  return end > start ? ([text.slice(start, end)] as unknown as CustomPatternMatcherReturn) : null;
}

// Character sets as [from, to] code ranges, shared by the Chevrotain token
// patterns and the hand-written token scanner (token-scanner.ts).
// Non-ASCII characters that may appear in a word: everything except the
// Unicode blanks, dashes (\u2013-\u2015) and smart quotes (\u2018-\u201E) that
// PowerShell gives a meaning of their own.
export const WORD_RANGES: readonly (readonly [number, number])[] = [
  [0x41, 0x5a], [0x61, 0x7a], [0x30, 0x39], [0x5f, 0x5f], [0x5c, 0x5c], [0x7e, 0x7e], [0x5e, 0x5e],
  [0x80, 0x84], [0x86, 0x9f], [0xa1, 0x167f], [0x1681, 0x1fff], [0x200b, 0x2012], [0x2016, 0x2017],
  [0x201f, 0x2027], [0x202a, 0x202e], [0x2030, 0x205e], [0x2060, 0x2fff], [0x3001, 0xfefe], [0xff00, 0xffff],
];
/** Blanks skipped between tokens (newlines are tokens of their own). */
export const WHITESPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x20], [0x09, 0x09], [0x0c, 0x0c], [0x0b, 0x0b], [0xa0, 0xa0], [0x85, 0x85], [0x1680, 0x1680],
  [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
/** '-' and the en dash, em dash and horizontal bar PowerShell accepts in its place. */
export const DASH_RANGES: readonly (readonly [number, number])[] = [[0x2d, 0x2d], [0x2013, 0x2015]];
/** Characters of a `-Name` after the dash (the first may not be a digit). */
export const DASH_IDENT_FIRST_RANGES: readonly (readonly [number, number])[] = [[0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f], [0x3f, 0x3f], [0xc0, 0x24f]];
export const DASH_IDENT_RANGES: readonly (readonly [number, number])[] = [...DASH_IDENT_FIRST_RANGES, [0x30, 0x39]];
export const NUMBER_PATTERN =
  /(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)(?:[lLdDnNsSyY]|[uU][lLsSyY]?)?(?:[kKmMgGtTpP][bB])?/;

function charClass(ranges: readonly (readonly [number, number])[]): string {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  return `[${ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]`;
}

export interface PsTokens {
  readonly all: TokenType[];
  // categories
  readonly ArgToken: TokenType;
  readonly OperatorToken: TokenType;
  readonly PrefixOp: TokenType;
  readonly AssignOp: TokenType;
  readonly StringToken: TokenType;
  // layout
  readonly NewLine: TokenType;
  readonly LineComment: TokenType;
  readonly BlockComment: TokenType;
  // literals and names
  readonly StopParsing: TokenType;
  readonly HereStringExpandable: TokenType;
  readonly HereStringLiteral: TokenType;
  readonly StringExpandable: TokenType;
  readonly StringLiteral: TokenType;
  readonly DollarParen: TokenType;
  readonly Variable: TokenType;
  readonly AtParen: TokenType;
  readonly AtBrace: TokenType;
  readonly Splat: TokenType;
  readonly Redirection: TokenType;
  readonly Less: TokenType;
  readonly AndAnd: TokenType;
  readonly Amp: TokenType;
  readonly OrOr: TokenType;
  readonly Pipe: TokenType;
  readonly Semi: TokenType;
  readonly Comma: TokenType;
  readonly LParen: TokenType;
  readonly RParen: TokenType;
  readonly LBrace: TokenType;
  readonly RBrace: TokenType;
  readonly LBracket: TokenType;
  readonly RBracket: TokenType;
  readonly ColonColon: TokenType;
  readonly Colon: TokenType;
  readonly Number: TokenType;
  readonly DotDot: TokenType;
  readonly Dot: TokenType;
  readonly PlusPlus: TokenType;
  readonly PlusEquals: TokenType;
  readonly Plus: TokenType;
  readonly MinusMinus: TokenType;
  readonly MinusEquals: TokenType;
  readonly DashIdent: TokenType;
  readonly Minus: TokenType;
  readonly StarEquals: TokenType;
  readonly Star: TokenType;
  readonly SlashEquals: TokenType;
  readonly Slash: TokenType;
  readonly PercentEquals: TokenType;
  readonly Percent: TokenType;
  readonly QuestionQuestionEquals: TokenType;
  readonly QuestionQuestion: TokenType;
  readonly Question: TokenType;
  readonly Equals: TokenType;
  readonly Bang: TokenType;
  readonly EscapedChar: TokenType;
  readonly Word: TokenType;
  readonly Other: TokenType;
}

let cached: PsTokens | undefined;

export function psTokens(): PsTokens {
  return (cached ??= defineTokens());
}

function defineTokens(): PsTokens {
  const ArgToken = createToken({ name: 'ArgToken', pattern: Lexer.NA });
  const OperatorToken = createToken({ name: 'OperatorToken', pattern: Lexer.NA });
  const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA });
  const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
  const StringToken = createToken({ name: 'StringToken', pattern: Lexer.NA });

  // `arg`: may be part of a command-mode word; `extra`: further categories.
  const tok = (name: string, pattern: RegExp | string, arg: boolean, extra: TokenType[] = [], more: object = {}) =>
    createToken({ name, pattern, categories: arg ? [ArgToken, ...extra] : extra, ...more });
  // Custom matchers must check their own first character: the hint is only an
  // optimisation, and validation calls them without an offset.
  const custom = (name: string, hint: string[], fn: (text: string, offset: number) => CustomPatternMatcherReturn | null,
    categories: TokenType[], more: object = {}) =>
    createToken({
      name,
      pattern: { exec: (text: string, offset?: number) => (hint.includes(text[offset ?? 0] ?? '') ? fn(text, offset ?? 0) : null) },
      start_chars_hint: hint, line_breaks: true, categories, ...more,
    });

  const NewLine = tok('NewLine', /\r\n|\r|\n/, false, [], { line_breaks: true });
  const LineContinuation = createToken({ name: 'LineContinuation', pattern: /`(?:\r\n|\r|\n)/, group: Lexer.SKIPPED, line_breaks: true });
  // A backtick followed by a blank at the start of a token is skipped like
  // whitespace (inside a word it escapes the blank instead).
  const BacktickBlank = custom('BacktickBlank', ['`'], (text, offset) =>
    isBlank(text[offset + 1]) && atTokenStart(text, offset) ? matched(text, offset, offset + 2) : null, [],
  { group: Lexer.SKIPPED, line_breaks: false });
  const Whitespace = createToken({ name: 'Whitespace', pattern: new RegExp(`${charClass(WHITESPACE_RANGES)}+`), group: Lexer.SKIPPED });
  const BlockComment = custom('BlockComment', ['<'], (text, offset) =>
    text[offset + 1] === '#' && atTokenStart(text, offset) ? matched(text, offset, scanBlockComment(text, offset).end) : null,
  [], { group: 'comments' });
  const LineComment = custom('LineComment', ['#'], (text, offset) => {
    if (!atTokenStart(text, offset)) return null;
    let j = offset + 1;
    while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
    return matched(text, offset, j);
  }, [], { group: 'comments', line_breaks: false });

  const dash = charClass(DASH_RANGES);
  const StopParsing = tok('StopParsing', new RegExp(`${dash}{2}%[^\\r\\n|]*`), false);
  const hereString = (name: string, single: boolean) => custom(name, ['@'], (text, offset) => {
    const q = text[offset + 1];
    if (!(single ? isSingleQuote(q) : isDoubleQuote(q))) return null;
    const scan = scanHereString(text, offset);
    return scan ? matched(text, offset, scan.end) : null;
  }, [ArgToken, StringToken]);
  const HereStringExpandable = hereString('HereStringExpandable', false);
  const HereStringLiteral = hereString('HereStringLiteral', true);
  const StringExpandable = custom('StringExpandable', ['"', '\u201C', '\u201D', '\u201E'],
    (text, offset) => matched(text, offset, scanDoubleQuoted(text, offset).end), [ArgToken, StringToken]);
  const StringLiteral = custom('StringLiteral', ["'", '\u2018', '\u2019', '\u201A', '\u201B'],
    (text, offset) => matched(text, offset, scanSingleQuoted(text, offset).end), [ArgToken, StringToken]);

  // '$(' is not an ArgToken: inside a word it starts a nested subexpression
  // that the parser descends into.
  const DollarParen = tok('DollarParen', /\$\(/, false);
  const Variable = custom('Variable', ['$'], (text, offset) => {
    const end = scanVariable(text, offset);
    return end < 0 ? null : matched(text, offset, end);
  }, [ArgToken], { line_breaks: false });
  const AtParen = tok('AtParen', /@\(/, false);
  const AtBrace = tok('AtBrace', /@\{/, false);
  const Splat = custom('Splat', ['@'], (text, offset) => {
    let j = offset + 1;
    while (isVarNameChar(text[j])) j++;
    return j > offset + 1 ? matched(text, offset, j) : null;
  }, [ArgToken], { line_breaks: false });
  const Redirection = tok('Redirection', /[*1-6]>&[12]|[*1-6]?>>?/, true);
  const Less = tok('Less', /</, true);
  const AndAnd = tok('AndAnd', /&&/, false);
  const Amp = tok('Amp', /&/, false);
  const OrOr = tok('OrOr', /\|\|/, false);
  const Pipe = tok('Pipe', /\|/, false);
  const Semi = tok('Semi', /;/, false);
  const Comma = tok('Comma', /,/, false, [OperatorToken, PrefixOp]);
  const LParen = tok('LParen', /\(/, false);
  const RParen = tok('RParen', /\)/, false);
  const LBrace = tok('LBrace', /\{/, false);
  const RBrace = tok('RBrace', /\}/, false);
  const LBracket = tok('LBracket', /\[/, true);
  const RBracket = tok('RBracket', /\]/, true);
  const ColonColon = tok('ColonColon', /::/, true);
  const Colon = tok('Colon', /:/, true);
  const Number = tok('Number', NUMBER_PATTERN, true);
  const DotDot = tok('DotDot', /\.\./, true, [OperatorToken]);
  const Dot = tok('Dot', /\./, true);
  const PlusPlus = tok('PlusPlus', /\+\+/, true, [PrefixOp]);
  const PlusEquals = tok('PlusEquals', /\+=/, true, [AssignOp]);
  const Plus = tok('Plus', /\+/, true, [OperatorToken, PrefixOp]);
  const MinusMinus = tok('MinusMinus', new RegExp(`${dash}{2}`), true, [PrefixOp]);
  const MinusEquals = tok('MinusEquals', new RegExp(`${dash}=`), true, [AssignOp]);
  const DashIdent = tok('DashIdent', new RegExp(`${dash}${charClass(DASH_IDENT_FIRST_RANGES)}${charClass(DASH_IDENT_RANGES)}*`), true, [OperatorToken, PrefixOp]);
  const Minus = tok('Minus', new RegExp(dash), true, [OperatorToken, PrefixOp]);
  const StarEquals = tok('StarEquals', /\*=/, true, [AssignOp]);
  const Star = tok('Star', /\*/, true, [OperatorToken]);
  const SlashEquals = tok('SlashEquals', /\/=/, true, [AssignOp]);
  const Slash = tok('Slash', /\//, true, [OperatorToken]);
  const PercentEquals = tok('PercentEquals', /%=/, true, [AssignOp]);
  const Percent = tok('Percent', /%/, true, [OperatorToken]);
  const QuestionQuestionEquals = tok('QuestionQuestionEquals', /\?\?=/, true, [AssignOp]);
  const QuestionQuestion = tok('QuestionQuestion', /\?\?/, true, [OperatorToken]);
  const Question = tok('Question', /\?/, true);
  const Equals = tok('Equals', /=/, true, [AssignOp]);
  const Bang = tok('Bang', /!/, true, [PrefixOp]);
  const EscapedChar = tok('EscapedChar', /`[\u0000-\uffff]?/, true, [], { line_breaks: true });
  const Word = tok('Word', new RegExp(`${charClass(WORD_RANGES)}+`), true);
  // An explicit range rather than [\s\S]: Chevrotain's first-character
  // optimisation cannot analyse complemented classes and then never tries it.
  const Other = tok('Other', /[\u0000-\uffff]/, true, [], { line_breaks: true });

  const all = [
    NewLine, LineContinuation, BacktickBlank, Whitespace, BlockComment, LineComment, StopParsing,
    HereStringExpandable, HereStringLiteral, StringExpandable, StringLiteral, DollarParen, Variable,
    AtParen, AtBrace, Splat, Redirection, Less, AndAnd, Amp, OrOr, Pipe, Semi, Comma,
    LParen, RParen, LBrace, RBrace, LBracket, RBracket, ColonColon, Colon, Number, DotDot, Dot,
    PlusPlus, PlusEquals, Plus, MinusMinus, MinusEquals, DashIdent, Minus, StarEquals, Star,
    SlashEquals, Slash, PercentEquals, Percent, QuestionQuestionEquals, QuestionQuestion, Question,
    Equals, Bang, EscapedChar, Word, Other,
    ArgToken, OperatorToken, PrefixOp, AssignOp, StringToken,
  ];

  return {
    all, ArgToken, OperatorToken, PrefixOp, AssignOp, StringToken,
    NewLine, LineComment, BlockComment, StopParsing, HereStringExpandable, HereStringLiteral,
    StringExpandable, StringLiteral, DollarParen, Variable, AtParen, AtBrace, Splat, Redirection, Less,
    AndAnd, Amp, OrOr, Pipe, Semi, Comma, LParen, RParen, LBrace, RBrace, LBracket, RBracket,
    ColonColon, Colon, Number, DotDot, Dot, PlusPlus, PlusEquals, Plus, MinusMinus, MinusEquals,
    DashIdent, Minus, StarEquals, Star, SlashEquals, Slash, PercentEquals, Percent,
    QuestionQuestionEquals, QuestionQuestion, Question, Equals, Bang, EscapedChar, Word, Other,
  };
}
