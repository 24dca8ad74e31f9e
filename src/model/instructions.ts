import type { ParsedInstructionLine, Word } from '../parse/args.ts';
import { KNOWN_INSTRUCTIONS } from '../parse/args.ts';
import type { BkNode } from '../parse/buildkit.ts';
import { MappedText } from '../parse/scanner.ts';
import type { SourceText } from '../parse/source.ts';
import type { Arg, Flag, Form, Heredoc, Instruction } from './types.ts';

const KNOWN = new Set(KNOWN_INSTRUCTIONS.map((k) => k.toUpperCase()));

function commentsAbove(src: SourceText, line: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (let l = line - 1; l >= 1; l--) {
    const t = src.lineText(l).trim();
    if (!t.startsWith('#')) break;
    out.unshift({ text: t.slice(1).trim(), line: l });
  }
  return out;
}

function makeFlag(src: SourceText, line: MappedText, w: Word): Flag {
  const body = w.value.replace(/^--/, '');
  const eq = body.indexOf('=');
  const [a, b] = line.span(w.start, w.end);
  return {
    name: eq < 0 ? body : body.slice(0, eq),
    value: eq < 0 ? undefined : body.slice(eq + 1),
    range: src.range(a, b),
  };
}

/** Builds model instructions from BuildKit's nodes; values are expanded later, per stage. */
export function buildInstruction(
  src: SourceText,
  node: BkNode,
  parsed: ParsedInstructionLine,
  index: number,
): Instruction {
  const line = node.line;
  const keyword = parsed.keyword.toUpperCase();
  const span = (w: Word) => {
    const [a, b] = line.span(w.start, w.end);
    return src.range(a, b);
  };
  const args: Arg[] = parsed.args.map((w) => ({ raw: w.value, value: w.value, range: span(w), unset: [] }));
  const heredocs: Heredoc[] = node.heredocs.map((h) => {
    const body = new MappedText();
    body.append(src.text, h.contentStart, h.contentEnd);
    body.close(h.contentEnd);
    return { name: h.name, chomp: h.chomp, expand: h.expand, content: h.content, contentRange: src.range(h.contentStart, h.contentEnd), body };
  });
  let form: Form = 'none';
  if (parsed.json) form = 'exec';
  else if (heredocs.length > 0) form = 'heredoc';
  else if (parsed.rest.value !== '') form = 'shell';
  const [ls, le] = line.span(0, line.text.length);
  const endOffset = node.endLine > node.lastLine ? src.lineStart(node.endLine) + src.lineText(node.endLine).length : le;
  const instruction: Instruction = {
    index,
    keyword,
    known: KNOWN.has(keyword),
    range: src.range(ls, Math.max(le, endOffset)),
    keywordRange: span(parsed.keywordSpan),
    argsRange: span(parsed.rest),
    form,
    flags: parsed.flags.map((f) => makeFlag(src, line, f)),
    args,
    line,
    rest: line.slice(parsed.rest.start, parsed.rest.end),
    heredocs,
    stage: undefined,
    shell: [],
    comments: commentsAbove(src, node.startLine),
    emptyContinuationLines: node.emptyContinuationLines,
  };
  if (parsed.sub) instruction.trigger = buildInstruction(src, { ...node, heredocs: [] }, parsed.sub, index);
  return instruction;
}
