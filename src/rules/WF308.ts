import type { Instruction } from '../model/types.ts';
import type { Rule, RuleContext } from './types.ts';

function check(ctx: RuleContext, ins: Instruction, report: Instruction): void {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
  const src = ctx.model.source;
  const link = ins.flags.some((f) => f.name === 'link' && f.value !== 'false');
  for (const flag of ins.flags) {
    if (flag.name !== 'chown' && flag.name !== 'chmod') continue;
    const end = flag.range.end.offset;
    // Remove the flag and the blank that separated it from the next word.
    const cut = src.text[end] === ' ' || src.text[end] === '\t' ? end + 1 : end;
    ctx.report({
      range: flag.range,
      instruction: report,
      messageId: flag.name === 'chmod' ? 'chmod' : undefined,
      data: { keyword: ins.keyword, value: flag.value ?? '', link: flag.name === 'chmod' && link ? '; it also stops `--link` from taking effect' : '' },
      fix: { description: `Remove --${flag.name}`, edits: [{ range: src.range(flag.range.start.offset, cut), text: '' }] },
    });
  }
}

export const rule: Rule = {
  id: 'WF308',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        check(ctx, ins, ins);
        if (ins.trigger) check(ctx, ins.trigger, ins);
      }
    }
  },
};
