// PowerShell operators and casts over static values (see ps-eval.ts).

import { formatString, replaceRegex, toBool, toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';

const str = (value: string): PsValue => ({ kind: 'string', value });

export function joinAll(items: readonly PsValue[], sep: string): string | undefined {
  const texts = items.map(toText);
  return texts.some((t) => t === undefined) ? undefined : texts.join(sep);
}

export function binaryValue(op: string, left: PsValue, right: PsValue): PsValue {
  if (left.kind === 'unknown' || right.kind === 'unknown') return UNKNOWN;
  switch (op) {
    case '+': {
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value };
      if (left.kind === 'array') return { kind: 'array', items: [...left.items, ...(right.kind === 'array' ? right.items : [right])] };
      if (left.kind === 'string' || left.kind === 'null') {
        const t = toText(right);
        return t === undefined ? UNKNOWN : str((left.kind === 'string' ? left.value : '') + t);
      }
      return UNKNOWN;
    }
    case '-f': {
      const fmt = toText(left);
      const args = right.kind === 'array' ? right.items : [right];
      const out = fmt === undefined ? undefined : formatString(fmt, args);
      return out === undefined ? UNKNOWN : str(out);
    }
    case '-replace':
    case '-ireplace':
    case '-creplace': {
      const input = toText(left);
      const [pattern, replacement] = right.kind === 'array' ? right.items.map(toText) : [toText(right), ''];
      if (input === undefined || pattern === undefined || replacement === undefined) return UNKNOWN;
      const out = replaceRegex(input, pattern, replacement, op !== '-creplace');
      return out === undefined ? UNKNOWN : str(out);
    }
    case '-join': {
      const sep = toText(right);
      const t = sep === undefined ? undefined : left.kind === 'array' ? joinAll(left.items, sep) : toText(left);
      return t === undefined ? UNKNOWN : str(t);
    }
    case '-eq':
    case '-ieq':
    case '-ne':
    case '-ine':
    case '-ceq':
    case '-cne': {
      const a = toText(left);
      const b = toText(right);
      if (a === undefined || b === undefined || left.kind === 'array') return UNKNOWN;
      const fold = !op.startsWith('-c');
      const eq = fold ? a.toLowerCase() === b.toLowerCase() : a === b;
      return { kind: 'bool', value: op.endsWith('eq') ? eq : !eq };
    }
    case '..': {
      if (left.kind !== 'number' || right.kind !== 'number') return UNKNOWN;
      const n = Math.abs(right.value - left.value) + 1;
      if (n > 10000) return UNKNOWN;
      const step = right.value >= left.value ? 1 : -1;
      return { kind: 'array', items: Array.from({ length: n }, (_, i) => ({ kind: 'number' as const, value: left.value + i * step })) };
    }
    case '??':
      return left.kind === 'null' ? right : left;
    default:
      return UNKNOWN;
  }
}

export function cast(typeName: string, v: PsValue): PsValue {
  const t = typeName.toLowerCase().replace(/^system\./, '');
  if (v.kind === 'unknown') return v;
  if (t === 'string' || t === 'uri') {
    const text = v.kind === 'array' ? joinAll(v.items, ' ') : toText(v);
    return text === undefined ? UNKNOWN : str(text);
  }
  if (t === 'int' || t === 'int32' || t === 'int64' || t === 'long' || t === 'double') {
    const n = v.kind === 'number' ? v.value : Number(toText(v));
    return Number.isFinite(n) ? { kind: 'number', value: t === 'double' ? n : Math.round(n) } : UNKNOWN;
  }
  if (t === 'char') {
    if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 0 && v.value < 0x10000) return str(String.fromCharCode(v.value));
    return v.kind === 'string' && v.value.length === 1 ? v : UNKNOWN;
  }
  if (t === 'bool') {
    const b = toBool(v);
    return b === undefined ? UNKNOWN : { kind: 'bool', value: b };
  }
  if (t === 'array' || t === 'string[]' || t === 'object[]') return v.kind === 'array' ? v : { kind: 'array', items: [v] };
  return UNKNOWN;
}
