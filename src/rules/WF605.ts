import { analysedRuns, valueText } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF605',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        if (e.kind !== 'installer' || e.waits) continue;
        // An .msi run as a command goes to msiexec through its file association, which nobody waits
        // for; cmd starts without waiting only with `start`; PowerShell with Start-Process, or by
        // calling a GUI program (msiexec) whose output it does not read.
        const direct = e.format === 'msi' && e.command === e.installer.source;
        const how = direct
          ? 'an .msi opened directly'
          : e.language === 'cmd'
            ? 'start without /wait'
            : /^(?:start-process|start|saps)$/i.test(e.command)
              ? 'Start-Process without -Wait'
              : 'a plain call from PowerShell, which does not wait for a GUI program like msiexec';
        ctx.report({ range: e.range, instruction: run, data: { installer: valueText(e.installer), how } });
      }
    }
  },
};
