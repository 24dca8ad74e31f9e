import { lifecycleOf, previewBuild, stageWindowsVersion } from '../model/versions.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Rule } from './types.ts';
import { compareStrings } from '../util/compare.ts';

/** The two newest LTSC releases still in support, oldest first (today `ltsc2022 or ltsc2025`). */
export function currentLtsc(catalog: Catalog): string {
  const live = catalog.versions.filter((v) => v.channel === 'ltsc' && v.status !== 'retired');
  const newest = live.sort((a, b) => compareStrings(b.build, a.build)).slice(0, 2).reverse();
  return newest.map((v) => v.id).join(' or ');
}

export const rule: Rule = {
  id: 'WF201',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      // A stage built FROM another stage is reported where that stage names the image.
      if (stage.parent) continue;
      const v = stageWindowsVersion(stage, ctx.catalog);
      const preview = v ? undefined : previewBuild(stage, ctx.catalog);
      if (preview) {
        const data = { image: stage.image, build: preview.build, current: currentLtsc(ctx.catalog) };
        ctx.report({ range: stage.imageRange, instruction: stage.from, messageId: 'preview', data });
      }
      if (!v) continue;
      const life = lifecycleOf(v.version, v.family);
      if (life.status !== 'retired') continue;
      ctx.report({
        range: stage.imageRange,
        instruction: stage.from,
        data: { image: stage.image, version: life.label, build: life.build, end: life.end, current: currentLtsc(ctx.catalog) },
      });
    }
  },
};
