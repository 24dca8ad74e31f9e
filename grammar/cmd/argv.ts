// What an external program sees as its arguments.
//
// cmd does not split arguments: it hands the program the rest of the line
// (carets removed, redirections cut out, quotes kept) and the program's C
// runtime splits it. The runtime's rules differ from cmd's: `\"` is a literal
// quote to the program but toggles quoting for cmd, so `CmdWord`s (split by
// cmd's rules) and the program's argv can disagree. PowerShell, msiexec & co.
// use the runtime rules implemented here (those of the Microsoft UCRT).
import type { CmdInvocation, CmdSpan } from './ast.ts';
import { cmdText } from './words.ts';
import type { CmdMappedText } from './words.ts';

export interface CmdArgument extends CmdSpan {
  /** The argument as the program receives it. */
  value: string;
  /** Source offset of each character of `value`, plus an end entry. */
  offsets: ArrayLike<number>;
}

const QUOTE = 34;
const BACKSLASH = 92;

function isArgBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** The program's command line after its name: text plus source map. */
export function commandTail(source: string, cmd: CmdInvocation): CmdMappedText {
  const last = cmd.args[cmd.args.length - 1];
  const end = last ? last.end : cmd.name.end;
  const skip = [...cmd.redirections].sort((a, b) => a.start - b.start);
  return cmdText(source, cmd.name.end, end, skip);
}

/** argv[1..] of an external command, split by the C runtime's rules. */
export function programArguments(source: string, cmd: CmdInvocation): CmdArgument[] {
  return splitArguments(commandTail(source, cmd));
}

/** Splits a mapped command-line tail into arguments (UCRT rules). */
export function splitArguments(line: CmdMappedText): CmdArgument[] {
  const out: CmdArgument[] = [];
  scanArguments(line, false, (start, end, value, offsets) => out.push({ start, end, value, offsets }));
  return out;
}

/**
 * What `powershell -Command` receives from a command line: its arguments split by the UCRT rules
 * and joined with single spaces, with the source map. The same as joining `splitArguments`, without
 * an object and an offset view per argument (a megabyte-long body has a hundred thousand).
 */
export function joinedArguments(line: CmdMappedText): CmdMappedText {
  const values: string[] = [];
  let last = 0;
  const map = scanArguments(line, true, (_start, _end, value, _offsets, endEntry) => {
    values.push(value);
    last = endEntry;
  });
  // Each argument left a separator slot after itself holding its end; the last one is the end entry.
  if (values.length === 0) return { text: '', offsets: new Int32Array(1) };
  map[map.length - 1] = last;
  return { text: values.join(' '), offsets: map };
}

type ArgumentSink = (start: number, end: number, value: string, offsets: Int32Array, endEntry: number) => void;

/**
 * The UCRT splitting loop. Source offsets of the arguments' characters go into one typed array
 * (per-argument number arrays cost most of the time on megabyte-long lines), each argument followed
 * by one slot: its end entry when split, the separator's offset (the argument's end) when joined.
 * Returns the filled part of that array.
 */
function scanArguments(line: CmdMappedText, joined: boolean, sink: ArgumentSink): Int32Array {
  const s = line.text;
  const map = line.offsets;
  // Joined, values and separators never outnumber the characters; split, each argument needs an
  // end entry besides (at most one more argument than blanks).
  let blanks = 0;
  if (!joined) for (let k = 0; k < s.length; k++) if (isArgBlank(s.charCodeAt(k))) blanks++;
  const store = new Int32Array(s.length + blanks + 2);
  let w = 0;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isArgBlank(s.charCodeAt(i))) i++;
    if (i >= s.length) break;
    const first = i;
    const from = w;
    // The value is built from slices: a megabyte-long argument as single characters cost ~0.5 s.
    let value = '';
    let inQuote = false;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (!inQuote && isArgBlank(c)) break;
      if (c === BACKSLASH) {
        let j = i;
        while (j < s.length && s.charCodeAt(j) === BACKSLASH) j++;
        const count = j - i;
        if (s.charCodeAt(j) === QUOTE) {
          // 2n backslashes + quote: n backslashes, quote toggles;
          // 2n+1 backslashes + quote: n backslashes and a literal quote.
          for (let k = 0; k < count >> 1; k++) store[w++] = map[i + 2 * k + 1] as number;
          value += '\\'.repeat(count >> 1);
          if (count % 2 === 1) {
            store[w++] = map[j] as number;
            value += '"';
            i = j + 1;
          } else {
            i = j;
          }
        } else {
          for (let k = i; k < j; k++) store[w++] = map[k] as number;
          value += s.slice(i, j);
          i = j;
        }
        continue;
      }
      if (c === QUOTE) {
        // Inside quotes `""` is a literal quote and quoting continues.
        if (inQuote && s.charCodeAt(i + 1) === QUOTE) {
          store[w++] = map[i + 1] as number;
          value += '"';
          i += 2;
          continue;
        }
        inQuote = !inQuote;
        i++;
        continue;
      }
      const run = i;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === BACKSLASH || d === QUOTE || (!inQuote && isArgBlank(d))) break;
        store[w++] = map[i] as number;
        i++;
      }
      value += s.slice(run, i);
    }
    const endOffset = (map[i - 1] ?? map[first] ?? 0) + 1;
    const endEntry = w > from ? (store[w - 1] as number) + 1 : endOffset;
    store[w++] = joined ? endOffset : endEntry;
    sink(map[first] as number, endOffset, value, joined ? store : store.subarray(from, w), endEntry);
  }
  return store.subarray(0, w);
}
