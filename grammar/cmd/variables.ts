// Recognition of cmd.exe variable references.
//
// cmd expands `%NAME%` before it splits the line into commands, so a reference
// is one unit even when its modifier holds spaces, quotes or parentheses
// (`%PATH:;= %`, `%X:"=%`, `%ProgramFiles(x86)%`). The scanner (lexer.ts) and
// the word builder (words.ts) share these matchers so that they agree on where
// a reference ends.
import type { CmdVariableKind, CmdVariableModifier } from './ast.ts';

export interface VariableMatch {
  end: number;
  kind: CmdVariableKind;
  name: string;
  modifier: CmdVariableModifier | null;
}

const PERCENT = 37; // %
const BANG = 33; // !
const COLON = 58; // :
const TILDE = 126; // ~
const LF = 10;

// Characters that cannot be part of a variable name: whitespace, the quote and
// the operators. cmd itself is more permissive, but a name containing these is
// far more likely to be two unrelated `%` signs.
function isNameBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 38 || c === 124 || c === 60 || c === 62;
}

/**
 * Matches `%NAME%`, `%NAME:~a,b%` or `%NAME:find=repl%` (delim `%`), or the
 * same forms of a delayed `!NAME!` reference (delim `!`), starting at `start`.
 */
export function matchNamedVariable(text: string, start: number, delim: number): VariableMatch | null {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === delim || c === COLON || isNameBreak(c) || c === PERCENT || c === BANG) break;
    i++;
  }
  if (i === start + 1 || i >= n) return null;
  const name = text.slice(start + 1, i);
  const c = text.charCodeAt(i);
  if (c === delim) {
    return { end: i + 1, kind: delim === PERCENT ? 'env' : 'delayed', name, modifier: null };
  }
  if (c !== COLON) return null;
  // The modifier runs to the closing delimiter; it may hold anything but a
  // line break (cmd allows `%PATH:;= %`).
  const close = findOnLine(text, i + 1, delim);
  if (close < 0) return null;
  const body = text.slice(i + 1, close);
  const modifier = parseModifier(body);
  if (!modifier) return null;
  return { end: close + 1, kind: delim === PERCENT ? 'env' : 'delayed', name, modifier };
}

function findOnLine(text: string, from: number, ch: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === ch) return i;
    if (c === LF) return -1;
  }
  return -1;
}

function parseModifier(body: string): CmdVariableModifier | null {
  if (body.charCodeAt(0) === TILDE) {
    const m = /^~\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?$/.exec(body);
    if (!m || m[1] === undefined) return null;
    return { type: 'substring', offset: Number(m[1]), length: m[2] === undefined ? null : Number(m[2]) };
  }
  const eq = body.indexOf('=');
  if (eq <= 0) return null;
  return { type: 'replace', find: body.slice(0, eq), replacement: body.slice(eq + 1) };
}

// `%~dp0`, `%~nxi`, `%~$PATH:i`: path modifiers on a batch argument or a for
// variable.
const TILDE_REF = /%~([fdpnxsatz]*)(?:\$([^:%\s]+):)?([0-9*]|[A-Za-z])/y;

/**
 * Matches any variable form that starts at a `%` (see CmdVariableKind).
 * `forVars` are the for-loop variables in scope; `%i` and `%%i` only count as
 * references when `i` is one of them, since cmd leaves them alone otherwise.
 */
export function matchPercent(text: string, start: number, forVars: readonly string[]): VariableMatch | null {
  const next = text[start + 1];
  if (next === undefined) return null;
  if (next === '%') {
    // Batch-file spelling `%%i` / `%%~nxi`; anything else is a literal `%%`.
    const letter = text[start + 2];
    if (letter === '~') {
      const m = matchTilde(text, start + 1);
      if (m && m.kind === 'for' && forVars.includes(m.name)) return m;
    } else if (letter !== undefined && forVars.includes(letter)) {
      return { end: start + 3, kind: 'for', name: letter, modifier: null };
    }
    return null;
  }
  if (next === '~') return matchTilde(text, start);
  const named = matchNamedVariable(text, start, PERCENT);
  if (named) return named;
  if ((next >= '0' && next <= '9') || next === '*') {
    return { end: start + 2, kind: 'argument', name: next, modifier: null };
  }
  if (forVars.includes(next)) return { end: start + 2, kind: 'for', name: next, modifier: null };
  return null;
}

function matchTilde(text: string, start: number): VariableMatch | null {
  TILDE_REF.lastIndex = start;
  const m = TILDE_REF.exec(text);
  if (!m) return null;
  const target = m[3] ?? '';
  const isArg = (target >= '0' && target <= '9') || target === '*';
  return {
    end: start + m[0].length,
    kind: isArg ? 'argument' : 'for',
    name: target,
    modifier: { type: 'path', flags: m[1] ?? '', search: m[2] ?? null },
  };
}
