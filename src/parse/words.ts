import { isGoSpace } from './chars.ts';
import type { EscapeChar } from './directives.ts';

/** Variable lookup; `undefined` means unset (an empty string is a set, empty variable). */
export type Env = (name: string) => string | undefined;

export class ExpansionError extends Error {}

export interface Expansion {
  value: string;
  /** Names that were referenced but unset, so the value may differ at build time. */
  unset: string[];
}

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/** Accumulates whitespace-split words the way BuildKit's wordsStruct does. */
class Words {
  word = '';
  words: string[] = [];
  inWord = false;
  addChar(ch: string): void {
    if (isGoSpace(ch)) {
      if (this.inWord && this.word.length > 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else this.addRaw(ch);
  }
  addRaw(s: string): void {
    this.word += s;
    this.inWord = true;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }
  get(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

/**
 * BuildKit's word expansion (frontend/dockerfile/shell/lex.go): quote removal, escapes and
 * `$VAR`/`${VAR...}` substitution as applied to COPY, ADD, WORKDIR, ENV, LABEL, USER, VOLUME,
 * STOPSIGNAL, ARG, EXPOSE and FROM. Environment keys are case-sensitive, as on a Linux builder.
 */
class Lexer {
  private pos = 0;
  private readonly chars: string[];
  readonly unset = new Set<string>();

  constructor(
    text: string,
    private readonly escape: EscapeChar,
    private readonly env: Env,
  ) {
    this.chars = Array.from(text);
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }
  private next(): string | undefined {
    return this.chars[this.pos++];
  }

  run(): { result: string; words: string[] } {
    return this.stopOn(undefined);
  }

  private stopOn(stop: string | undefined): { result: string; words: string[] } {
    let result = '';
    const words = new Words();
    while (this.peek() !== undefined) {
      const ch = this.peek() as string;
      if (stop !== undefined && ch === stop) {
        this.next();
        return { result, words: words.get() };
      }
      if (ch === "'") {
        const s = this.singleQuote();
        result += s;
        words.addRaw(s);
      } else if (ch === '"') {
        const s = this.doubleQuote();
        result += s;
        words.addRaw(s);
      } else if (ch === '$') {
        const s = this.dollar();
        result += s;
        words.addString(s);
      } else {
        let c = this.next() as string;
        if (c === this.escape) {
          const n = this.next();
          if (n === undefined) break;
          c = n;
          words.addRaw(c);
        } else words.addChar(c);
        result += c;
      }
    }
    if (stop !== undefined) throw new ExpansionError(`unexpected end of statement while looking for matching ${stop}`);
    return { result, words: words.get() };
  }

  private singleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (c === "'") return out;
      out += c;
    }
  }

  private doubleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const p = this.peek();
      if (p === undefined) throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        this.next();
        return out;
      }
      if (p === '$') {
        out += this.dollar();
        continue;
      }
      let c = this.next() as string;
      if (c === this.escape) {
        const n = this.peek();
        if (n === undefined) continue;
        if (n === '"' || n === '$' || n === this.escape) c = this.next() as string;
      }
      out += c;
    }
  }

  private name(): string {
    let name = '';
    while (this.peek() !== undefined) {
      const c = this.peek() as string;
      if (name === '' && isDigit(c)) {
        while (this.peek() !== undefined && isDigit(this.peek() as string)) name += this.next();
        return name;
      }
      if (name === '' && SPECIAL.has(c)) return this.next() as string;
      if (!isLetter(c) && !isDigit(c) && c !== '_') break;
      name += this.next();
    }
    return name;
  }

  private lookup(name: string): string | undefined {
    const v = this.env(name);
    if (v === undefined) this.unset.add(name);
    return v;
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      return this.lookup(name) ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new ExpansionError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpansionError('syntax error: bad substitution');
    const name = this.name();
    const ch = this.next();
    if (ch === '}') return this.lookup(name) ?? '';
    if (ch === '?') {
      const word = this.inner();
      const v = this.lookup(name);
      if (v === undefined) throw new ExpansionError(`${name}: ${word || 'is not allowed to be unset'}`);
      return v;
    }
    if (ch === ':') {
      const modifier = this.next();
      const word = this.inner();
      const v = this.lookup(name);
      const value = v ?? '';
      switch (modifier) {
        case '+':
          return value !== '' ? word : value;
        case '-':
          return value === '' ? word : value;
        case '?':
          if (v === undefined) throw new ExpansionError(`${name}: ${word || 'is not allowed to be unset'}`);
          if (value === '') throw new ExpansionError(`${name}: ${word || 'is not allowed to be empty'}`);
          return value;
        default:
          throw new ExpansionError(`unsupported modifier (${modifier ?? ''}) in substitution`);
      }
    }
    if (ch === '#' || ch === '%') {
      const longest = this.peek() === ch;
      if (longest) this.next();
      const pattern = this.inner();
      return trimPattern(this.lookup(name) ?? '', pattern, ch === '#', longest);
    }
    if (ch === '/') {
      const all = this.peek() === '/';
      if (all) this.next();
      const pattern = this.stopOn('/').result;
      const replacement = this.inner();
      return replacePattern(this.lookup(name) ?? '', pattern, replacement, all);
    }
    throw new ExpansionError(ch === undefined ? "syntax error: missing '}'" : "missing ':' in substitution");
  }

  private inner(): string {
    try {
      return this.stopOn('}').result;
    } catch (e) {
      if (this.peek() === undefined) throw new ExpansionError("syntax error: missing '}'");
      throw e;
    }
  }
}

function globToRegExp(pattern: string): string {
  let re = '';
  for (const c of pattern) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

function trimPattern(value: string, pattern: string, prefix: boolean, longest: boolean): string {
  const g = globToRegExp(pattern);
  const lazy = longest ? '' : '?';
  const re = prefix ? new RegExp(`^(?:${g.replace(/\.\*/g, '.*' + lazy)})`, 's') : new RegExp(`(?:${g.replace(/\.\*/g, '.*' + lazy)})$`, 's');
  if (prefix) return value.replace(re, '');
  // For a suffix the shortest match is the one that starts latest.
  if (longest) return value.replace(re, '');
  for (let i = value.length; i >= 0; i--) {
    if (new RegExp(`^(?:${g})$`, 's').test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const re = new RegExp(globToRegExp(pattern), all ? 'gs' : 's');
  return value.replace(re, () => replacement);
}

/** ProcessWord: expand one word (no splitting). */
export function expandWord(text: string, escape: EscapeChar, env: Env): Expansion {
  const lx = new Lexer(text, escape, env);
  const { result } = lx.run();
  return { value: result, unset: [...lx.unset] };
}

/** ProcessWords: expand and split into words (COPY/ADD sources, EXPOSE, VOLUME...). */
export function expandWords(text: string, escape: EscapeChar, env: Env): { words: string[]; unset: string[] } {
  const lx = new Lexer(text, escape, env);
  const { words } = lx.run();
  return { words, unset: [...lx.unset] };
}
