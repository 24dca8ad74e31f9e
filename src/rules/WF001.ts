import { KNOWN_INSTRUCTIONS } from '../parse/args.ts';
import type { Instruction } from '../model/types.ts';
import type { Rule } from './types.ts';

// BuildKit's suggest.WrapError: case-insensitive Levenshtein distance below 3, first best match in
// the sorted list of instruction names wins.
const NAMES = [...KNOWN_INSTRUCTIONS].map((k) => k.toLowerCase()).sort();

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

export function suggestInstruction(keyword: string): string | undefined {
  let best: string | undefined;
  let min = 3;
  for (const name of NAMES) {
    const d = distance(keyword.toLowerCase(), name);
    if (d < min) [best, min] = [name.toUpperCase(), d];
  }
  return best;
}

const CHAR_NAME = { '\\': 'a backslash (\\)', '`': 'a backtick (`)' } as const;

export const rule: Rule = {
  id: 'WF001',
  check(ctx) {
    const { model } = ctx;
    const other = model.escape === '\\' ? '`' : '\\';
    model.instructions.forEach((ins, i) => {
      if (ins.known) return;
      const src = model.source;
      const keyword = src.text.slice(ins.keywordRange.start.offset, ins.keywordRange.end.offset);
      const base = { range: ins.keywordRange, instruction: ins };
      if (/^(?:<{7}|={7}|>{7})/.test(keyword)) {
        ctx.report({ ...base, messageId: 'conflict', data: { keyword } });
        return;
      }
      const prev: Instruction | undefined = model.instructions[i - 1];
      const prevLine = prev ? prev.range.end.line : 0;
      const prevText = prev ? src.lineText(prevLine).trimEnd() : '';
      const data = { keyword, line: prevLine, escape: CHAR_NAME[model.escape], char: CHAR_NAME[other] };
      if (prev && prevText.endsWith(other)) {
        // The author continued the line with the other escape character: the directive is missing
        // (or present when they wrote backslashes), so the continuation was never seen.
        const workaround =
          other === '`'
            ? 'Make `# escape=`` the very first line of the file (before any comment or blank line) so that backticks continue lines, or end continued lines with \\ instead.'
            : 'End continued lines with a backtick (`), the escape character this file declares, or remove the `# escape=`` directive if the file is meant to use backslashes.';
        ctx.report({ ...base, messageId: 'otherEscape', data, workaround });
        return;
      }
      // An indented line or one that starts with an operator was written as part of the previous
      // command; a typo'd keyword is neither.
      const lineText = src.lineText(ins.keywordRange.start.line);
      if (prev && (/^\s/.test(lineText) || /^(?:&&|\|\||[&|;-])/.test(keyword))) {
        ctx.report({ ...base, messageId: 'continuation', data });
        return;
      }
      const suggestion = suggestInstruction(keyword);
      if (suggestion) ctx.report({ ...base, messageId: 'suggest', data: { keyword, suggestion } });
      else ctx.report({ ...base, data: { keyword } });
    });
  },
};
