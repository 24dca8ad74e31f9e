import type { SourceText } from '../parse/source.ts';
import type { Rule } from './types.ts';
import { KEYWORDS } from '../model/lines.ts';

// BuildKit normalises `/` and `\` alike only in these; elsewhere `/` would change the text.
const FIXABLE = new Set(['COPY', 'ADD', 'WORKDIR']);

/** Index of a trailing `\` continuation (BuildKit: `[^\\]\\[ \t]*$`), or -1. */
function continuation(raw: string): number {
  const end = raw.replace(/[ \t]+$/, '').length;
  if (end === 0 || raw[end - 1] !== '\\' || raw[end - 2] === '\\') return -1;
  return end - 1;
}

const isSkipped = (raw: string) => raw.trim() === '' || raw.trimStart().startsWith('#');

/**
 * The token the trailing backslash ends is a Windows path (`C:\`, `c:\dest\`, `.\`, `a\b\`),
 * not a word followed by a deliberate continuation (`&& \`, `foo\`).
 */
function pathToken(raw: string, at: number): string | undefined {
  let start = at;
  while (start > 0 && !/\s/.test(raw[start - 1] as string)) start--;
  const token = raw.slice(start, at + 1);
  const bare = token.replace(/^.*=/, '').replace(/^["'[]+/, '');
  if (/^[A-Za-z]:\\/.test(bare) || /^\.\.?\\$/.test(bare) || bare.slice(0, -1).includes('\\')) return token;
  return undefined;
}

function nextContentLine(src: SourceText, after: number): number | undefined {
  for (let l = after + 1; l <= src.lineCount; l++) if (!isSkipped(src.lineText(l))) return l;
  return undefined;
}

export const rule: Rule = {
  id: 'WF302',
  check(ctx) {
    const { model } = ctx;
    if (model.escape !== '\\') return;
    const src = model.source;
    for (const ins of model.instructions) {
      if (ins.stage?.os !== 'windows') continue;
      const keyword = ins.trigger?.keyword ?? ins.keyword;
      // Follow the instruction's physical lines the way BuildKit joins them.
      for (let line: number | undefined = ins.range.start.line; line !== undefined; ) {
        const raw = src.lineText(line);
        const at = continuation(raw);
        const next: number | undefined = at < 0 ? undefined : nextContentLine(src, line);
        if (next === undefined) break;
        const token = pathToken(raw, at);
        if (token) {
          const nextText = src.lineText(next).trim();
          const word = nextText.split(/\s/)[0]?.toUpperCase() ?? '';
          const offset = src.lineStart(line) + at;
          const range = src.range(offset, offset + 1);
          const swallowsInstruction = KEYWORDS.has(word);
          ctx.report({
            range,
            instruction: ins,
            messageId: swallowsInstruction ? 'instruction' : undefined,
            data: { token, line: next, keyword, next: word, text: nextText },
            ...(swallowsInstruction && FIXABLE.has(keyword) ? { fix: { description: 'End the path with / so the line does not continue', edits: [{ range, text: '/' }] } } : {}),
          });
        }
        line = next;
      }
    }
  },
};
