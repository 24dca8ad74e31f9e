import type { Catalog } from '../model/catalog.ts';
import { parseImageRef } from '../model/image-ref.ts';
import { familyName, matchVersion, parameterise, stageChain, stageWindowsVersion, type StageVersion } from '../model/versions.ts';
import type { Rule } from './types.ts';

const ARG_NAME = 'WINDOWS_VERSION';

/** How the build args read per version, and a note when the family spells a version its own way. */
function perVersion(v: StageVersion, versions: string[], catalog: Catalog): { args: string; note: string } {
  const tokens = versions.map((id) => (v.variant ? catalog.tokenFor(v.variant, id) : id));
  const differ = versions.map((id, i) => [id, tokens[i] as string]).filter(([id, t]) => id !== t);
  const family = familyName(v.family) ?? 'these';
  const note = differ.map(([id, t]) => `${family} tags spell ${id} as ${t}`).join('; ');
  return { args: tokens.join(', '), note };
}

export const rule: Rule = {
  id: 'WF203',
  check(ctx) {
    const versions = ctx.windowsVersions;
    const final = ctx.model.stages[ctx.model.stages.length - 1];
    if (versions.length < 2 || !final || final.os !== 'windows') return;
    for (const stage of stageChain(final)) {
      // The Windows base comes from the FROM at the root of the final stage's chain.
      const v = stage.parent ? undefined : stageWindowsVersion(stage, ctx.catalog);
      const param = v && parameterise(stage.imageText, stage.image, stage.ref?.tag, v.token, ARG_NAME);
      if (v && param) {
        const { args, note } = perVersion(v, versions, ctx.catalog);
        const data = { image: stage.image, token: v.token.text, version: v.version.id, versions: versions.join(', '), param, arg: ARG_NAME, args, note };
        ctx.report({ range: stage.imageRange, instruction: stage.from, messageId: note ? 'tokens' : undefined, data });
      }
      // System files copied from a Windows image have to match the base they land in.
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        const from = ins.flags.find((f) => f.name === 'from');
        if (!from?.value || ctx.model.stages.some((s) => s.name === from.value?.toLowerCase())) continue;
        const ref = parseImageRef(from.value);
        const match = ref && ctx.catalog.lookup(ref);
        const cv = match && match.variant.os === 'windows' ? matchVersion(match) : undefined;
        const cparam = cv && parameterise(from.value, from.value, ref?.tag, cv.token, ARG_NAME);
        if (!cv || !cparam) continue;
        const { args, note } = perVersion(cv, versions, ctx.catalog);
        const data = { image: from.value, token: cv.token.text, version: cv.version.id, versions: versions.join(', '), param: cparam, arg: ARG_NAME, args, note };
        ctx.report({ range: from.range, instruction: ins, messageId: 'copy', data });
      }
    }
  },
};
