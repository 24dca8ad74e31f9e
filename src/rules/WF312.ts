import type { Rule } from './types.ts';
import { followingInstructionLine, KEYWORDS, keywordOf, logicalLines } from '../model/lines.ts';

const SHELL_FORMS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const NAMES = { '\\': 'backslash', '`': 'backtick' } as const;

export const rule: Rule = {
  id: 'WF312',
  check(ctx) {
    const { model } = ctx;
    const src = model.source;
    for (const s of logicalLines(model)) {
      const keyword = keywordOf(s.line.text);
      if (!SHELL_FORMS.has(keyword)) continue;
      const raw = src.lineText(s.lastLine);
      const end = raw.replace(/[ \t]+$/, '');
      // `&&`, `||` or `|` cannot end a command in cmd, PowerShell or sh: a continuation was meant.
      const op = /(?:&&|\|\|?)$/.exec(end)?.[0];
      if (!op || end.trimStart().startsWith('#')) continue;
      const offset = src.lineStart(s.lastLine) + end.length;
      const next = followingInstructionLine(model, s.lastLine);
      const word = next === undefined ? '' : (src.lineText(next).trim().split(/\s+/)[0] ?? '');
      const unknown = next !== undefined && !KEYWORDS.has(word.toUpperCase());
      // `ENTRYPOINT VsDevCmd.bat &&` + `CMD [...]` is a documented Windows pattern: the runtime
      // appends CMD to the shell-form entrypoint's command line.
      if (keyword === 'ENTRYPOINT' && !unknown) continue;
      ctx.report({
        range: src.range(offset - op.length, offset),
        messageId: unknown ? 'unknown' : undefined,
        data: { keyword, op, escape: NAMES[model.escape], line: next ?? '', word },
        ...(next === undefined ? {} : { fix: { description: `Continue the line with ${model.escape}`, edits: [{ range: src.range(offset, offset), text: ` ${model.escape}` }] } }),
      });
    }
  },
};
