import { lifecycleOf, stageWindowsVersion } from '../model/versions.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF202',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.parent) continue;
      const v = stageWindowsVersion(stage, ctx.catalog);
      if (!v) continue;
      const life = lifecycleOf(v.version, v.family);
      if (life.status !== 'extended') continue;
      const data = { image: stage.image, version: life.label, build: life.build, end: life.end, mainstreamEnd: life.mainstreamEnd ?? '' };
      ctx.report({ range: stage.imageRange, instruction: stage.from, messageId: life.mainstreamEnd ? undefined : 'noDate', data });
    }
  },
};
