import type { Rule } from './types.ts';
import { stageLabel } from './WF101.ts';

export const rule: Rule = {
  id: 'WF311',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'STOPSIGNAL') continue;
        ctx.report({ range: ins.keywordRange, instruction: ins, data: { signal: ins.args[0]?.value ?? '', stage: stageLabel(stage) } });
      }
    }
  },
};
