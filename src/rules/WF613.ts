import { analysedRuns, valueText } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF613',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        // `iex (iwr URL)`, `iwr URL | iex`, `iex ((New-Object Net.WebClient).DownloadString(URL))`:
        // the classifier makes the download and the run one effect whose program is the URL.
        if (e.kind !== 'run' || e.language !== 'powershell' || !/^(?:https?|ftp):\/\//i.test(e.program.text ?? e.program.source.replace(/^["']/, ''))) continue;
        ctx.report({ range: e.range, instruction: run, data: { url: valueText(e.program) } });
      }
    }
  },
};
