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
      // Looked up per download: a long script has thousands of each.
      const removals = effects.filter((e) => e.kind === 'file' && e.op === 'remove');
      for (let i = 0; i < effects.length; i++) {
        const d = effects[i]!;
        if (d.kind !== 'download') continue;
        const file = d.output;
        if (!file || !ARCHIVE.test(valueText(file))) continue;
        // Effects are in execution order; a function's body has the range where it is written.
        let use: string | undefined;
        for (let j = i + 1; j < effects.length && !use; j++) {
          const e = effects[j]!;
          if (e.kind === 'extract' && sameFile(e.archive, file)) use = 'unpacked';
          else if (e.kind === 'installer' && (sameFile(e.installer, file) || e.args.some((a: Value) => sameFile(a, file)))) use = 'installed';
        }
        if (!use) continue;
        const removed = removals.some((e) => e.kind === 'file' && e.paths.some((p) => removes(p, file)));
        if (removed) continue;
        ctx.report({ range: file.range, instruction: run, data: { file: valueText(file), url: valueText(d.url), use } });
      }
    }
  },
};
