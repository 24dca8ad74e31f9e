import { parseImageRef } from '../model/image-ref.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF205',
  check(ctx) {
    const stageNames = new Set(ctx.model.stages.map((s) => s.name).filter((n) => n !== undefined));
    for (const stage of ctx.model.stages) {
      const deprecated = stage.catalog?.image.deprecated;
      if (deprecated) ctx.report({ range: stage.imageRange, instruction: stage.from, data: { image: stage.image, replacement: deprecated } });
      // An image named in COPY --from is pulled just like a base image.
      for (const ins of stage.instructions) {
        const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? ins.flags.find((f) => f.name === 'from') : undefined;
        if (!from?.value || stageNames.has(from.value.toLowerCase()) || from.value.includes('$')) continue;
        const ref = parseImageRef(from.value);
        const image = ref && ctx.catalog.lookup(ref)?.image;
        if (image?.deprecated) ctx.report({ range: from.range, instruction: ins, data: { image: from.value, replacement: image.deprecated } });
      }
    }
  },
};
