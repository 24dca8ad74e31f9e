// Arguments of external programs as Values, and a small option parser driven by the grammars in
// programs.ts. Options often glue their value to the switch (`-oC:\x`, `/p:Configuration=Release`,
// `--output=x`), so a value can be a part of one argument; part() keeps its range exact.
import type { Range } from '../../parse/source.ts';
import type { Value } from './types.ts';

/** Where the characters of an argument came from, registered by the shell classifier that built it. */
export interface ArgumentOrigin {
  /** The argument as the program receives it before variable expansion (`%TEMP%\x`). */
  raw: string;
  /** Source range and text of raw[from, to). */
  map(from: number, to: number): { range: Range; source: string };
  /**
   * A part of raw with the variables the caller can resolve replaced and the others kept as
   * written (for PATH lists, whose `%PATH%` stays unknown while the rest may be known).
   */
  resolve?(rawPart: string): string;
}

// A non-enumerable property rather than a WeakMap: a hundred thousand arguments made the WeakMap's
// ephemerons a large share of garbage collection, and the property stays out of JSON and equality.
const ORIGIN = Symbol('winfile.origin');
type WithOrigin = Value & { [ORIGIN]?: ArgumentOrigin };
const origins = { get: (v: Value): ArgumentOrigin | undefined => (v as WithOrigin)[ORIGIN] };

/**
 * Records where an argument's characters came from, so that part() gives exact ranges for values
 * glued to a switch. Optional: without it part() aligns `text` with `source` where it can.
 */
export function withOrigin(value: Value, origin: ArgumentOrigin): Value {
  Object.defineProperty(value, ORIGIN, { value: origin, configurable: true });
  return value;
}

function unquote(s: string): string {
  return s.replace(/^(["'])(.*)\1$/s, '$2');
}

/**
 * The argument as far as it is known: its text, else the raw text with variables as written.
 * Enough to recognise switches and subcommands, which never come from variables.
 */
export function str(v: Value | undefined): string {
  if (!v) return '';
  return v.text ?? origins.get(v)?.raw ?? unquote(v.source);
}

/** The argument before variable expansion: variables as written. */
export function raw(v: Value): string {
  return origins.get(v)?.raw ?? unquote(v.source);
}

/** A part of raw(v) with what the shell classifier could resolve filled in. */
export function resolvePart(v: Value, rawPart: string): string {
  return origins.get(v)?.resolve?.(rawPart) ?? rawPart;
}

/** Whether an argument's text is known, i.e. holds no unresolved variable. */
export function known(v: Value | undefined): v is Value & { text: string } {
  return v?.text !== undefined;
}

/** How a value reads in a reason: its text, or the source as written. */
export function show(v: Value | undefined): string {
  if (!v) return '?';
  return v.text ?? v.source;
}

const VARIABLE = /%[^%\s]+%|\$(?:env:)?\w|\$\{/i;

/** The part [from, to) of str(v) as a Value of its own, with an exact range where possible. */
export function part(v: Value, from: number, to?: number): Value {
  const whole = str(v);
  const end = Math.min(to ?? whole.length, whole.length);
  if (from <= 0 && end >= whole.length) return v;
  const slice = whole.slice(from, end);
  const origin = origins.get(v);
  // Text is known when the whole is, or when the slice of the raw text holds no variable.
  const text = v.text !== undefined ? slice : VARIABLE.test(slice) ? undefined : slice;
  // The origin maps raw positions, which are str() positions unless expansion changed the text.
  const mapped = origin && (v.text === undefined || v.text === origin.raw) ? origin : undefined;
  const exact = mapped ? mapped.map(from, end) : aligned(v, from, end);
  const out: Value = { source: exact?.source ?? v.source, range: exact?.range ?? v.range };
  if (text !== undefined) out.text = text;
  if (mapped) {
    const sub: ArgumentOrigin = { raw: mapped.raw.slice(from, end), map: (a, b) => mapped.map(from + a, from + b) };
    if (mapped.resolve) sub.resolve = mapped.resolve;
    withOrigin(out, sub);
  }
  return out;
}

// Without an origin, maps text positions to source positions when the two differ only by quotes
// (`-o"C:\x y"`) and the source sits on one line; otherwise the part keeps the whole range.
function aligned(v: Value, from: number, to: number): { range: Range; source: string } | undefined {
  const text = str(v);
  const src = v.source;
  const { start, end } = v.range;
  if (start.line !== end.line || end.offset - start.offset !== src.length) return undefined;
  const at: number[] = [];
  let j = 0;
  for (let i = 0; i < src.length && j < text.length; i++) {
    if (src[i] === text[j]) {
      at.push(i);
      j++;
    } else if (src[i] !== '"' && src[i] !== "'") return undefined;
  }
  if (j < text.length || from >= to) return undefined;
  const a = at[from] as number;
  const b = (at[to - 1] as number) + 1;
  const pos = (k: number) => ({ line: start.line, column: start.column + k, offset: start.offset + k });
  return { range: { start: pos(a), end: pos(b) }, source: src.slice(a, b) };
}

// ---------------------------------------------------------------- options

/** How a program spells its options; see programs.ts for the grammars. */
export interface OptionGrammar {
  /**
   * `posix`: `-abc` bundles (`-fsSLo file`), `--long[=value]`, `--` ends options.
   * `word`: `-name`, `--name`, `/name`, values after `:`/`=` or as the next argument; names compare
   * case-insensitively. `glued`: 7-Zip's `-o<dir>`, values glued to a known prefix.
   */
  style: 'posix' | 'word' | 'glued';
  /** Options taking a value: spelling (word style: lower-case, no prefix) -> key. */
  values?: Readonly<Record<string, string>>;
  /** Flags: spelling -> key. Unlisted options keep their spelling as key. */
  flags?: Readonly<Record<string, string>>;
  /** Whole arguments that are single options in a posix grammar (`-nv`, `-version`): spelling -> key. */
  words?: Readonly<Record<string, string>>;
  /** Word-style names matching the pattern take a value (msiexec's `/L*V log`). */
  valuePattern?: { re: RegExp; key: string };
}

export interface Opt {
  key: string;
  /** The argument holding the option name. */
  arg: Value;
  value?: Value;
}

export class ParsedArgs {
  readonly opts: Opt[] = [];
  readonly positionals: Value[] = [];

  has(...keys: string[]): boolean {
    return this.opts.some((o) => keys.includes(o.key));
  }

  /** The value of the last occurrence of any of the keys. */
  get(...keys: string[]): Value | undefined {
    for (let i = this.opts.length - 1; i >= 0; i--) {
      const o = this.opts[i] as Opt;
      if (keys.includes(o.key) && o.value) return o.value;
    }
    return undefined;
  }

  all(...keys: string[]): Value[] {
    return this.opts.filter((o) => keys.includes(o.key) && o.value).map((o) => o.value as Value);
  }
}

const WORD_OPTION = /^(--?|\/)([A-Za-z?][\w.*?+#-]*)(?:([:=])(.*))?$/s;

export function parseOptions(args: readonly Value[], g: OptionGrammar): ParsedArgs {
  const out = new ParsedArgs();
  const values = g.values ?? {};
  const flags = g.flags ?? {};
  let i = 0;
  const next = (): Value | undefined => args[++i];
  for (; i < args.length; i++) {
    const arg = args[i] as Value;
    const s = str(arg);
    if (g.style === 'posix') {
      if (s === '--') {
        out.positionals.push(...args.slice(i + 1));
        break;
      }
      const word = g.words?.[s];
      if (word !== undefined) {
        out.opts.push({ key: word, arg });
      } else if (s.startsWith('--') && s.length > 2) {
        const eq = s.indexOf('=');
        const name = eq < 0 ? s.slice(2) : s.slice(2, eq);
        const key = values[name] ?? flags[name] ?? name;
        const opt: Opt = { key, arg };
        if (eq >= 0) opt.value = part(arg, eq + 1);
        else if (values[name] !== undefined) assign(opt, next());
        out.opts.push(opt);
      } else if (s.startsWith('-') && s.length > 1) {
        for (let k = 1; k < s.length; k++) {
          const c = s[k] as string;
          if (values[c] !== undefined) {
            const opt: Opt = { key: values[c], arg };
            if (k + 1 < s.length) opt.value = part(arg, k + 1);
            else assign(opt, next());
            out.opts.push(opt);
            break;
          }
          out.opts.push({ key: flags[c] ?? c, arg });
        }
      } else out.positionals.push(arg);
      continue;
    }
    if (g.style === 'glued') {
      if (!s.startsWith('-') || s.length < 2) {
        out.positionals.push(arg);
        continue;
      }
      const lower = s.slice(1).toLowerCase();
      let best = '';
      for (const p of [...Object.keys(values), ...Object.keys(flags)]) if (lower.startsWith(p) && p.length > best.length) best = p;
      const opt: Opt = { key: values[best] ?? flags[best] ?? lower, arg };
      if (best !== '' && values[best] !== undefined) opt.value = part(arg, 1 + best.length);
      out.opts.push(opt);
      continue;
    }
    const m = WORD_OPTION.exec(s);
    if (!m) {
      out.positionals.push(arg);
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    const pattern = g.valuePattern?.re.test(name) ? g.valuePattern.key : undefined;
    const valueKey = values[name] ?? pattern;
    const opt: Opt = { key: valueKey ?? flags[name] ?? name, arg };
    if (m[3] !== undefined) opt.value = part(arg, (m[1] as string).length + name.length + 1);
    else if (valueKey !== undefined) assign(opt, next());
    out.opts.push(opt);
  }
  return out;
}

function assign(opt: Opt, value: Value | undefined): void {
  if (value) opt.value = value;
}

/** The file name at the end of a URL's path (`.../go1.22.zip?x=1` -> `go1.22.zip`), as a part of it. */
export function urlBasename(url: Value): Value | undefined {
  const s = str(url);
  const path = s.replace(/[?#].*$/s, '');
  const slash = path.lastIndexOf('/');
  if (slash < 0 || slash === path.length - 1 || !/^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i.test(path)) return undefined;
  return part(url, slash + 1, path.length);
}

/** The last path segment of a Windows or POSIX path. */
export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}
