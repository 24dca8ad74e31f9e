import { isGoSpace } from './chars.ts';
import type { EscapeChar } from './directives.ts';
import type { SourceText } from './source.ts';

/** A line of text assembled from pieces of the file, with the file offset of every character. */
export class MappedText {
  text = '';
  /** offsets[i] is the file offset of text[i]; one extra entry holds the end offset. */
  offsets: number[] = [];

  append(src: string, from: number, to: number): void {
    this.text += src.slice(from, to);
    for (let i = from; i < to; i++) this.offsets.push(i);
  }

  close(end: number): void {
    this.offsets.push(end);
  }

  /** File offset span of text[start, end). */
  span(start: number, end: number): [number, number] {
    const a = this.offsets[start] ?? this.offsets[this.offsets.length - 1] ?? 0;
    if (end <= start) return [a, a];
    const last = this.offsets[end - 1] ?? a;
    return [a, last + 1];
  }
}

export interface ScannedLine {
  /** The logical line with continuations joined, comment lines dropped, as BuildKit builds it. */
  line: MappedText;
  startLine: number;
  /** Last line of the instruction itself, before any heredoc body. */
  lastLine: number;
  endLine: number;
  /** Comments directly above (BuildKit's PrevComment), used for pragmas. */
  comments: string[];
  emptyContinuationLines: number[];
  /** Comment lines inside the continuation, which BuildKit drops. */
  innerCommentLines: number[];
}

function isComment(raw: string): boolean {
  let i = 0;
  while (i < raw.length && isGoSpace(raw[i])) i++;
  return raw[i] === '#';
}

function isBlank(raw: string): boolean {
  for (const c of raw) if (!isGoSpace(c)) return false;
  return true;
}

/**
 * Index where the continuation marker starts (escape char + trailing blanks), or -1. BuildKit's
 * pattern is `([^E])E[ \t]*$|^E[ \t]*$`: a doubled escape at the end is not a continuation.
 */
function continuationAt(raw: string, from: number, escape: EscapeChar): number {
  let end = raw.length;
  while (end > from && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
  if (end <= from || raw[end - 1] !== escape) return -1;
  return end - 1 === from || raw[end - 2] !== escape ? end - 1 : -1;
}

/**
 * Splits a Dockerfile into BuildKit's logical lines (parser/parser.go `Parse`): comment lines are
 * skipped even inside a continuation, blank continuation lines are skipped (and remembered, since
 * BuildKit warns about them), and a line ending in the escape character continues on the next.
 * Heredoc bodies are consumed by the caller through `readHeredoc`.
 */
export class LineScanner {
  private next = 1;
  private comments: string[] = [];

  constructor(
    private readonly src: SourceText,
    private readonly escape: EscapeChar,
  ) {}

  get line(): number {
    return this.next;
  }

  scan(): ScannedLine | undefined {
    const src = this.src;
    while (this.next <= src.lineCount) {
      const ln = this.next++;
      const raw = src.lineText(ln);
      if (isComment(raw)) {
        const body = raw.slice(raw.indexOf('#') + 1).trim();
        if (body === '') this.comments = [];
        else this.comments.push(body);
        continue;
      }
      let lead = 0;
      while (lead < raw.length && isGoSpace(raw[lead])) lead++;
      const base = src.lineStart(ln);
      const text = new MappedText();
      const cont = continuationAt(raw, lead, this.escape);
      if (cont < 0) {
        if (lead === raw.length) continue;
        text.append(src.text, base + lead, base + raw.length);
        text.close(base + raw.length);
        return this.finish(text, ln, ln, [], []);
      }
      text.append(src.text, base + lead, base + cont);
      const empty: number[] = [];
      const inner: number[] = [];
      let last = ln;
      let ended = false;
      while (!ended && this.next <= src.lineCount) {
        const cl = this.next++;
        const craw = src.lineText(cl);
        last = cl;
        if (isComment(craw)) {
          inner.push(cl);
          continue;
        }
        if (isBlank(craw)) {
          empty.push(cl);
          continue;
        }
        const cbase = src.lineStart(cl);
        const ccont = continuationAt(craw, 0, this.escape);
        if (ccont < 0) {
          text.append(src.text, cbase, cbase + craw.length);
          ended = true;
        } else {
          text.append(src.text, cbase, cbase + ccont);
        }
      }
      const endOffset = src.lineStart(last) + src.lineText(last).length;
      text.close(endOffset);
      // A line that was only an escape character and blank lines yields nothing, like BuildKit.
      if (text.text.trim() === '' && !ended) continue;
      return this.finish(text, ln, last, empty, inner);
    }
    return undefined;
  }

  private finish(line: MappedText, start: number, last: number, empty: number[], inner: number[]): ScannedLine {
    const comments = this.comments;
    this.comments = [];
    return { line, startLine: start, lastLine: last, endLine: last, comments, emptyContinuationLines: empty, innerCommentLines: inner };
  }

  /**
   * Reads a heredoc body up to its terminator. Returns undefined (and consumes the rest of the
   * file) when the terminator never comes, which BuildKit rejects as "unterminated heredoc".
   */
  readHeredoc(name: string, chomp: boolean): { content: string; contentStart: number; contentEnd: number; endLine: number } | undefined {
    const src = this.src;
    const startLine = this.next;
    const contentStart = src.lineStart(startLine);
    let content = '';
    while (this.next <= src.lineCount) {
      const ln = this.next++;
      const raw = src.lineText(ln);
      const candidate = chomp ? raw.replace(/^\t+/, '') : raw;
      if (candidate === name) {
        return { content, contentStart, contentEnd: src.lineStart(ln), endLine: ln };
      }
      content += raw + '\n';
    }
    return undefined;
  }
}
