import { parseInstructionLine, parseWords, InstructionSyntaxError, type ParsedInstructionLine } from './args.ts';
import { scanDirectives, type DirectiveScan } from './directives.ts';
import { LineScanner, type MappedText, type ScannedLine } from './scanner.ts';
import type { Range, SourceText } from './source.ts';

export interface RawHeredoc {
  name: string;
  chomp: boolean;
  /** A quoted name (`<<"EOF"`) turns off variable expansion in the body. */
  expand: boolean;
  content: string;
  contentStart: number;
  contentEnd: number;
}

/** One instruction as BuildKit's parser produces it, plus where every part came from. */
export interface BkNode {
  parsed: ParsedInstructionLine;
  line: MappedText;
  startLine: number;
  lastLine: number;
  endLine: number;
  comments: string[];
  heredocs: RawHeredoc[];
  emptyContinuationLines: number[];
  innerCommentLines: number[];
}

export interface BkParseError {
  message: string;
  range: Range;
}

export interface BkParse {
  directives: DirectiveScan;
  nodes: BkNode[];
  /** Every logical line, including those whose instruction BuildKit rejects. */
  lines: ScannedLine[];
  errors: BkParseError[];
}

const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;

function heredocsIn(line: string): { name: string; chomp: boolean; expand: boolean }[] {
  if (!line.includes('<<')) return [];
  const out = [];
  for (const w of parseWords({ value: line, start: 0, end: line.length }, '\\')) {
    const m = HEREDOC.exec(w.value);
    if (!m || !m[3]) continue;
    const raw = m[3];
    const name = raw.replace(/["']/g, '');
    if (name === '') continue;
    out.push({ name, chomp: m[2] === '-', expand: name === raw });
  }
  return out;
}

const CAN_HEREDOC = new Set(['run', 'copy', 'add']);

/** BuildKit's `parser.Parse`: the node list it builds, and the errors with which it rejects a file. */
export function parseBuildkit(src: SourceText): BkParse {
  const directives = scanDirectives(src);
  const errors: BkParseError[] = [];
  if (directives.error) errors.push(directives.error);
  const scanner = new LineScanner(src, directives.escape);
  const nodes: BkNode[] = [];
  const lines: ScannedLine[] = [];
  for (let s = scanner.scan(); s; s = scanner.scan()) {
    lines.push(s);
    let parsed: ParsedInstructionLine;
    try {
      parsed = parseInstructionLine(s.line.text, directives.escape);
    } catch (e) {
      if (!(e instanceof InstructionSyntaxError)) throw e;
      const [a, b] = s.line.span(0, s.line.text.length);
      errors.push({ message: e.message, range: src.range(a, b) });
      continue;
    }
    const node: BkNode = { ...s, parsed, heredocs: [] };
    if (CAN_HEREDOC.has(parsed.keyword.toLowerCase()) && !parsed.json) {
      for (const h of heredocsIn(s.line.text)) {
        const body = scanner.readHeredoc(h.name, h.chomp);
        if (!body) {
          const [a] = s.line.span(0, 0);
          errors.push({ message: `unterminated heredoc ${h.name}`, range: src.range(a, src.text.length) });
          break;
        }
        node.heredocs.push({ ...h, content: body.content, contentStart: body.contentStart, contentEnd: body.contentEnd });
        node.endLine = body.endLine;
      }
    }
    nodes.push(node);
  }
  if (nodes.length === 0 && errors.length === 0) {
    errors.push({ message: 'file with no instructions', range: src.range(0, src.text.length) });
  }
  return { directives, nodes, lines, errors };
}
