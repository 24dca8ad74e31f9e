/** Go's unicode.IsSpace: what BuildKit's parser treats as white space. */
export function isGoSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case '\u0085':
    case '\u00a0':
    case '\u1680':
    case '\u2028':
    case '\u2029':
    case '\u202f':
    case '\u205f':
    case '\u3000':
      return true;
    default:
      return c >= '\u2000' && c <= '\u200a';
  }
}

/** BuildKit's reWhitespace, `[\t\v\f\r ]+`, used to split whitespace-delimited arguments. */
export function isSplitSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

export function trimGoSpace(s: string): [string, number] {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s[a])) a++;
  while (b > a && isGoSpace(s[b - 1])) b--;
  return [s.slice(a, b), a];
}

/** strconv.Quote, which BuildKit's AST dump uses. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (!isPrintable(cp)) out += cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

// Approximates Go's strconv.IsPrint for the characters Dockerfiles contain: C1 controls,
// separators other than the ASCII space, and noncharacters are escaped.
function isPrintable(cp: number): boolean {
  if (cp >= 0x80 && cp < 0xa0) return false;
  if (cp === 0xa0 || cp === 0xad || cp === 0x1680 || cp === 0x202f || cp === 0x205f || cp === 0x3000) return false;
  if (cp >= 0x2000 && cp <= 0x200f) return false;
  if (cp >= 0x2060 && cp <= 0x2064) return false;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  if (cp >= 0xfff9 && cp <= 0xfffb) return false;
  if ((cp & 0xfffe) === 0xfffe) return false;
  return true;
}
