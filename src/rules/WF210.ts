import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF210',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const match = stage.catalog;
      const tag = stage.ref?.tag;
      // WF204 covers a missing or latest tag; an ARG may supply the version; a digest pins one image.
      if (stage.os !== 'windows' || !match || tag === undefined || tag === 'latest' || stage.ref?.digest) continue;
      if (stage.imageUnset.length > 0 || stage.imageText.includes('$') || match.versionToken) continue;
      // Linux-only tags are WF209's; HostProcess images run on every host version by design.
      if (match.variant.os === 'linux' || match.variant.family === 'hostprocess') continue;
      ctx.report({ range: stage.imageRange, instruction: stage.from, messageId: match.variant.os === 'multi' ? 'multi' : undefined, data: { image: stage.image } });
    }
  },
};
