// Character classes and stateless scanning helpers shared by the scanner
// (lexer.ts) and the word builder.
import { matchNamedVariable } from './variables.ts';

export const TAB = 9;
export const LF = 10;
export const VT = 11;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const PERCENT = 37;
export const AMP = 38;
export const LPAREN = 40;
export const RPAREN = 41;
export const COMMA = 44;
export const COLON = 58;
export const SEMI = 59;
export const LT = 60;
export const EQ = 61;
export const GT = 62;
export const AT = 64;
export const CARET = 94;
export const PIPE = 124;

/** Whitespace other than the line feed (CR is treated as a blank). */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

export interface WordStops {
  /** `=` ends a word (inside an if condition, `a==b`). */
  stopAtEquals: boolean;
  /** `,` `;` `=` end a word (inside a for set). */
  stopAtListDelimiters: boolean;
  /** An unquoted `)` ends a word (a block or for set is open). */
  stopAtParen: boolean;
}

/**
 * End of the word starting at `start`: the first unquoted, unescaped
 * whitespace, operator, redirection or (per `stops`) delimiter. Quotes run to
 * the end of the line; `^` escapes the next character, a line break included.
 */
export function wordEnd(text: string, start: number, stops: WordStops): number {
  const n = text.length;
  let inQuote = false;
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) break;
    if (c === PERCENT) {
      // A %variable% is expanded before cmd looks for delimiters.
      const m = matchNamedVariable(text, i, PERCENT);
      if (m) {
        i = m.end;
        continue;
      }
    }
    if (inQuote) {
      if (c === QUOTE) inQuote = false;
      i++;
      continue;
    }
    if (c === QUOTE) {
      inQuote = true;
      i++;
      continue;
    }
    if (c === CARET) {
      let j = i + 1;
      if (text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF) j += 2;
      else if (text.charCodeAt(j) === LF) j += 1;
      i = Math.min(j + 1, n);
      continue;
    }
    if (isBlank(c) || c === AMP || c === PIPE || c === LT || c === GT) break;
    if (c === RPAREN && stops.stopAtParen) break;
    if (c === EQ && (stops.stopAtEquals || stops.stopAtListDelimiters)) break;
    if ((c === COMMA || c === SEMI) && stops.stopAtListDelimiters) break;
    i++;
  }
  return i;
}

/**
 * End of a construct too deep to parse, starting at `start`: a block runs to
 * its matching `)`, an if/for body to the end of the line or to the `)` of
 * the enclosing block (`insideBlock`).
 */
export function regionEnd(text: string, start: number, isBlock: boolean, insideBlock: boolean): number {
  const n = text.length;
  let depth = 0;
  let inQuote = false;
  let i = start;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      inQuote = false;
      if (!isBlock && depth === 0) break;
    } else if (inQuote) {
      if (c === QUOTE) inQuote = false;
    } else if (c === QUOTE) inQuote = true;
    else if (c === CARET) i++;
    else if (c === LPAREN) depth++;
    else if (c === RPAREN) {
      if (depth > 0) {
        depth--;
        if (isBlock && depth === 0) return i + 1;
      } else if (insideBlock) break;
    }
  }
  return Math.min(i, n);
}
