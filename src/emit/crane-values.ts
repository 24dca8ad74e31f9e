/**
 * How values reach crane's flags intact. crane parses flags with pflag, and several of its flag
 * types re-parse the text (pflag v1.0.x, string_slice.go / string_to_string.go): a value that is
 * fine for a shell can still be split or trimmed by crane. Each encoder returns the flag value
 * that crane turns back into exactly the input, or undefined when no such text exists (the caller
 * then falls back to `crane edit config`, which takes JSON, or reports the gap).
 */
import { shQuote } from '../util/sh-quote.ts';

/** Characters no command-line argument can carry. */
const NUL = '\0';

/**
 * One element of a StringSlice flag (`--entrypoint`, `--cmd`, `--exposed-ports`): pflag reads the
 * value as one CSV record (encoding/csv, default options). Unquoted text survives only without
 * `,` `"` CR and LF; an empty value reads as no element at all. Quoting fixes all of that except
 * CRLF, which encoding/csv folds to LF even inside quotes.
 */
export function csvElement(value: string): string | undefined {
  if (value.includes(NUL) || value.includes('\r\n')) return undefined;
  if (value !== '' && !/[",\r\n]/.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * One `key=value` of a StringToString flag (`--label`, and `--env` before crane v0.15.0): with
 * exactly one `=` pflag strips `"` from both ends of the whole text; with more it reads the text
 * as one CSV record; then it splits at the first `=`.
 */
export function stringToStringPair(key: string, value: string): string | undefined {
  if (key === '' || key.includes('=') || key.includes(NUL) || value.includes(NUL)) return undefined;
  const pair = `${key}=${value}`;
  if (!value.includes('=')) return pair.startsWith('"') || pair.endsWith('"') ? undefined : pair;
  return csvElement(pair);
}

/** `--env K=V` from crane v0.15.0 (its own keyToValue type: split at the first `=`, no CSV). */
export function keyToValuePair(key: string, value: string): string | undefined {
  if (key === '' || key.includes('=') || key.includes(NUL) || value.includes(NUL)) return undefined;
  return `${key}=${value}`;
}

/**
 * `--env` before v0.15.0. Releases in that range are recorded both as StringToString and as
 * keyToValue, so only text both read the same way is used: one `=` and no `"` at either end, or
 * several `=` and nothing CSV treats specially.
 */
export function legacyEnvPair(key: string, value: string): string | undefined {
  const a = stringToStringPair(key, value);
  return a !== undefined && a === keyToValuePair(key, value) ? a : undefined;
}

/** Plain string flags (`--user`, `--workdir`): taken as they are. */
export function plainValue(value: string): string | undefined {
  return value.includes(NUL) ? undefined : value;
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration (what BuildKit applies to HEALTHCHECK options), in nanoseconds. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = m[1] as string;
    if (n === '' || n === '.') return undefined;
    total += Number(n) * (UNITS[m[2] as string] as number);
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? Math.round(total) : undefined;
}

/**
 * EXPOSE arguments as the keys Docker stores: `80` -> `80/tcp`, ranges expanded, the protocol
 * lower-cased. Text that is not a port is kept as written: BuildKit would reject it, and crane
 * receives it unchanged.
 */
export function exposedPortKeys(ports: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of ports) {
    const m = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(p);
    if (!m) {
      out.push(p);
      continue;
    }
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const proto = (m[3] ?? 'tcp').toLowerCase();
    if (to < from || to - from > 65535) out.push(p);
    else for (let n = from; n <= to; n++) out.push(`${n}/${proto}`);
  }
  return [...new Set(out)];
}

/** An image path (`/agent`, the drive left out) as Docker writes WorkingDir on Windows. */
export function windowsPath(imagePath: string): string {
  return `C:${imagePath.replaceAll('/', '\\') || '\\'}`;
}

// Control characters (and the Unicode line breaks some tools honour) never go into a comment.
const COMMENT_UNSAFE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;

/** Text from the Dockerfile made safe for a one-line `#` comment in bash or PowerShell. */
export function commentText(text: string): string {
  return text.replace(COMMENT_UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const CONTROL = /[\u0000-\u001f\u007f]/;
// Typographic quotes are literal inside '...', but shellcheck flags them (SC1110-SC1112) as typos.
const ESCAPED = /[\u0000-\u001f\u007f\u2018-\u201f]/;

const hex = (c: string) => [...new TextEncoder().encode(c)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');

/**
 * A bash word whose value is exactly `value`: shQuote's word, or `$'...'` with hex escapes when
 * it has control characters (so each command stays on one line whatever line endings a checkout
 * gives it) or typographic quotes.
 */
export function bashWord(value: string): string {
  if (!ESCAPED.test(value)) return shQuote(value);
  let out = "$'";
  for (const c of value) {
    if (c === '\\' || c === "'") out += `\\${c}`;
    else if (ESCAPED.test(c)) out += hex(c);
    else out += c;
  }
  return `${out}'`;
}

/** PowerShell treats the typographic single quotes as quotes too; each is doubled inside '...'. */
const PS_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * A PowerShell argument whose value is exactly `value`: a single-quoted string, or `-join` of
 * quoted pieces and `[char]` codes when it has control characters.
 */
export function pwshWord(value: string): string {
  const quote = (s: string) => `'${s.replace(PS_QUOTES, (q) => q + q)}'`;
  if (!CONTROL.test(value)) return quote(value);
  const parts: string[] = [];
  let run = '';
  for (const c of value) {
    if (!CONTROL.test(c)) {
      run += c;
      continue;
    }
    if (run !== '') parts.push(quote(run));
    run = '';
    parts.push(`[char]0x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }
  if (run !== '') parts.push(quote(run));
  return `(-join @(${parts.join(', ')}))`;
}
