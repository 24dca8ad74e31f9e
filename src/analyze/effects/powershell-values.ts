// Values of the static PowerShell evaluator (ps-eval.ts) and how PowerShell turns them into text.

/** A value the evaluator computed; `unknown` when the script alone does not decide it. */
export type PsValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: PsValue[] }
  /** A .NET or PowerShell object: `type` is lower-case without `system.`; `ref` is the walker's own data. */
  | { kind: 'object'; type: string; props?: ReadonlyMap<string, PsValue>; ref?: unknown }
  /** A type literal used as a value (`[Net.WebClient]`). */
  | { kind: 'type'; name: string }
  | { kind: 'unknown' };

export const UNKNOWN: PsValue = { kind: 'unknown' };

/** The text PowerShell makes of a value (arrays joined with `$OFS`, a blank); undefined when not static. */
export function toText(v: PsValue): string | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return Number.isFinite(v.value) ? String(v.value) : undefined;
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'null':
      return '';
    case 'array': {
      const parts = v.items.map(toText);
      return parts.some((p) => p === undefined) ? undefined : parts.join(' ');
    }
    default:
      return undefined;
  }
}

/** PowerShell's truthiness, where static. */
export function toBool(v: PsValue): boolean | undefined {
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'string':
      return v.value !== '';
    case 'number':
      return v.value !== 0;
    case 'null':
      return false;
    case 'array':
      return v.items.length === 0 ? false : v.items.length === 1 ? toBool(v.items[0] as PsValue) : true;
    case 'object':
    case 'type':
      return true;
    default:
      return undefined;
  }
}

/** Both known and equal (objects only by identity). */
export function sameValue(a: PsValue, b: PsValue): boolean {
  if (a === b) return a.kind !== 'unknown';
  if (a.kind !== b.kind || a.kind === 'object' || a.kind === 'unknown') return false;
  const ta = toText(a);
  return ta !== undefined && ta === toText(b);
}

/**
 * .NET composite formatting (`-f`, `[string]::Format`): `{0}`, `{1,-8}`, `{{`. A format
 * specifier (`{0:N2}`) depends on culture and type, so the result is unknown.
 */
export function formatString(fmt: string, args: readonly PsValue[]): string | undefined {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i++;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i++;
    } else if (c === '{') {
      const m = /^\{\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(:[^}]*)?\}/.exec(fmt.slice(i));
      if (!m || m[3] !== undefined) return undefined;
      const arg = args[Number(m[1])];
      const text = arg === undefined ? undefined : toText(arg);
      if (text === undefined) return undefined;
      const width = m[2] === undefined ? 0 : Number(m[2]);
      out += width < 0 ? text.padEnd(-width) : text.padStart(width);
      i += m[0].length - 1;
    } else if (c === '}') {
      return undefined; // .NET throws on a lone `}`
    } else {
      out += c;
    }
  }
  return out;
}

/** .NET regex features JavaScript lacks or reads differently; patterns using them stay unknown. */
const UNPORTABLE_REGEX = /\\[AZzGpP]|\(\?[imnsx-]+[:)]|\(\?#|\[[^\]]*-\[|\(\?<[=!]/;

/** `-replace`: a .NET regex replacement done with a JavaScript regex when both read it alike. */
export function replaceRegex(input: string, pattern: string, replacement: string, ignoreCase: boolean): string | undefined {
  if (UNPORTABLE_REGEX.test(pattern)) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignoreCase ? 'gi' : 'g');
  } catch {
    return undefined;
  }
  let jsReplacement = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c !== '$') {
      jsReplacement += c;
      continue;
    }
    const rest = replacement.slice(i + 1);
    const m = /^(?:(\d+)|\{(\w+)\}|([$&`'+]))/.exec(rest);
    if (!m) {
      jsReplacement += '$$';
      continue;
    }
    if (m[1] !== undefined) jsReplacement += m[1] === '0' ? '$&' : `$${m[1]}`;
    else if (m[2] !== undefined) jsReplacement += /^\d+$/.test(m[2]) ? (m[2] === '0' ? '$&' : `$${m[2]}`) : `$<${m[2]}>`;
    else if (m[3] === '+') return undefined; // last group: no JavaScript equivalent
    else jsReplacement += `$${m[3]}`;
    i += m[0].length;
  }
  try {
    return input.replace(re, jsReplacement);
  } catch {
    return undefined;
  }
}
