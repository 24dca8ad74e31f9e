import type { ParsedInstructionLine } from './args.ts';
import { goQuote } from './chars.ts';

/** BuildKit's `Node.Dump()` of one instruction, used to prove parser conformance. */
export function dumpInstruction(p: ParsedInstructionLine): string {
  let s = p.keyword.toLowerCase();
  if (p.flags.length > 0) s += ' [' + p.flags.map((f) => goQuote(f.value)).join(' ') + ']';
  if (p.sub) s += ' (' + dumpInstruction(p.sub) + ')';
  for (const a of p.args) s += ' ' + goQuote(a.value);
  return s.trim();
}
