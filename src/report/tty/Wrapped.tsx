import { Text } from 'ink';
import { Styled, type Token } from './Theme.tsx';

interface Word {
  /** Whitespace before the word; dropped when the word starts a wrapped line. */
  gap: string;
  newline: boolean;
  parts: Token[];
  width: number;
}

const width = (s: string): number => [...s].length;

function words(tokens: Token[]): Word[] {
  const out: Word[] = [];
  let gap = '';
  let newline = false;
  let joinable = false;
  for (const t of tokens) {
    for (const m of t.text.matchAll(/\n|[^\S\n]+|\S+/g)) {
      const piece = m[0];
      if (piece === '\n') {
        if (newline || out.length === 0) out.push({ gap: '', newline, parts: [], width: 0 });
        [gap, newline, joinable] = ['', true, false];
      } else if (/^\s/.test(piece)) {
        [gap, joinable] = [piece, false];
      } else if (joinable) {
        const last = out[out.length - 1] as Word;
        last.parts.push({ text: piece, kind: t.kind });
        last.width += width(piece);
      } else {
        out.push({ gap, newline, parts: [{ text: piece, kind: t.kind }], width: width(piece) });
        [gap, newline, joinable] = ['', false, true];
      }
    }
  }
  return out;
}

/** Cuts a word wider than a whole line into line-sized pieces. */
function split(w: Word, max: number): Word[] {
  if (w.width <= max) return [w];
  const chars = w.parts.flatMap((p) => [...p.text].map((c) => ({ text: c, kind: p.kind })));
  const out: Word[] = [];
  for (let i = 0; i < chars.length; i += max) {
    out.push({ gap: i === 0 ? w.gap : '', newline: i === 0 && w.newline, parts: chars.slice(i, i + max), width: Math.min(max, chars.length - i) });
  }
  return out;
}

/**
 * Greedy word wrap that keeps each token's kind. Ink wraps by itself, but it keeps the space at
 * a break and starts the next line with it, which misaligns hanging indents; lines that already
 * fit are left alone by Ink.
 */
export function wrapTokens(tokens: Token[], max: number): Token[][] {
  const lines: Token[][] = [[]];
  let used = 0;
  for (const w of words(tokens).flatMap((w) => split(w, max))) {
    const line = lines[lines.length - 1] as Token[];
    if (w.newline) {
      // Indentation the author put after a line break is kept; a wrapped line starts flush.
      lines.push(w.gap ? [{ text: w.gap }, ...w.parts] : [...w.parts]);
      used = width(w.gap) + w.width;
    } else if (used > 0 && used + width(w.gap) + w.width > max) {
      lines.push([...w.parts]);
      used = w.width;
    } else {
      if (used > 0 && w.gap) line.push({ text: w.gap });
      line.push(...w.parts);
      used += (used > 0 ? width(w.gap) : 0) + w.width;
    }
  }
  return lines.map(merge);
}

/** Adjacent tokens of one kind become one, so the rendered tree stays small. */
function merge(line: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of line) {
    const last = out[out.length - 1];
    if (last && (last.kind ?? 'plain') === (t.kind ?? 'plain')) last.text += t.text;
    else out.push({ ...t });
  }
  return out;
}

export function Wrapped({ tokens, width: max }: { tokens: Token[]; width: number }) {
  const lines = wrapTokens(tokens, Math.max(10, max));
  return (
    <Text>
      {lines.flatMap((line, i) => [...(i > 0 ? ['\n'] : []), ...line.map((t, j) => <Styled key={`${i}.${j}`} token={t} />)])}
    </Text>
  );
}
