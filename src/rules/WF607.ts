import { analysedRuns, powershellShells, setsFirst } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

// `$ErrorActionPreference = 'Stop'` or `= [System.Management.Automation.ActionPreference]::Stop`.
const STOP_PREFIX = /\$ErrorActionPreference\s*=\s*(?:\[[\w.]+\]::)?['"]?Stop\b/i;

export const rule: Rule = {
  id: 'WF607',
  check(ctx) {
    const runs = analysedRuns(ctx.model, (r) => ctx.analysis(r));
    for (const s of powershellShells(ctx.model, runs)) {
      if (STOP_PREFIX.test(s.prefix)) continue;
      // A RUN that sets it itself, before anything else, is fine without the SHELL's help.
      const open = s.runs.filter((r) => !setsFirst(r.analysis, 'error-action', /^stop$/i));
      if (open.length === 0) continue;
      const lines = open.map((r) => r.run.range.start.line);
      ctx.report({
        range: s.range,
        instruction: s.shell,
        data: { shell: s.shell.args[0]?.value ?? s.host, runs: `${lines.length === 1 ? 'the RUN on line' : 'the RUNs on lines'} ${lines.join(', ')}` },
      });
    }
  },
};
