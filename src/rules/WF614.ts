import { analysedRuns } from '../analyze/effects/queries.ts';
import type { Rule, TextFix } from './types.ts';

export const rule: Rule = {
  id: 'WF614',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      const lost = analysis.lostQuotes;
      if (!lost) continue;
      // `Write-Host "a b"` prints the same words without the quotes (but `"a; b"` runs `b`).
      const prints = analysis.effects.filter((e) => e.kind === 'print').map((e) => e.range);
      // (An effect's range ends at its last character PowerShell got, before a removed closing quote.)
      const printed = (r: { start: { offset: number } }) => prints.some((p) => p.start.offset <= r.start.offset && r.start.offset < p.end.offset);
      const spans = lost.spans.filter((sp) => !(sp.onlyBlanks && printed(sp.range)));
      const first = spans[0];
      if (!first) continue;
      const others = spans.length - 1;
      const more = others === 0 ? '' : ` (and ${others} more quoted ${others === 1 ? 'string' : 'strings'} in this RUN)`;
      // `\"` is a literal quote for the command-line split, so PowerShell gets the body as written.
      let fix: TextFix | undefined;
      if (lost.escapable) {
        fix = { description: 'Escape the double quotes as \\" so that PowerShell receives them', edits: lost.escapable.map((range) => ({ range, text: '\\"' })) };
      }
      ctx.report({ range: first.range, instruction: run, data: { written: `\`${first.written}\``, seen: `\`${first.seen}\``, more }, ...(fix ? { fix } : {}) });
    }
  },
};
