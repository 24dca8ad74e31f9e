import { copyDestination, displayWindowsPath, isRemoteSource, pathArgs, workdirBefore } from '../model/paths.ts';
import type { Rule } from './types.ts';

const TAR = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz)$/i;
// Flags COPY does not have: with any of them ADD cannot simply become COPY.
const ADD_ONLY = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const rule: Rule = {
  id: 'WF309',
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        // An explicit --unpack (Dockerfile 1.17+) states the intent either way.
        if (ins.keyword !== 'ADD' || ins.flags.some((f) => f.name === 'unpack')) continue;
        const paths = pathArgs(ins);
        const dest = paths.find((p) => p.role === 'dest')?.arg;
        const sources = paths.filter((p) => p.role === 'source').map((p) => p.arg);
        const archives = sources.filter((a) => !isRemoteSource(a.value) && TAR.test(a.value));
        if (!dest || archives.length === 0) continue;
        const to = copyDestination(workdirBefore(ins).path, dest.value);
        const canCopy = !ins.flags.some((f) => ADD_ONLY.has(f.name)) && sources.every((a) => !isRemoteSource(a.value));
        archives.forEach((a, i) => {
          ctx.report({
            range: a.range,
            instruction: ins,
            data: { src: a.value, dest: to.path === undefined ? dest.value : displayWindowsPath(to.path) },
            // One fix per instruction: the same keyword edit on every archive would overlap.
            ...(canCopy && i === 0 ? { fix: { description: 'Use COPY, which copies the archive as a file', edits: [{ range: ins.keywordRange, text: 'COPY' }] } } : {}),
          });
        });
      }
    }
  },
};
