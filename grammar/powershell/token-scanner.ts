// The PowerShell token scanner: the same tokens as the Chevrotain token
// definitions in tokens.ts, chosen the same way (at each offset the first
// definition in `psTokens().all` order that matches), written out as a switch
// on the first character. Constructing Chevrotain's lexer analyses every
// pattern (about 9 ms, paid by every lint of a file with PowerShell RUNs) and
// its generic loop is a quarter of the analysis of a large script.
// token-scanner.test.ts checks that both agree.

import type { IToken, TokenType } from 'chevrotain';
import {
  atTokenStart, isBlank, isDoubleQuote, isSingleQuote, isVarNameChar, scanBlockComment, scanDoubleQuoted, scanHereString,
  scanSingleQuoted, scanVariable,
} from './scanners.ts';
import {
  DASH_IDENT_FIRST_RANGES, DASH_IDENT_RANGES, DASH_RANGES, NUMBER_PATTERN, psTokens, WHITESPACE_RANGES, WORD_RANGES,
  type PsTokens,
} from './tokens.ts';

export interface ScannedTokens {
  tokens: IToken[];
  comments: IToken[];
}

type Ranges = readonly (readonly [number, number])[];

/** A membership test for a set of code ranges, with a table for ASCII. */
function charSet(ranges: Ranges): (code: number) => boolean {
  const ascii = new Uint8Array(128);
  const wide = ranges.filter(([, to]) => to >= 128);
  for (const [from, to] of ranges) for (let c = from; c <= Math.min(to, 127); c++) ascii[c] = 1;
  return (code) => {
    if (code < 128) return ascii[code] === 1;
    for (const [from, to] of wide) if (code >= from && code <= to) return true;
    return false;
  };
}

const isWordCode = charSet(WORD_RANGES);
const isWhitespaceCode = charSet(WHITESPACE_RANGES);
const isDashCode = charSet(DASH_RANGES);
const isDashIdentFirst = charSet(DASH_IDENT_FIRST_RANGES);
const isDashIdentCode = charSet(DASH_IDENT_RANGES);
const NUMBER = new RegExp(NUMBER_PATTERN.source, 'y');

const LF = 10;
const CR = 13;

/** Length of the number at `i` (0 when none), as NUMBER_PATTERN matches it. */
function numberLength(text: string, i: number): number {
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex - i : 0;
}

/** Length of the redirection operator at `i` (`2>&1`, `*>`, `>>`), or 0. */
function redirectionLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const n = text.charCodeAt(i + 1);
  const numbered = c === 42 /* * */ || (c >= 49 && c <= 54); /* 1-6 */
  if (numbered && n === 62 /* > */) {
    const m = text.charCodeAt(i + 2);
    if (m === 38 /* & */ && (text.charCodeAt(i + 3) === 49 || text.charCodeAt(i + 3) === 50)) return 4;
    return m === 62 ? 3 : 2;
  }
  if (c === 62) return n === 62 ? 2 : 1;
  return 0;
}

/** Length of what starts with a dash at `i`: `--%` stop-parsing, `--`, `-=`, `-Name`, `-`. */
function dashToken(t: PsTokens, text: string, i: number): TokenType {
  const n = text.charCodeAt(i + 1);
  if (isDashCode(n)) {
    if (text.charCodeAt(i + 2) === 37 /* % */) {
      let j = i + 3;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === LF || d === CR || d === 124 /* | */) break;
        j++;
      }
      return found(t.StopParsing, j - i);
    }
    return found(t.MinusMinus, 2);
  }
  if (n === 61 /* = */) return found(t.MinusEquals, 2);
  if (isDashIdentFirst(n)) {
    let j = i + 2;
    while (j < text.length && isDashIdentCode(text.charCodeAt(j))) j++;
    return found(t.DashIdent, j - i);
  }
  return found(t.Minus, 1);
}

function found<T extends TokenType | undefined | null>(type: T, n: number): T {
  length = n;
  return type;
}

/** Length of the token tokenAt() found last (a variable, not a tuple: there is one per token). */
let length = 0;

/**
 * The type of the token at `i`, its length left in `length`; `undefined`
 * means skipped (blanks and line continuations) and `null` a comment.
 */
function tokenAt(t: PsTokens, text: string, i: number): TokenType | undefined | null {
  const c = text.charCodeAt(i);
  const n = text.charCodeAt(i + 1);
  switch (c) {
    case LF:
      return found(t.NewLine, 1);
    case CR:
      return found(t.NewLine, n === LF ? 2 : 1);
    case 96: // `
      if (n === LF) return found(undefined, 2);
      if (n === CR) return found(undefined, text.charCodeAt(i + 2) === LF ? 3 : 2);
      if (isBlank(text[i + 1]) && atTokenStart(text, i)) return found(undefined, 2);
      return found(t.EscapedChar, i + 1 < text.length ? 2 : 1);
    case 60: // <
      if (n === 35 /* # */ && atTokenStart(text, i)) return found(null, scanBlockComment(text, i).end - i);
      return found(t.Less, 1);
    case 35: { // #
      if (!atTokenStart(text, i)) return found(t.Other, 1);
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
      return found(null, j - i);
    }
    case 64: { // @
      const q = text[i + 1];
      if (isDoubleQuote(q) || isSingleQuote(q)) {
        const here = scanHereString(text, i);
        if (here) return found(isDoubleQuote(q) ? t.HereStringExpandable : t.HereStringLiteral, here.end - i);
      }
      if (n === 40 /* ( */) return found(t.AtParen, 2);
      if (n === 123 /* { */) return found(t.AtBrace, 2);
      let j = i + 1;
      while (isVarNameChar(text[j])) j++;
      return j > i + 1 ? found(t.Splat, j - i) : found(t.Other, 1);
    }
    case 36: { // $
      if (n === 40) return found(t.DollarParen, 2);
      const end = scanVariable(text, i);
      return end < 0 ? found(t.Other, 1) : found(t.Variable, end - i);
    }
    case 42: { // *
      const r = redirectionLength(text, i);
      if (r > 0) return found(t.Redirection, r);
      return n === 61 ? found(t.StarEquals, 2) : found(t.Star, 1);
    }
    case 62: // >
      return found(t.Redirection, redirectionLength(text, i));
    case 38: // &
      return n === 38 ? found(t.AndAnd, 2) : found(t.Amp, 1);
    case 124: // |
      return n === 124 ? found(t.OrOr, 2) : found(t.Pipe, 1);
    case 59: return found(t.Semi, 1);
    case 44: return found(t.Comma, 1);
    case 40: return found(t.LParen, 1);
    case 41: return found(t.RParen, 1);
    case 123: return found(t.LBrace, 1);
    case 125: return found(t.RBrace, 1);
    case 91: return found(t.LBracket, 1);
    case 93: return found(t.RBracket, 1);
    case 58: // :
      return n === 58 ? found(t.ColonColon, 2) : found(t.Colon, 1);
    case 46: { // .
      const num = numberLength(text, i);
      if (num > 0) return found(t.Number, num);
      return n === 46 ? found(t.DotDot, 2) : found(t.Dot, 1);
    }
    case 43: // +
      return n === 43 ? found(t.PlusPlus, 2) : n === 61 ? found(t.PlusEquals, 2) : found(t.Plus, 1);
    case 47: // /
      return n === 61 ? found(t.SlashEquals, 2) : found(t.Slash, 1);
    case 37: // %
      return n === 61 ? found(t.PercentEquals, 2) : found(t.Percent, 1);
    case 63: // ?
      if (n === 63) return text.charCodeAt(i + 2) === 61 ? found(t.QuestionQuestionEquals, 3) : found(t.QuestionQuestion, 2);
      return found(t.Question, 1);
    case 61: return found(t.Equals, 1);
    case 33: return found(t.Bang, 1);
    default:
      break;
  }
  if (c >= 48 && c <= 57) {
    const r = c >= 49 && c <= 54 ? redirectionLength(text, i) : 0;
    return r > 0 ? found(t.Redirection, r) : found(t.Number, numberLength(text, i));
  }
  if (isWhitespaceCode(c)) {
    let j = i + 1;
    while (j < text.length && isWhitespaceCode(text.charCodeAt(j))) j++;
    return found(undefined, j - i);
  }
  if (isDashCode(c)) return dashToken(t, text, i);
  const ch = text[i];
  if (isDoubleQuote(ch)) return found(t.StringExpandable, scanDoubleQuoted(text, i).end - i);
  if (isSingleQuote(ch)) return found(t.StringLiteral, scanSingleQuoted(text, i).end - i);
  if (isWordCode(c)) {
    let j = i + 1;
    while (j < text.length && isWordCode(text.charCodeAt(j))) j++;
    return found(t.Word, j - i);
  }
  return found(t.Other, 1);
}

/** Tokens in the shape of Chevrotain's offset-only tokens, comments apart. */
export function scanTokens(text: string): ScannedTokens {
  const t = psTokens();
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  let i = 0;
  while (i < text.length) {
    const type = tokenAt(t, text, i);
    if (type !== undefined) {
      const tokenType = type ?? (text.charCodeAt(i) === 35 ? t.LineComment : t.BlockComment);
      const token = { image: text.slice(i, i + length), startOffset: i, tokenTypeIdx: tokenType.tokenTypeIdx as number, tokenType } as IToken;
      (type === null ? comments : tokens).push(token);
    }
    i += length;
  }
  return { tokens, comments };
}
