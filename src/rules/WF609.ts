import { analysedRuns, findIn } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

// Aliases of Windows PowerShell 5.1 that PowerShell 6+ dropped, so that the name runs the
// program instead: what each means in either.
const ALIASES: Record<string, { cmdlet: string; program: string; instead: string }> = {
  curl: { cmdlet: 'Invoke-WebRequest', program: 'curl.exe', instead: '`curl.exe` or `Invoke-WebRequest`' },
  wget: { cmdlet: 'Invoke-WebRequest', program: 'wget.exe (which Windows does not ship)', instead: '`Invoke-WebRequest` or `curl.exe`' },
  sc: { cmdlet: 'Set-Content', program: 'sc.exe (the service controller)', instead: '`sc.exe` or `Set-Content`' },
};

export const rule: Rule = {
  id: 'WF609',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        const alias = e.language === 'powershell' ? ALIASES[e.command.toLowerCase()] : undefined;
        if (!alias) continue;
        ctx.report({ range: findIn(ctx.model, e.range, e.command), instruction: run, data: { name: e.command, ...alias } });
      }
    }
  },
};
