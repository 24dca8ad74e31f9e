import type { Rule } from './types.ts';

// Microsoft's base OS repositories: their tags are nothing but the Windows version, and none has
// a latest tag (insider repositories use build numbers instead).
const BASE_REPOS = /^(?:mcr\.microsoft\.com\/windows(?:\/(?:servercore|nanoserver|server))?|microsoft\/(?:windowsservercore|nanoserver))$/;

export const rule: Rule = {
  id: 'WF204',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os === 'linux' || stage.parent || !stage.ref || stage.ref.digest) continue;
      // An unset ARG may well supply the tag at build time.
      if (stage.imageUnset.length > 0 || stage.image.toLowerCase() === 'scratch') continue;
      const tag = stage.ref.tag;
      if (tag !== undefined && tag !== 'latest') continue;
      const match = stage.catalog;
      const base = match !== undefined && BASE_REPOS.test(match.image.repository) && !/insider/i.test(stage.ref.path);
      const data = {
        image: stage.image,
        example: base ? `${stage.ref.text.replace(/:latest$/, '')}:${ctx.catalog.tokenFor(match.variant, 'ltsc2022')}` : '',
      };
      // Only the catalog's Windows base repositories are known to have no latest tag at all.
      const messageId = `${tag === undefined ? 'missing' : 'latest'}${base ? '' : 'Other'}`;
      ctx.report({ range: stage.imageRange, instruction: stage.from, messageId: messageId === 'missing' ? undefined : messageId, data });
    }
  },
};
