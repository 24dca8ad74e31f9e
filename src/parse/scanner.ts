import { isGoSpace } from './chars.ts';
import type { EscapeChar } from './directives.ts';
import type { SourceText } from './source.ts';

/**
 * A line of text assembled from pieces of the file, with the file offset of every character.
 * Stored as segments (a text position and the file offset it starts at) rather than one offset per
 * character: most lines are one or two pieces, and the model keeps several of these per instruction.
 */
export class MappedText {
  text = '';
  private readonly segText: number[] = [];
  private readonly segSrc: number[] = [];
  private end = 0;

  append(src: string, from: number, to: number): void {
    if (to <= from) return;
    this.segText.push(this.text.length);
    this.segSrc.push(from);
    this.text += src.slice(from, to);
  }

  close(end: number): void {
    this.end = end;
  }

  /** File offset of text[i]; the end offset for i at or past the end. */
  offsetAt(i: number): number {
    if (i >= this.text.length || this.segText.length === 0) return this.end;
    let lo = 0;
    let hi = this.segText.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.segText[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return (this.segSrc[lo] as number) + i - (this.segText[lo] as number);
  }

  /** offsets[i] is the file offset of text[i]; one extra entry holds the end offset. */
  get offsets(): Int32Array {
    const out = new Int32Array(this.text.length + 1);
    for (let k = 0; k < this.segText.length; k++) {
      const from = this.segText[k] as number;
      const to = (this.segText[k + 1] as number | undefined) ?? this.text.length;
      const src = (this.segSrc[k] as number) - from;
      for (let i = from; i < to; i++) out[i] = src + i;
    }
    out[this.text.length] = this.end;
    return out;
  }

  /** File offset span of text[start, end). */
  span(start: number, end: number): [number, number] {
    const a = this.offsetAt(start);
    if (end <= start) return [a, a];
    return [a, this.offsetAt(end - 1) + 1];
  }

  /** The slice [start, end), still mapped to the file. */
  slice(start: number, end: number): MappedText {
    const out = new MappedText();
    for (let k = 0; k < this.segText.length; k++) {
      const a = Math.max(start, this.segText[k] as number);
      const b = Math.min(end, (this.segText[k + 1] as number | undefined) ?? this.text.length);
      if (b <= a) continue;
      const src = (this.segSrc[k] as number) + a - (this.segText[k] as number);
      out.segText.push(out.text.length);
      out.segSrc.push(src);
      out.text += this.text.slice(a, b);
    }
    out.end = this.span(start, end)[1];
    return out;
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
