import type { DockerfileModel } from '../model/types.ts';
import { followingInstructionLine, KEYWORDS, keywordOf, logicalLines } from '../model/lines.ts';
import type { Rule } from './types.ts';

// A lone `\` is a valid path (the root of C:) in these under the backtick escape.
const PATH_ARGS = new Set(['COPY', 'ADD', 'WORKDIR', 'VOLUME']);
const NAMES = { '\\': 'backslash', '`': 'backtick' } as const;

export const rule: Rule = {
  id: 'WF303',
  check(ctx) {
    const { model } = ctx;
    const src = model.source;
    const stray = model.escape === '\\' ? '`' : '\\';
    const ignored = model.directives.find((d) => d.name === 'escape' && !d.honoured && d.value !== model.escape);
    for (const s of logicalLines(model)) {
      const raw = src.lineText(s.lastLine);
      const end = raw.replace(/[ \t]+$/, '');
      if (!end.endsWith(stray) || end.trimStart().startsWith('#')) continue;
      const next = followingInstructionLine(model, s.lastLine);
      if (next === undefined) continue;
      const keyword = keywordOf(s.line.text);
      const word = src.lineText(next).trim().split(/\s+/)[0] ?? '';
      const known = KEYWORDS.has(word.toUpperCase());
      const before = end[end.length - 2];
      // `C:\app\` under the backtick escape is a path, and so is a lone `\` destination
      // followed by a real instruction.
      if (stray === '\\' && (!/[\s;&|,]/.test(before ?? '') || (PATH_ARGS.has(keyword) && known && /\s/.test(before ?? '')))) continue;
      const offset = src.lineStart(s.lastLine) + end.length - 1;
      const range = src.range(offset, offset + 1);
      const why = ignored ? ` (the escape directive on line ${ignored.range.start.line} is ignored)` : '';
      ctx.report({
        range,
        messageId: known ? undefined : 'unknown',
        // A line that is itself the fallout of a broken continuation has no real keyword.
        data: { char: NAMES[stray], escape: NAMES[model.escape], why, keyword: KEYWORDS.has(keyword) ? keyword : 'line', line: next, word, WORD: word.toUpperCase() },
        // When an ignored `# escape=` explains the stray character, WF304's fix (moving the
        // directive up) is the right one; rewriting the line ends would fight it.
        ...(before === model.escape || ignored?.value === stray ? {} : { fix: { description: `Continue the line with ${model.escape}`, edits: [{ range, text: model.escape }] } }),
      });
    }
  },
};
