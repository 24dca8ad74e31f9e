import type { Stage } from '../model/types.ts';
import { stageChain } from '../model/versions.ts';
import type { Rule } from './types.ts';

const RUNTIME = new Set(['CMD', 'ENTRYPOINT', 'USER', 'HEALTHCHECK', 'SHELL']);

export const rule: Rule = {
  id: 'WF208',
  check(ctx) {
    const { stages } = ctx.model;
    const final = stages[stages.length - 1];
    const finalChain = final ? stageChain(final) : [];
    const byName = new Map(stages.filter((s) => s.name !== undefined).map((s) => [s.name as string, s]));
    for (const stage of stages) {
      if (stage.parent || stage.image.toLowerCase() !== 'scratch') continue;
      // Everything built on this scratch stage ends up with its (Linux-format) layers.
      const family = stages.filter((s) => stageChain(s).includes(stage));
      const own = stage.evidence.find((e) => e.os === 'windows' && e.kind !== 'target-platform');
      const copied = family
        .flatMap((s) => s.instructions)
        .map((i) => (i.keyword === 'COPY' || i.keyword === 'ADD' ? i.flags.find((f) => f.name === 'from')?.value : undefined))
        .map((v) => (v === undefined ? undefined : (byName.get(v.toLowerCase()) ?? (/^\d+$/.test(v) ? stages[Number(v)] : undefined))))
        .find((s): s is Stage => s !== undefined && s.os === 'windows');
      const others = stages.filter((s) => !family.includes(s));
      const windowsFile = others.length > 0 && others.every((s) => s.os === 'windows');
      // A scratch stage that only collects files for `--output` or `COPY --from` is fine; one that
      // becomes the image (the final stage, or one with runtime settings) is not.
      const isImage = finalChain.includes(stage) || family.some((s) => s.instructions.some((i) => RUNTIME.has(i.keyword)));
      if (!isImage) continue;
      let why: string | undefined;
      if (own) why = own.detail;
      else if (copied) why = `it copies from Windows stage ${copied.name ?? copied.index}`;
      else if (windowsFile && finalChain.includes(stage)) why = 'it is the final stage of a file whose other stages are Windows';
      if (!why) continue;
      const viaArg = stage.imageText.toLowerCase() !== 'scratch';
      ctx.report({
        range: stage.imageRange,
        instruction: stage.from,
        messageId: viaArg ? 'arg' : undefined,
        data: { why, text: stage.imageText },
      });
    }
  },
};
