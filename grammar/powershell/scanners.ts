// Character-level scanners shared by the lexer (to find where a token ends)
// and by the string splitter (to find the parts inside a token).
// They are iterative on purpose: nested strings and subexpressions are
// handled with an explicit stack so hostile input cannot overflow the JS stack.

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isSingleQuote(c: string | undefined): boolean {
  return c === "'" || c === '\u2018' || c === '\u2019' || c === '\u201A' || c === '\u201B';
}

export function isDoubleQuote(c: string | undefined): boolean {
  return c === '"' || c === '\u201C' || c === '\u201D' || c === '\u201E';
}

/** PowerShell accepts en dash, em dash and horizontal bar wherever '-' is allowed. */
export function isDash(c: string | undefined): boolean {
  return c === '-' || c === '\u2013' || c === '\u2014' || c === '\u2015';
}

export function isNewline(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

export function isBlank(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code === 32 || code === 9 || code === 11 || code === 12) return true;
  if (code < 128) return false;
  return /[\s\u0085\ufeff]/.test(c) && !isNewline(c);
}

/**
 * PowerShell's "ForceStartNewToken" set: characters that end a generic
 * (command-mode) token no matter what. Keyword recognition and the
 * comment rule below depend on it.
 */
export function forcesNewToken(c: string | undefined): boolean {
  if (c === undefined) return true;
  switch (c) {
    case '{': case '}': case '(': case ')': case ';': case ',': case '|': case '&':
    case '\n': case '\r':
      return true;
    default:
      return isBlank(c);
  }
}

/** Letters, digits, '_' and '?' may appear in an unbraced variable name. */
export function isVarNameChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || c === '_' || c === '?';
  }
  return LETTER_OR_DIGIT.test(c);
}

/**
 * A comment may only start where a new token starts. Inside a command-mode
 * word ('a#b', 'C#') the '#' is literal, so we look at the previous character.
 */
export function atTokenStart(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const prev = text[offset - 1];
  return forcesNewToken(prev) || prev === '=';
}

/** Returns the end offset (exclusive) of the variable starting at `i` ('$'), or -1. */
export function scanVariable(text: string, i: number): number {
  const c = text[i + 1];
  if (c === '{') {
    let j = i + 2;
    while (j < text.length) {
      const d = text[j];
      if (d === '`') { j += 2; continue; }
      if (d === '}') return j + 1;
      if (isNewline(d)) return j;
      j++;
    }
    return text.length;
  }
  if (c === '$' || c === '^') return i + 2;
  if (!isVarNameChar(c)) return -1;
  let j = i + 1;
  while (isVarNameChar(text[j])) j++;
  // One scope or drive qualifier ('$env:PATH'); '::' is static member access.
  if (text[j] === ':' && isVarNameChar(text[j + 1]) && text[j + 1] !== '?') {
    j++;
    while (isVarNameChar(text[j])) j++;
  }
  return j;
}

export interface ScanEnd { end: number; terminated: boolean }

/** `i` is the offset of the opening quote. */
export function scanSingleQuoted(text: string, i: number): ScanEnd {
  let j = i + 1;
  while (j < text.length) {
    if (isSingleQuote(text[j])) {
      if (isSingleQuote(text[j + 1])) { j += 2; continue; }
      return { end: j + 1, terminated: true };
    }
    j++;
  }
  return { end: text.length, terminated: false };
}

const DQ_FRAME = -1;

/**
 * Scans expandable text. `mode` says where we start: inside a double-quoted
 * string (just after the opening quote) or inside code (just after '$(').
 * In code mode we return after the ')' that closes the subexpression.
 * Returns the end offset (exclusive).
 */
function scanExpandable(text: string, start: number, startInCode: boolean): ScanEnd {
  const n = text.length;
  // Each entry says what to return to when the current frame closes:
  // DQ_FRAME = a double-quoted string, >= 0 = code with that paren depth.
  const stack: number[] = [];
  let inCode = startInCode;
  let depth = startInCode ? 1 : 0;
  let i = start;
  while (i < n) {
    const c = text[i]!;
    if (c === '`') { i += 2; continue; }
    if (!inCode) {
      if (isDoubleQuote(c)) {
        if (isDoubleQuote(text[i + 1])) { i += 2; continue; }
        if (stack.length === 0) return { end: i + 1, terminated: true };
        depth = stack.pop()!;
        inCode = true;
        i++;
        continue;
      }
      if (c === '$') {
        const d = text[i + 1];
        if (d === '(') { stack.push(DQ_FRAME); inCode = true; depth = 1; i += 2; continue; }
        if (d === '{') { i = Math.max(scanVariable(text, i), i + 2); continue; }
      }
      i++;
      continue;
    }
    switch (c) {
      case '(':
        depth++;
        i++;
        continue;
      case ')':
        depth--;
        i++;
        if (depth === 0) {
          if (stack.length === 0) return { end: i, terminated: true };
          stack.pop();
          inCode = false;
        }
        continue;
      case '#':
        if (atTokenStart(text, i)) {
          while (i < n && !isNewline(text[i])) i++;
          continue;
        }
        i++;
        continue;
      case '<':
        if (text[i + 1] === '#') { i = scanBlockComment(text, i).end; continue; }
        i++;
        continue;
      default:
        if (isSingleQuote(c)) { i = scanSingleQuoted(text, i).end; continue; }
        if (isDoubleQuote(c)) { stack.push(depth); inCode = false; i++; continue; }
        i++;
    }
  }
  return { end: n, terminated: false };
}

/** `i` is the offset of the opening quote. */
export function scanDoubleQuoted(text: string, i: number): ScanEnd {
  return scanExpandable(text, i + 1, false);
}

/** `i` is the offset just after '$('; returns the offset after the matching ')'. */
export function scanSubexpression(text: string, i: number): ScanEnd {
  return scanExpandable(text, i, true);
}

/** `i` is the offset of '<' in '<#'. */
export function scanBlockComment(text: string, i: number): ScanEnd {
  const close = text.indexOf('#>', i + 2);
  return close < 0 ? { end: text.length, terminated: false } : { end: close + 2, terminated: true };
}

export interface HereStringScan extends ScanEnd {
  /** Offset of the first content character (after the header line). */
  bodyStart: number;
  /** Offset (exclusive) of the last content character (before the footer's newline). */
  bodyEnd: number;
}

/**
 * `i` is the offset of '@'. A here-string header must be the last thing on its
 * line; the footer must start a line. Returns undefined when the header is not
 * followed by a newline, in which case the '@' is not a here-string at all.
 */
export function scanHereString(text: string, i: number): HereStringScan | undefined {
  const quote = text[i + 1];
  const single = isSingleQuote(quote);
  let j = i + 2;
  while (isBlank(text[j])) j++;
  if (!isNewline(text[j])) return undefined;
  if (text[j] === '\r' && text[j + 1] === '\n') j++;
  const bodyStart = j + 1;
  let k = bodyStart;
  // The body may be empty: the footer can immediately follow the header line.
  let lineStart = bodyStart;
  while (k <= text.length) {
    if (k === lineStart) {
      const q = text[k];
      if ((single ? isSingleQuote(q) : isDoubleQuote(q)) && text[k + 1] === '@') {
        let bodyEnd = k === bodyStart ? bodyStart : k - 1;
        if (bodyEnd > bodyStart && text[bodyEnd - 1] === '\r') bodyEnd--;
        return { end: k + 2, terminated: true, bodyStart, bodyEnd: Math.max(bodyStart, bodyEnd) };
      }
    }
    if (k >= text.length) break;
    const c = text[k];
    if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) lineStart = k + 1;
    k++;
  }
  return { end: text.length, terminated: false, bodyStart, bodyEnd: text.length };
}

/** Value of the character after a backtick, as PowerShell's escape rules define it. */
export function backtickEscape(c: string): string {
  switch (c) {
    case '0': return '\0';
    case 'a': return '\x07';
    case 'b': return '\b';
    case 'e': return '\x1b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return c;
  }
}
