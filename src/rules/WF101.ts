import { describeRun } from '../analyze/describe-run.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF101',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        const run = ins.keyword === 'RUN' ? ins : ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN' ? ins.trigger : undefined;
        if (!run) continue;
        ctx.report({
          range: ins.keywordRange,
          instruction: ins,
          messageId: run === ins ? undefined : 'onbuild',
          data: { stage: stageLabel(stage), what: describeRun(run) },
        });
      }
    }
  },
};

export function stageLabel(stage: { index: number; name?: string }): string {
  return stage.name ?? String(stage.index);
}
