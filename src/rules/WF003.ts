import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF003',
  check(ctx) {
    // The model records exactly the substitutions BuildKit's word expansion rejects, with the
    // argument they occur in; each fails the build when its instruction is dispatched.
    for (const p of ctx.model.expansionProblems) ctx.report({ range: p.range, data: { problem: p.message } });
  },
};
