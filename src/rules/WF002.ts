import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF002',
  check(ctx) {
    for (const ins of ctx.model.instructions) {
      if (ins.keyword === 'FROM') break;
      // BuildKit collects ARGs before the first FROM as global build args; an unknown keyword fails
      // earlier, with "unknown instruction" (WF001), so it is not reported twice.
      if (ins.keyword === 'ARG' || !ins.known) continue;
      ctx.report({ range: ins.keywordRange, instruction: ins, data: { keyword: ins.keyword } });
    }
  },
};
