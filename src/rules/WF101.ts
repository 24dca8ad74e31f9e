import { effectDestinations, summarizeRun } from '../analyze/effects/summary.ts';
import { ruleMeta } from './meta.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF101',
  check(ctx) {
    const general = ruleMeta('WF101')?.workaround ?? '';
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        const run = ins.keyword === 'RUN' ? ins : ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN' ? ins.trigger : undefined;
        if (!run) continue;
        const analysis = ctx.analysis(ins);
        const where = effectDestinations(analysis);
        const report: Parameters<typeof ctx.report>[0] = {
          range: ins.keywordRange,
          instruction: ins,
          data: { stage: stageLabel(stage), what: summarizeRun(analysis) },
        };
        if (run !== ins) report.messageId = 'onbuild';
        // The finding says where each step can go; that is the plan `winfile convert` follows.
        if (where) report.workaround = `${general}\n\nWhere each step can go:\n${where}`;
        ctx.report(report);
      }
    }
  },
};

export function stageLabel(stage: { index: number; name?: string }): string {
  return stage.name ?? String(stage.index);
}
