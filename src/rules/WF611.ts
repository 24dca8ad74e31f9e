import { analysedRuns, findIn, valueText } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF611',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        if (e.kind !== 'env' || !/^(?:.*[\\/])?setx(?:\.exe)?$/i.test(e.command) || !/^path$/i.test(e.name.text ?? '')) continue;
        // Whether the value builds on the old PATH (%PATH%, $env:PATH): then it holds machine and user entries together.
        const extends_ = e.pathAdditions !== undefined || /%path%|\$\{?env:path\b/i.test(e.value.source);
        ctx.report({
          range: findIn(ctx.model, e.range, e.command),
          instruction: run,
          messageId: extends_ ? undefined : 'replace',
          data: { flag: e.scope === 'machine' ? '/M ' : '', scope: e.scope === 'machine' ? 'machine' : 'user', value: valueText(e.value) },
        });
      }
    }
  },
};
