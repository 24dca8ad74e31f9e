import { analysedRuns, findIn, powershellHost, powershellShells, runOf } from '../analyze/effects/queries.ts';
import type { AnalysedRun } from '../analyze/effects/queries.ts';
import type { Effect } from '../analyze/effects/types.ts';
import type { DockerfileModel } from '../model/types.ts';
import type { Rule } from './types.ts';

const SILENT_PREFIX = /\$ProgressPreference\s*=\s*(?:\[[\w.]+\]::)?['"]?SilentlyContinue\b/i;
// The web cmdlets, and their Windows PowerShell aliases curl and wget.
const WEB_CMDLET = /^(?:invoke-webrequest|iwr|invoke-restmethod|irm|curl|wget)$/i;

/** Downloads by the web cmdlets that no `$ProgressPreference = 'SilentlyContinue'` before them in the RUN silences. */
function slowDownloads(ar: AnalysedRun): Effect[] {
  const out: Effect[] = [];
  let silent = false;
  for (const e of ar.analysis.effects) {
    if (e.kind === 'session' && e.setting === 'progress') silent = /^silentlycontinue$/i.test(e.value ?? '');
    else if (!silent && e.kind === 'download' && e.language === 'powershell' && WEB_CMDLET.test(e.command)) out.push(e);
  }
  return out;
}

/** The PowerShell a nested script runs under: the nearest `powershell`/`pwsh` word before it in the RUN. */
function hostBefore(model: DockerfileModel, ar: AnalysedRun, e: Effect): 'powershell' | 'pwsh' | undefined {
  const text = model.source.text.slice(ar.run.range.start.offset, e.range.start.offset);
  const words = text.match(/[\w.\\/:-]*(?:powershell|pwsh)(?:\.exe)?\b/gi);
  return powershellHost(words?.[words.length - 1]);
}

export const rule: Rule = {
  id: 'WF608',
  check(ctx) {
    const { model } = ctx;
    const runs = analysedRuns(model, (r) => ctx.analysis(r));
    const viaShell = new Set<AnalysedRun>();
    // RUNs through a Windows PowerShell SHELL: the SHELL is where the fix goes.
    for (const s of powershellShells(model, runs)) {
      for (const r of s.runs) viaShell.add(r);
      if (s.host !== 'powershell' || SILENT_PREFIX.test(s.prefix)) continue;
      const slow = s.runs.filter((r) => slowDownloads(r).length > 0);
      if (slow.length === 0) continue;
      const lines = slow.map((r) => r.run.range.start.line);
      ctx.report({ range: s.range, instruction: s.shell, data: { runs: `${lines.length === 1 ? 'the RUN on line' : 'the RUNs on lines'} ${lines.join(', ')}` } });
    }
    // `powershell -Command Invoke-WebRequest ...` under cmd, or an exec-form RUN: the fix goes into that script.
    for (const ar of runs) {
      if (viaShell.has(ar)) continue;
      const run = runOf(ar.run);
      const top = ar.analysis.scripts[0]?.language === 'powershell' ? powershellHost(run.args[0]?.value) : undefined;
      const first = slowDownloads(ar).find((e) => (top ?? hostBefore(model, ar, e)) === 'powershell');
      if (first) ctx.report({ range: findIn(model, first.range, first.command), instruction: ar.run, messageId: 'run', data: { command: first.command } });
    }
  },
};
