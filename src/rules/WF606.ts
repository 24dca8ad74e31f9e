import { analysedRuns, powershellInCmd, runOf } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF606',
  check(ctx) {
    for (const ar of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      // One finding per RUN: the first PowerShell construct shows the mistake.
      const found = powershellInCmd(ctx.model, ar);
      if (!found) continue;
      const run = runOf(ar.run);
      const nested = ar.analysis.scripts[0]?.language === 'powershell';
      const shell = run.form === 'exec' ? (run.args[0]?.value ?? 'cmd') : run.shell.join(' ');
      ctx.report({ range: found.range, instruction: ar.run, messageId: nested ? 'nested' : undefined, data: { construct: found.construct, shell } });
    }
  },
};
