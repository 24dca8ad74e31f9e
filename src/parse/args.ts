import { isGoSpace, isSplitSpace, trimGoSpace } from './chars.ts';
import type { EscapeChar } from './directives.ts';

/** One value of BuildKit's parsed node chain, with its span in the logical line. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

export interface ParsedArgs {
  /** Flags as BuildKit keeps them (`--name=value`), with spans. */
  flags: Word[];
  /** Node chain values, exactly as BuildKit's AST dump lists them. */
  args: Word[];
  json: boolean;
  /** ONBUILD's nested instruction. */
  sub?: ParsedInstructionLine;
}

export interface ParsedInstructionLine extends ParsedArgs {
  /** The keyword as written. */
  keyword: string;
  keywordSpan: Word;
  /** Everything after the flags (`rest` in BuildKit), with its start in the logical line. */
  rest: Word;
}

export class InstructionSyntaxError extends Error {}

type LineParser = (rest: Word, escape: EscapeChar) => Omit<ParsedArgs, 'flags'>;

/** splitCommand + dispatch + newNodeFromLine (parser/parser.go, line_parsers.go). */
export function parseInstructionLine(line: string, escape: EscapeChar, offset = 0): ParsedInstructionLine {
  const [trimmed, lead] = trimGoSpace(line);
  let i = 0;
  while (i < trimmed.length && !isSplitSpace(trimmed[i])) i++;
  const keyword = trimmed.slice(0, i);
  const keywordSpan = { value: keyword, start: offset + lead, end: offset + lead + i };
  let j = i;
  while (j < trimmed.length && isSplitSpace(trimmed[j])) j++;
  const afterKeyword = offset + lead + j;
  const { flags, restStart } = j < trimmed.length || i < trimmed.length ? extractFlags(trimmed.slice(j), afterKeyword) : { flags: [], restStart: afterKeyword };
  const restRaw = j < trimmed.length ? line.slice(restStart - offset, offset + lead + trimmed.length - offset) : '';
  const [restText, restLead] = trimGoSpace(restRaw);
  const rest = { value: restText, start: restStart + restLead, end: restStart + restLead + restText.length };
  const fn = DISPATCH[keyword.toLowerCase()] ?? (() => ({ args: [], json: false }));
  const parsed = fn(rest, escape);
  return { keyword, keywordSpan, rest, flags, ...parsed };
}

/** extractBuilderFlags: leading `--name[=value]` words; `--` ends the flags. */
function extractFlags(line: string, offset: number): { flags: Word[]; restStart: number } {
  const flags: Word[] = [];
  let word = '';
  let wordStart = -1;
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = line[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return { flags, restStart: offset + pos };
      phase = 'word';
      wordStart = pos;
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) flags.push({ value: word, start: offset + wordStart, end: offset + pos });
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { flags, restStart: offset + pos };
        if (blankOK || word.length > 0) flags.push({ value: word, start: offset + wordStart, end: offset + pos });
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      let c = ch;
      if (c === '\\') {
        if (pos + 1 === line.length) continue;
        c = line[++pos] as string;
      }
      word += c;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    let c = ch;
    if (c === '\\') {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      c = line[++pos] as string;
    }
    word += c;
  }
  return { flags, restStart: offset + line.length };
}

/** parseWords: whitespace-separated words that keep their quotes and escapes. */
export function parseWords(rest: Word, escape: EscapeChar): Word[] {
  const s = rest.value;
  const words: Word[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let start = 0;
  let quote = '';
  let blankOK = false;
  const push = (end: number) => {
    if (blankOK || word.length > 0) words.push({ value: word, start: rest.start + start, end: rest.start + end });
  };
  for (let pos = 0; pos <= s.length; pos++) {
    let ch = s[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === s.length) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
      start = pos;
    }
    if (pos === s.length) {
      push(pos);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        push(pos);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + 1 === s.length) continue;
        word += ch;
        ch = s[++pos] as string;
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === s.length) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = s[++pos] as string;
    }
    word += ch;
  }
  return words;
}

function splitWhitespace(rest: Word): Word[] {
  if (rest.value === '') return [];
  const out: Word[] = [];
  const s = rest.value;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || isSplitSpace(s[i])) {
      out.push({ value: s.slice(start, i), start: rest.start + start, end: rest.start + i });
      while (i + 1 < s.length && isSplitSpace(s[i + 1])) i++;
      start = i + 1;
    }
  }
  return out;
}

const NOT_STRING_ARRAY = 'dockerfile parse error: JSON array must contain only strings';

/**
 * parseJSON: Go's json.Decoder reads only the first value, so text after the closing bracket is
 * ignored. Returns undefined when the text is not a JSON array (BuildKit then uses shell form).
 */
export function parseJSONArray(rest: Word): Word[] | undefined {
  const s = rest.value;
  let i = 0;
  while (i < s.length && isGoSpace(s[i])) i++;
  if (s[i] !== '[') return undefined;
  const end = jsonValueEnd(s, i);
  if (end < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(s.slice(i, end));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  if (parsed.some((v) => typeof v !== 'string')) throw new InstructionSyntaxError(NOT_STRING_ARRAY);
  const spans = jsonStringSpans(s, i, end);
  return (parsed as string[]).map((value, k) => {
    const sp = spans[k] ?? [i, end];
    return { value, start: rest.start + sp[0], end: rest.start + sp[1] };
  });
}

/** End index of the JSON value starting at `i` (bracket matching outside strings), or -1. */
function jsonValueEnd(s: string, i: number): number {
  let depth = 0;
  for (let k = i; k < s.length; k++) {
    const c = s[k];
    if (c === '"') {
      k++;
      while (k < s.length && s[k] !== '"') k += s[k] === '\\' ? 2 : 1;
      if (k >= s.length) return -1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return -1;
}

/** Spans (including quotes) of the top-level string elements of a JSON array. */
function jsonStringSpans(s: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = s[k];
    if (c === '"') {
      const start = k++;
      while (k < to && s[k] !== '"') k += s[k] === '\\' ? 2 : 1;
      if (depth === 1) spans.push([start, k + 1]);
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return spans;
}

const maybeJSON: LineParser = (rest) => {
  if (rest.value === '') return { args: [], json: false };
  const arr = parseJSONArray(rest);
  if (arr) return { args: arr, json: true };
  return { args: [rest], json: false };
};

const maybeJSONToList: LineParser = (rest) => {
  const arr = parseJSONArray(rest);
  if (arr) return { args: arr, json: true };
  return { args: splitWhitespace(rest), json: false };
};

const plainString: LineParser = (rest) => ({ args: rest.value === '' ? [] : [rest], json: false });

const whitespaceDelimited: LineParser = (rest) => ({ args: splitWhitespace(rest), json: false });

const nameOrNameVal: LineParser = (rest, escape) => ({ args: parseWords(rest, escape), json: false });

function nameVal(key: string): LineParser {
  return (rest, escape) => {
    const words = parseWords(rest, escape);
    if (words.length === 0) throw new InstructionSyntaxError(`${key} requires at least one argument`);
    const first = words[0] as Word;
    if (!first.value.includes('=')) {
      const s = rest.value;
      let i = 0;
      while (i < s.length && !isSplitSpace(s[i])) i++;
      let j = i;
      while (j < s.length && isSplitSpace(s[j])) j++;
      if (i === s.length) throw new InstructionSyntaxError(`${key} must have two arguments`);
      const name = { value: s.slice(0, i), start: rest.start, end: rest.start + i };
      const value = { value: s.slice(j), start: rest.start + j, end: rest.end };
      return { args: [name, value, { value: '', start: rest.end, end: rest.end }], json: false };
    }
    const args: Word[] = [];
    for (const w of words) {
      const eq = w.value.indexOf('=');
      if (eq < 0) throw new InstructionSyntaxError(`Syntax error - can't find = in ${JSON.stringify(w.value)}. Must be of the form: name=value`);
      args.push({ value: w.value.slice(0, eq), start: w.start, end: w.start + eq });
      args.push({ value: w.value.slice(eq + 1), start: w.start + eq + 1, end: w.end });
      args.push({ value: '=', start: w.start + eq, end: w.start + eq + 1 });
    }
    return { args, json: false };
  };
}

const healthConfig: LineParser = (rest, escape) => {
  const s = rest.value;
  let sep = 0;
  while (sep < s.length && !isGoSpace(s[sep])) sep++;
  let next = sep;
  while (next < s.length && isGoSpace(s[next])) next++;
  if (sep === 0) return { args: [], json: false };
  const type = { value: s.slice(0, sep), start: rest.start, end: rest.start + sep };
  const cmd = maybeJSON({ value: s.slice(next), start: rest.start + next, end: rest.end }, escape);
  return { args: [type, ...cmd.args], json: cmd.json };
};

const subCommand: LineParser = (rest, escape) => {
  if (rest.value === '') return { args: [], json: false };
  return { args: [], json: false, sub: parseInstructionLine(rest.value, escape, rest.start) };
};

const DISPATCH: Record<string, LineParser> = {
  add: maybeJSONToList,
  arg: nameOrNameVal,
  cmd: maybeJSON,
  copy: maybeJSONToList,
  entrypoint: maybeJSON,
  env: nameVal('ENV'),
  expose: whitespaceDelimited,
  from: whitespaceDelimited,
  healthcheck: healthConfig,
  label: nameVal('LABEL'),
  maintainer: plainString,
  onbuild: subCommand,
  run: maybeJSON,
  shell: maybeJSON,
  stopsignal: plainString,
  user: plainString,
  volume: maybeJSONToList,
  workdir: plainString,
};

export const KNOWN_INSTRUCTIONS = Object.keys(DISPATCH);
