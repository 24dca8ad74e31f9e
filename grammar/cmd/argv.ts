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
  const s = line.text;
  const map = line.offsets;
  const out: CmdArgument[] = [];
  // Every argument's offsets (one per character, plus an end entry) go into one typed array, sized
  // for the line's characters plus one end entry per argument (at most one more than the blanks).
  // Per-argument number arrays cost most of the time on megabyte-long command lines.
  let blanks = 0;
  for (let k = 0; k < s.length; k++) if (isArgBlank(s.charCodeAt(k))) blanks++;
  const store = new Int32Array(s.length + blanks + 2);
  let w = 0;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isArgBlank(s.charCodeAt(i))) i++;
    if (i >= s.length) break;
    const first = i;
    const from = w;
    // The value is built from slices: a megabyte-long argument as single characters cost ~0.5 s.
    const parts: string[] = [];
    const add = (k: number): void => {
      parts.push(s[k] as string);
      store[w++] = map[k] as number;
    };
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
          for (let k = 0; k < count >> 1; k++) add(i + 2 * k + 1);
          if (count % 2 === 1) {
            add(j);
            i = j + 1;
          } else {
            i = j;
          }
        } else {
          for (let k = i; k < j; k++) add(k);
          i = j;
        }
        continue;
      }
      if (c === QUOTE) {
        // Inside quotes `""` is a literal quote and quoting continues.
        if (inQuote && s.charCodeAt(i + 1) === QUOTE) {
          add(i + 1);
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
      parts.push(s.slice(run, i));
    }
    const endOffset = (map[i - 1] ?? map[first] ?? 0) + 1;
    store[w] = w > from ? (store[w - 1] as number) + 1 : endOffset;
    w++;
    out.push({ start: map[first] as number, end: endOffset, value: parts.join(''), offsets: store.subarray(from, w) });
  }
  return out;
}
