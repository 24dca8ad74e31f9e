import { parseImageRef } from '../model/image-ref.ts';
import type { CatalogMatch } from '../model/catalog.ts';
import type { Rule } from './types.ts';

// .NET multi-platform tags (`6.0`, `3.1`) listed Nano Server images up to .NET 7; only from .NET 8
// on are they Linux-only. The catalog treats every plain .NET tag as Linux, so older ones are
// left alone here rather than reported as missing a Windows image they have.
function linuxOnly(match: CatalogMatch | undefined, tag: string | undefined): boolean {
  if (match?.variant.os !== 'linux') return false;
  const dotnet = /(?:^|\/)(?:dotnet|aspnetcore)(?:\/|$)/.test(match.image.repository);
  const major = /^(\d+)\.\d+(?:\.\d+)?(?:-(?:preview|rc)[\w.]*)?(?:-(?:sdk|runtime(?:-deps)?|aspnetcore-runtime))?$/.exec(tag ?? '')?.[1];
  return !(dotnet && major !== undefined && Number(major) < 8);
}

export const rule: Rule = {
  id: 'WF209',
  check(ctx) {
    const { stages } = ctx.model;
    // Only a build whose target platform is Windows resolves these images for windows/amd64.
    if (!stages.some((s) => s.os === 'windows')) return;
    const names = new Set(stages.map((s) => s.name).filter((n) => n !== undefined));
    for (const stage of stages) {
      const linux = linuxOnly(stage.catalog, stage.ref?.tag);
      const platform = stage.platform?.value.toLowerCase();
      if (linux && (!platform || platform.startsWith('windows'))) {
        ctx.report({
          range: stage.imageRange,
          instruction: stage.from,
          messageId: platform ? 'platform' : undefined,
          data: { image: stage.image, platform: stage.platform?.raw ?? '' },
        });
      }
      // COPY --from=<image> resolves the image for the platform of the stage it copies into.
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? ins.flags.find((f) => f.name === 'from') : undefined;
        if (!from?.value || names.has(from.value.toLowerCase()) || /^\d+$/.test(from.value) || from.value.includes('$')) continue;
        const ref = parseImageRef(from.value);
        if (ref && linuxOnly(ctx.catalog.lookup(ref), ref.tag)) ctx.report({ range: from.range, instruction: ins, messageId: 'copy', data: { image: from.value } });
      }
    }
  },
};
