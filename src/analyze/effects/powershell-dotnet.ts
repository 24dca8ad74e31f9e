// The pure .NET members scripts use to build strings and paths ([IO.Path]::Combine,
// [string]::Format, 'x'.Replace(...)), evaluated like .NET would on Windows.

import type { PsScope } from './ps-eval.ts';
import { formatString, toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';

const str = (value: string): PsValue => ({ kind: 'string', value });

/** `[System.Net.WebClient]` and `[Net.WebClient]` name the same type; compare without `system.`. */
export function normalType(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '').replace(/^system\./, '');
}

/** Enumerations whose values scripts pass by name (`[EnvironmentVariableTarget]::Machine`). */
const ENUM_SUFFIX = /(?:target|type|mode|access|options|rights|flags|level|kind|action|share|policy|protocoltype|compressionlevel|searchoption|attributes)$/;

export function staticMember(typeName: string, name: string): PsValue {
  const t = normalType(typeName);
  const m = name.toLowerCase();
  if (t === 'io.path') {
    if (m === 'directoryseparatorchar') return str('\\');
    if (m === 'altdirectoryseparatorchar') return str('/');
    if (m === 'pathseparator') return str(';');
    return UNKNOWN;
  }
  if (t === 'string' && m === 'empty') return str('');
  if (t === 'environment' && m === 'newline') return str('\r\n');
  if (ENUM_SUFFIX.test(t)) return str(name);
  return UNKNOWN;
}

function texts(args: readonly PsValue[]): string[] | undefined {
  const out = args.map(toText);
  return out.some((t) => t === undefined) ? undefined : (out as string[]);
}

/** `[IO.Path]::Combine`: a rooted later part replaces what came before. */
export function combinePath(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    if (/^(?:[A-Za-z]:)?[\\/]/.test(p) || /^[A-Za-z]:/.test(p)) out = p;
    else if (out === '' || /[\\/:]$/.test(out)) out += p;
    else out += `\\${p}`;
  }
  return out;
}

function lastSep(p: string): number {
  return Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
}

export function fileName(p: string): string {
  return p.slice(lastSep(p) + 1);
}

export function directoryName(p: string): string | undefined {
  const i = lastSep(p);
  if (i < 0) return '';
  if (i === p.length - 1 && /^[A-Za-z]:[\\/]$/.test(p)) return undefined; // root: .NET returns null
  return i === 2 && p[1] === ':' ? p.slice(0, 3) : p.slice(0, i);
}

function extension(p: string): string {
  const name = fileName(p);
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot);
}

export function callStatic(typeName: string, method: string, args: readonly PsValue[], scope: PsScope): PsValue {
  const t = normalType(typeName);
  const m = method.toLowerCase();
  if (m === 'new') {
    if (t === 'uri') return args[0] && toText(args[0]) !== undefined ? str(toText(args[0]) as string) : UNKNOWN;
    return { kind: 'object', type: t };
  }
  const flat = args.length === 1 && args[0]?.kind === 'array' ? args[0].items : args;
  if (t === 'io.path') {
    const a = texts(flat);
    if (!a) return UNKNOWN;
    const p = a[0] ?? '';
    switch (m) {
      case 'combine':
        return str(combinePath(a));
      case 'getfilename':
        return str(fileName(p));
      case 'getextension':
        return str(extension(p));
      case 'getfilenamewithoutextension': {
        const name = fileName(p);
        return str(name.slice(0, name.length - extension(name).length));
      }
      case 'getdirectoryname': {
        const d = directoryName(p);
        return d === undefined ? { kind: 'null' } : str(d);
      }
      case 'changeextension': {
        const ext = a[1] ?? '';
        const base = p.slice(0, p.length - extension(p).length);
        return str(ext === '' ? base : `${base}${ext.startsWith('.') ? '' : '.'}${ext}`);
      }
      default:
        return UNKNOWN;
    }
  }
  if (t === 'string') {
    if (m === 'format') {
      const fmt = args[0] ? toText(args[0]) : undefined;
      const rest = args.length === 2 && args[1]?.kind === 'array' ? args[1].items : args.slice(1);
      const out = fmt === undefined ? undefined : formatString(fmt, rest);
      return out === undefined ? UNKNOWN : str(out);
    }
    if (m === 'join' || m === 'concat') {
      const [sep, ...rest] = m === 'join' ? args : [str(''), ...args];
      const items = rest.length === 1 && rest[0]?.kind === 'array' ? rest[0].items : rest;
      const a = texts(items);
      const s = sep ? toText(sep) : undefined;
      return a && s !== undefined ? str(a.join(s)) : UNKNOWN;
    }
    if (m === 'isnullorempty' || m === 'isnullorwhitespace') {
      const s = args[0] ? toText(args[0]) : undefined;
      return s === undefined ? UNKNOWN : { kind: 'bool', value: m === 'isnullorempty' ? s === '' : s.trim() === '' };
    }
    return UNKNOWN;
  }
  if (t === 'environment') {
    const a = texts(args);
    if (!a) return UNKNOWN;
    if (m === 'getenvironmentvariable') {
      // Only the process block is the RUN's environment; machine/user values live in the registry.
      const target = (a[1] ?? 'process').toLowerCase().replace(/^.*::/, '');
      return target === 'process' || target === '0' ? scope.getEnv(a[0] ?? '') : UNKNOWN;
    }
    if (m === 'expandenvironmentvariables') {
      let unknown = false;
      const out = (a[0] ?? '').replace(/%([^%]+)%/g, (whole, name: string) => {
        const v = toText(scope.getEnv(name));
        if (v === undefined) unknown = true;
        return v ?? whole;
      });
      return unknown ? UNKNOWN : str(out);
    }
  }
  return UNKNOWN;
}

function trimChars(s: string, chars: string | undefined, start: boolean, end: boolean): string {
  const set = chars ?? ' \t\r\n\v\f\u00a0';
  let a = 0;
  let b = s.length;
  if (start) while (a < b && set.includes(s[a] as string)) a++;
  if (end) while (b > a && set.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

export function callMethod(obj: PsValue, method: string, args: readonly PsValue[]): PsValue {
  const m = method.toLowerCase();
  // Case and blank changes keep a file hash a file hash (`(Get-FileHash x).Hash.ToLower()`).
  if (obj.kind === 'object' && obj.type === 'filehash.hash') {
    return /^(?:tolower|toupper|tolowerinvariant|toupperinvariant|trim|tostring)$/.test(m) ? obj : UNKNOWN;
  }
  if (obj.kind === 'number' && m === 'tostring' && args.length === 0) return str(String(obj.value));
  if (obj.kind !== 'string') return UNKNOWN;
  const s = obj.value;
  const a = texts(args);
  if (!a) return UNKNOWN;
  switch (m) {
    case 'tostring':
      return obj;
    case 'tolower':
    case 'tolowerinvariant':
      return str(s.toLowerCase());
    case 'toupper':
    case 'toupperinvariant':
      return str(s.toUpperCase());
    case 'trim':
    case 'trimstart':
    case 'trimend':
      return str(trimChars(s, a.length > 0 ? a.join('') : undefined, m !== 'trimend', m !== 'trimstart'));
    case 'replace':
      return a.length === 2 && a[0] !== '' ? str(s.split(a[0] as string).join(a[1] as string)) : UNKNOWN;
    case 'substring': {
      const start = Number(a[0]);
      const len = a[1] === undefined ? undefined : Number(a[1]);
      if (!Number.isInteger(start) || start > s.length || (len !== undefined && (!Number.isInteger(len) || start + len > s.length))) return UNKNOWN;
      return str(len === undefined ? s.slice(start) : s.slice(start, start + len));
    }
    case 'split':
      // .NET Framework splits on any of the characters; only a one-character separator reads the same everywhere.
      return a.length === 1 && (a[0] as string).length === 1 ? { kind: 'array', items: s.split(a[0] as string).map(str) } : UNKNOWN;
    case 'contains':
      return a.length === 1 ? { kind: 'bool', value: s.includes(a[0] as string) } : UNKNOWN;
    case 'startswith':
      return a.length === 1 ? { kind: 'bool', value: s.startsWith(a[0] as string) } : UNKNOWN;
    case 'endswith':
      return a.length === 1 ? { kind: 'bool', value: s.endsWith(a[0] as string) } : UNKNOWN;
    case 'padleft':
    case 'padright': {
      const n = Number(a[0]);
      if (!Number.isInteger(n) || n > 4096) return UNKNOWN;
      const c = a[1] ?? ' ';
      return str(m === 'padleft' ? s.padStart(n, c) : s.padEnd(n, c));
    }
    default:
      return UNKNOWN;
  }
}
