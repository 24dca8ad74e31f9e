// Turns a source range into a CmdWord: raw text, unquoted value with a
// per-character source map, and literal/variable parts.
import type { CmdLiteralPart, CmdWord, CmdWordPart } from './ast.ts';
import { CARET, CR, LF, PERCENT, QUOTE } from './chars.ts';
import { matchNamedVariable, matchPercent } from './variables.ts';

const BANG = 33;

const NO_FOR_VARS: readonly string[] = [];

// Characters that make a word need more than a plain copy.
const SPECIAL = /["^%!]/;

function isSpecial(c: number): boolean {
  return c === QUOTE || c === CARET || c === PERCENT || c === BANG;
}

function range(from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let i = from; i < to; i++) out[i - from] = i;
  return out;
}

/**
 * Builds the word for `text.slice(start, end)`. `forVars` are the for-loop
 * variable letters in scope. The quote state starts closed; cmd's quote
 * state never spans two words because unquoted whitespace ends a word.
 */
export function buildWord(text: string, start: number, end: number, forVars: readonly string[] = NO_FOR_VARS): CmdWord {
  const raw = text.slice(start, end);
  if (!SPECIAL.test(raw)) {
    // Plain text (most words): one literal part; the word and the part share
    // their offsets array.
    const offsets = range(start, end + 1);
    const parts: CmdWordPart[] = raw.length > 0 ? [{ type: 'Literal', start, end, value: raw, offsets, quoted: false }] : [];
    return { type: 'Word', start, end, raw, value: raw, offsets, parts, quoted: false };
  }
  return new WordScanner(text, forVars).scan(start, end, raw);
}

class WordScanner {
  private readonly text: string;
  private readonly forVars: readonly string[];
  private readonly parts: CmdWordPart[] = [];
  private readonly chunks: string[] = [];
  private readonly offsets: number[] = [];
  private inQuote = false;
  // The literal run being collected; -1 when none.
  private litStart = -1;
  private litChars: string[] = [];
  private litOffsets: number[] = [];
  private litQuoted = false;

  constructor(text: string, forVars: readonly string[]) {
    this.text = text;
    this.forVars = forVars;
  }

  scan(start: number, end: number, raw: string): CmdWord {
    const text = this.text;
    let quoted = false;
    let lastEnd = start; // source offset just after the last value character
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === PERCENT || c === BANG) {
        const m = c === PERCENT ? matchPercent(text, i, this.forVars) : matchNamedVariable(text, i, BANG);
        if (m && m.end <= end) {
          this.flush(i);
          const name = text.slice(i, m.end);
          this.parts.push({ type: 'Variable', start: i, end: m.end, raw: name, kind: m.kind, name: m.name, modifier: m.modifier, quoted: this.inQuote });
          this.chunks.push(name);
          for (let k = i; k < m.end; k++) this.offsets.push(k);
          i = lastEnd = m.end;
          continue;
        }
      }
      if (c === QUOTE) {
        // The quote is not part of the value, and each part is either wholly
        // quoted or wholly unquoted.
        quoted = true;
        this.flush(i);
        this.inQuote = !this.inQuote;
        i++;
        continue;
      }
      if (c === CARET && !this.inQuote) {
        let j = i + 1;
        // `^` + line break: continuation; the break is dropped and the next
        // character is taken literally.
        if (text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF) j += 2;
        else if (text.charCodeAt(j) === LF) j += 1;
        if (j < end) {
          this.add(j, i);
          i = lastEnd = j + 1;
        } else {
          i = end; // a trailing caret escapes nothing and is dropped
        }
        continue;
      }
      // A run of plain characters is copied in one piece.
      let j = i + 1;
      while (j < end && !isSpecial(text.charCodeAt(j))) j++;
      this.addRun(i, j);
      i = lastEnd = j;
    }
    this.flush(lastEnd);
    this.offsets.push(lastEnd);
    return { type: 'Word', start, end, raw, value: this.chunks.join(''), offsets: this.offsets, parts: this.parts, quoted };
  }

  // Adds the character at `at` to the value; `partStart` is where its source
  // begins (the caret of an escape).
  private add(at: number, partStart: number): void {
    if (this.litStart >= 0 && this.litQuoted !== this.inQuote) this.flush(partStart);
    if (this.litStart < 0) {
      this.litStart = partStart;
      this.litQuoted = this.inQuote;
    }
    this.litChars.push(this.text[at] as string);
    this.litOffsets.push(at);
    this.offsets.push(at);
  }

  private addRun(from: number, to: number): void {
    if (this.litStart >= 0 && this.litQuoted !== this.inQuote) this.flush(from);
    if (this.litStart < 0) {
      this.litStart = from;
      this.litQuoted = this.inQuote;
    }
    this.litChars.push(this.text.slice(from, to));
    for (let k = from; k < to; k++) {
      this.litOffsets.push(k);
      this.offsets.push(k);
    }
  }

  private flush(at: number): void {
    if (this.litStart < 0) return;
    const value = this.litChars.join('');
    this.litOffsets.push(at);
    const part: CmdLiteralPart = { type: 'Literal', start: this.litStart, end: at, value, offsets: this.litOffsets, quoted: this.litQuoted };
    this.parts.push(part);
    this.chunks.push(value);
    this.litStart = -1;
    this.litChars = [];
    this.litOffsets = [];
  }
}

/** Text with the source offset of each character (plus one end entry). */
export interface CmdMappedText {
  text: string;
  /** Source offset of each character of `text`, plus an end entry (an array or a typed array). */
  offsets: ArrayLike<number>;
}

/** Like cmdText, without the source map (echo text, set values). */
export function cmdString(text: string, start: number, end: number, skip: readonly { start: number; end: number }[] = []): string {
  if (skip.length === 0) {
    const slice = text.slice(start, end);
    if (!slice.includes('^')) return slice;
  }
  return cmdText(text, start, end, skip).text;
}

/**
 * The text cmd hands on for a source range: carets outside quotes removed,
 * quotes kept, `skip` ranges (redirections, sorted) cut out. This is what a
 * program receives as its command line and what `echo`/`set` use.
 */
export function cmdText(text: string, start: number, end: number, skip: readonly { start: number; end: number }[] = []): CmdMappedText {
  // Copied in runs and mapped by one typed array: a megabyte-long command line character by
  // character cost tens of megabytes of garbage.
  const offsets = new Int32Array(Math.max(0, end - start) + 1);
  const parts: string[] = [];
  let w = 0;
  let inQuote = false;
  let k = 0;
  let last = start;
  let i = start;
  let run = start; // start of the characters copied as they are since the last cut
  while (i < end) {
    const s = skip[k];
    if (s && i >= s.start) {
      if (i > run) parts.push(text.slice(run, i));
      if (i < s.end) i = s.end;
      run = i;
      k++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === CARET && !inQuote) {
      if (i > run) parts.push(text.slice(run, i));
      let j = i + 1;
      if (text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF) j += 2;
      else if (text.charCodeAt(j) === LF) j += 1;
      if (j < end) {
        parts.push(text[j] as string);
        offsets[w++] = j;
      }
      i = j + 1;
      run = i;
      last = Math.min(i, end);
      continue;
    }
    offsets[w++] = i;
    i++;
    last = i;
  }
  if (run < end) parts.push(text.slice(run, end));
  offsets[w++] = last;
  return { text: parts.join(''), offsets: offsets.subarray(0, w) };
}

/**
 * Maps the value range [from, to) of a word (or any mapped text) back to the
 * source range it came from. An empty range maps to an empty source range.
 */
export function sourceRange(mapped: { offsets: ArrayLike<number> }, from: number, to: number): { start: number; end: number } {
  const o = mapped.offsets;
  const last = o.length - 1;
  const a = Math.max(0, Math.min(from, last));
  const b = Math.max(a, Math.min(to, last));
  const start = o[a] ?? 0;
  if (b === a) return { start, end: start };
  // The end is one past the source position of the last character, so that
  // quotes and carets after it are not pulled into the range.
  return { start, end: (o[b - 1] ?? start) + 1 };
}
