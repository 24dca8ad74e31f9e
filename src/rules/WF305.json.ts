/**
 * Why text that starts like a JSON array is not one, in the terms of Go's encoding/json (which
 * BuildKit's parser uses: it reads the first value and ignores anything after it).
 */
export interface JsonProblem {
  /** Index in the text, and length, of the offending characters. */
  at: number;
  length: number;
  problem: string;
  /** The fault is a lone backslash, which doubling fixes. */
  backslash: boolean;
}

const SIMPLE_ESCAPES = '"\\/bfnrt';

export function diagnoseJsonArray(s: string): JsonProblem | undefined {
  let i = 1;
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i] as string)) i++;
  };
  const fail = (at: number, length: number, problem: string, backslash = false): JsonProblem => ({ at, length, problem, backslash });
  ws();
  if (s[i] === ']') return undefined;
  for (;;) {
    ws();
    const c = s[i];
    if (c === undefined) return fail(s.length, 0, 'the array is not closed with `]`');
    if ("'‘’".includes(c)) return fail(i, 1, 'JSON strings need double quotes, not single quotes');
    if ('“”'.includes(c)) return fail(i, 1, `\`${c}\` is a typographic quote; JSON needs plain double quotes`);
    if (c !== '"') return fail(i, /^[^\s,\]]*/.exec(s.slice(i))?.[0].length || 1, `\`${/^[^\s,\]]*/.exec(s.slice(i))?.[0] || c}\` is not a quoted string`);
    const open = i++;
    for (;;) {
      const ch = s[i];
      if (ch === undefined) return fail(open, s.length - open, `a string is not closed${s.slice(open).includes('\\"') ? ' (`\\"` is an escaped quote, not a backslash before the closing quote)' : ''}`);
      if (ch === '"') break;
      if (ch < ' ') return fail(i, 1, 'a string contains a raw control character (JSON needs `\\t` for a tab)');
      if (ch === '\\') {
        const n = s[i + 1];
        if (n !== undefined && SIMPLE_ESCAPES.includes(n)) i += 2;
        else if (n === 'u' && /^[0-9a-fA-F]{4}/.test(s.slice(i + 2))) i += 6;
        else return fail(i, n === undefined ? 1 : 2, `\`\\${n ?? ''}\` is not a JSON escape; write \`\\\\${n ?? ''}\` for a backslash`, true);
        continue;
      }
      i++;
    }
    i++;
    ws();
    if (s[i] === ']') return undefined;
    if (s[i] !== ',') return fail(i, s[i] === undefined ? 0 : 1, s[i] === undefined ? 'the array is not closed with `]`' : 'the elements need commas between them');
    const comma = i++;
    ws();
    if (s[i] === ']') return fail(comma, 1, 'a comma before `]` is not allowed in JSON');
  }
}

/**
 * Indices of the backslashes to double so that Windows paths written with single backslashes
 * become valid JSON: in every string that has a non-JSON escape or a drive path (`C:\`), each
 * backslash not already doubled. A `\"` right before `,` or `]` is read as a path ending in a
 * backslash. Undefined when doubling does not make the text valid.
 */
export function backslashesToDouble(s: string): number[] | undefined {
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '"') {
      i++;
      continue;
    }
    const lone: number[] = [];
    let invalid = false;
    let j = i + 1;
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] !== '\\') continue;
      const n = s[j + 1];
      if (n === '\\') {
        j++;
        continue;
      }
      if (n === '"' && !/^"\s*[,\]]/.test(s.slice(j + 1))) {
        j++;
        continue;
      }
      if (n === undefined || !(SIMPLE_ESCAPES.includes(n) || n === 'u')) invalid = true;
      lone.push(j);
    }
    if (invalid || /[A-Za-z]:\\/.test(s.slice(i, j))) out.push(...lone);
    i = j + 1;
  }
  let fixed = s;
  for (const at of [...out].reverse()) fixed = fixed.slice(0, at) + '\\' + fixed.slice(at);
  return out.length > 0 && diagnoseJsonArray(fixed) === undefined ? out : undefined;
}
