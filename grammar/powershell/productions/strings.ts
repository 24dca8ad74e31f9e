// Builds string and word nodes from tokens. Not grammar rules: a string is a
// single token, and its parts are found by re-scanning the token text. The
// `$( )` subexpressions inside strings are queued and parsed after the
// enclosing parse finishes (the parser is a singleton and not re-entrant).

import type { IToken } from 'chevrotain';
import type {
  BareWord, ExpandableString, ExpandableWord, Expression, StringLiteral, StringPart, SubExpression, Variable,
} from '../ast.ts';
import {
  backtickEscape, isDoubleQuote, isSingleQuote, scanHereString, scanSingleQuoted, scanSubexpression, scanVariable,
  scanDoubleQuoted,
} from '../scanners.ts';

export interface StringContext {
  readonly src: string;
  readonly base: number;
  addError(message: string, start: number, end: number): void;
  /** Queue `src[innerStart, innerEnd)` (relative offsets) to be parsed as the statements of `node`. */
  queueSubexpression(node: SubExpression, innerStart: number, innerEnd: number): void;
}

/** Builds a Variable node from the raw text of a variable token (`$x`, `$env:PATH`, `${a b}`). */
export function variableNode(raw: string, start: number, end: number): Variable {
  let body: string;
  let braced = false;
  if (raw.startsWith('${')) {
    braced = true;
    body = raw.endsWith('}') ? raw.slice(2, -1) : raw.slice(2);
    body = body.replace(/`(.)/g, '$1');
  } else {
    body = raw.slice(1);
  }
  const colon = body.indexOf(':');
  // A one-letter "scope" in a braced name is a drive (`${c:\x}`); keep it as a scope too.
  if (colon > 0 && /^[\p{L}\p{N}_]+$/u.test(body.slice(0, colon))) {
    return { type: 'Variable', name: body.slice(colon + 1), scope: body.slice(0, colon).toLowerCase(), braced, start, end };
  }
  return { type: 'Variable', name: body, braced, start, end };
}

function escapeAt(src: string, i: number, limit: number): { value: string; next: number } {
  const c = src[i + 1];
  if (i + 1 >= limit || c === undefined) return { value: '`', next: i + 1 };
  if (c === 'u' && src[i + 2] === '{') {
    const close = src.indexOf('}', i + 3);
    if (close > 0 && close < limit) {
      const cp = Number.parseInt(src.slice(i + 3, close), 16);
      if (Number.isFinite(cp) && cp <= 0x10ffff) return { value: String.fromCodePoint(cp), next: close + 1 };
    }
  }
  return { value: backtickEscape(c), next: i + 2 };
}

/** Accumulates literal text and expansion nodes; merges adjacent text. */
export class PartsBuilder {
  readonly parts: StringPart[] = [];
  private text = '';
  private textStart = -1;
  private textEnd = -1;

  constructor(private readonly base: number) {}

  addText(value: string, start: number, end: number): void {
    if (this.textStart < 0) this.textStart = start;
    this.text += value;
    this.textEnd = end;
  }

  addNode(node: Variable | SubExpression): void {
    this.flush();
    this.parts.push(node);
  }

  flush(): void {
    if (this.textStart >= 0) {
      this.parts.push({ type: 'StringText', value: this.text, start: this.textStart + this.base, end: this.textEnd + this.base });
      this.text = '';
      this.textStart = -1;
    }
  }

  get hasExpansions(): boolean {
    return this.parts.some((p) => p.type !== 'StringText') ;
  }

  staticText(): string {
    return this.parts.map((p) => (p.type === 'StringText' ? p.value : '')).join('') + this.text;
  }
}

/** Scans `src[from, to)` as the body of an expandable string and feeds `out`. */
function scanExpandableBody(ctx: StringContext, out: PartsBuilder, from: number, to: number, here: boolean): void {
  const { src, base } = ctx;
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === '`') {
      const esc = escapeAt(src, i, to);
      out.addText(esc.value, i, esc.next);
      i = esc.next;
      continue;
    }
    if (!here && isDoubleQuote(c) && i + 1 < to && isDoubleQuote(src[i + 1])) {
      out.addText(c, i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$') {
      if (src[i + 1] === '(') {
        const scan = scanSubexpression(src, i + 2);
        const end = Math.min(scan.end, to);
        const node: SubExpression = { type: 'SubExpression', statements: [], start: i + base, end: end + base };
        if (!scan.terminated || scan.end > to) ctx.addError("Missing closing ')' in subexpression.", i + base, end + base);
        const innerEnd = scan.terminated && scan.end <= to ? scan.end - 1 : end;
        out.addNode(node);
        ctx.queueSubexpression(node, i + 2, innerEnd);
        i = end;
        continue;
      }
      const varEnd = scanVariable(src, i);
      if (varEnd > i && varEnd <= to) {
        out.addNode(variableNode(src.slice(i, varEnd), i + base, varEnd + base));
        i = varEnd;
        continue;
      }
    }
    out.addText(c, i, i + 1);
    i++;
  }
}

/** StringLiteral / ExpandableString for a string token. */
/** A single-quoted body's value: each doubled quote stands for one (copied in runs, not by character). */
function undoubleQuotes(body: string): string {
  let value = '';
  let run = 0;
  for (let i = 0; i < body.length; i++) {
    if (isSingleQuote(body[i]) && isSingleQuote(body[i + 1])) {
      value += body.slice(run, i + 1);
      i++;
      run = i + 1;
    }
  }
  return run === 0 ? body : value + body.slice(run);
}

export function stringNode(ctx: StringContext, tok: IToken, kind: 'sq' | 'dq' | 'hsq' | 'hdq'): StringLiteral | ExpandableString {
  const { src, base } = ctx;
  const s = tok.startOffset;
  const e = s + tok.image.length;
  const start = s + base;
  const end = e + base;
  if (kind === 'sq') {
    const scan = scanSingleQuoted(src, s);
    if (!scan.terminated) ctx.addError("The string is missing the terminator: '.", start, end);
    const body = src.slice(s + 1, scan.terminated ? e - 1 : e);
    return { type: 'StringLiteral', value: undoubleQuotes(body), quote: 'single', here: false, start, end };
  }
  if (kind === 'hsq' || kind === 'hdq') {
    const scan = scanHereString(src, s);
    if (!scan || !scan.terminated) ctx.addError(`The string is missing the terminator: ${kind === 'hsq' ? "'@" : '"@'}.`, start, end);
    const bodyStart = scan?.bodyStart ?? e;
    const bodyEnd = Math.min(scan?.bodyEnd ?? e, e);
    if (kind === 'hsq') return { type: 'StringLiteral', value: src.slice(bodyStart, bodyEnd), quote: 'single', here: true, start, end };
    return finishExpandable(ctx, bodyStart, bodyEnd, true, start, end);
  }
  const scan = scanDoubleQuoted(src, s);
  if (!scan.terminated) ctx.addError('The string is missing the terminator: ".', start, end);
  return finishExpandable(ctx, s + 1, scan.terminated ? e - 1 : e, false, start, end);
}

function finishExpandable(ctx: StringContext, from: number, to: number, here: boolean, start: number, end: number): StringLiteral | ExpandableString {
  const out = new PartsBuilder(ctx.base);
  scanExpandableBody(ctx, out, from, to, here);
  out.flush();
  if (!out.hasExpansions) return { type: 'StringLiteral', value: out.staticText(), quote: 'double', here, start, end };
  return { type: 'ExpandableString', parts: out.parts, here, start, end };
}

/** Adds one token of a command-mode word to `out`. */
export function addWordToken(ctx: StringContext, out: PartsBuilder, tok: IToken, kind: 'text' | 'escape' | 'variable' | 'sq' | 'dq' | 'hsq' | 'hdq'): void {
  const s = tok.startOffset;
  const e = s + tok.image.length;
  switch (kind) {
    case 'escape': {
      const esc = escapeAt(ctx.src, s, e);
      out.addText(esc.value, s, e);
      return;
    }
    case 'variable':
      out.addNode(variableNode(tok.image, s + ctx.base, e + ctx.base));
      return;
    case 'text':
      out.addText(tok.image, s, e);
      return;
    default: {
      const node = stringNode(ctx, tok, kind);
      if (node.type === 'StringLiteral') out.addText(node.value, s, e);
      else for (const p of node.parts) {
        if (p.type === 'StringText') out.addText(p.value, p.start - ctx.base, p.end - ctx.base);
        else out.addNode(p);
      }
    }
  }
}

/** Turns accumulated parts into a BareWord or an ExpandableWord. */
export function finishWord(out: PartsBuilder, start: number, end: number): BareWord | ExpandableWord {
  out.flush();
  if (!out.hasExpansions) return { type: 'BareWord', value: out.staticText(), start, end };
  return { type: 'ExpandableWord', parts: out.parts, start, end };
}

export function isStringNode(e: Expression): e is StringLiteral | ExpandableString {
  return e.type === 'StringLiteral' || e.type === 'ExpandableString';
}
