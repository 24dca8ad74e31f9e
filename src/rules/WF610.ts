import { analysedRuns, removes, sameFile, valueText } from '../analyze/effects/queries.ts';
import type { Value } from '../analyze/effects/types.ts';
import { stageChain } from '../model/versions.ts';
import type { Rule } from './types.ts';

const ARCHIVE = /\.(?:zip|msi|msu|exe|7z|nupkg|cab|tgz|tbz2?|txz|tar(?:\.(?:gz|bz2|xz|zst))?)$/i;

export const rule: Rule = {
  id: 'WF610',
  check(ctx) {
    const { stages } = ctx.model;
    const last = stages[stages.length - 1];
    // Only the stages the final image is built from carry their layers into it.
    const shipped = new Set(last ? stageChain(last) : []);
    for (const { run, stage, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      if (!shipped.has(stage)) continue;
      const effects = analysis.effects;
      for (const [i, d] of effects.entries()) {
        if (d.kind !== 'download') continue;
        const file = d.output;
        if (!file || !ARCHIVE.test(valueText(file))) continue;
        // Effects are in execution order; a function's body has the range where it is written.
        const after = effects.slice(i + 1);
        let use: string | undefined;
        for (const e of after) {
          if (e.kind === 'extract' && sameFile(e.archive, file)) use = 'unpacked';
          else if (e.kind === 'installer' && (sameFile(e.installer, file) || e.args.some((a: Value) => sameFile(a, file)))) use = 'installed';
          if (use) break;
        }
        if (!use) continue;
        const removed = effects.some((e) => e.kind === 'file' && e.op === 'remove' && e.paths.some((p) => removes(p, file)));
        if (removed) continue;
        ctx.report({ range: file.range, instruction: run, data: { file: valueText(file), url: valueText(d.url), use } });
      }
    }
  },
};
