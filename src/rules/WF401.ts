import { craneHas, craneImageStages, craneSince } from '../model/crane-flags.ts';
import { copyDestination, displayWindowsPath, normalizeWindowsPath, pathArgs, workdirBefore } from '../model/paths.ts';
import type { Instruction } from '../model/types.ts';
import { formatVersion } from '../util/version.ts';
import type { Rule } from './types.ts';

/** A COPY/ADD into the directory (or below it) creates it in a layer anyway. */
function createdByCopy(instructions: Instruction[], dir: string): boolean {
  return instructions.some((ins) => {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
    const dest = pathArgs(ins).find((p) => p.role === 'dest')?.arg;
    const to = dest && copyDestination(workdirBefore(ins).path, dest.value).path;
    return to !== undefined && `${to}/`.startsWith(`${dir}/`);
  });
}

export const rule: Rule = {
  id: 'WF401',
  check(ctx) {
    const v = ctx.craneVersion;
    const flag = craneHas(v, 'mutate', 'workdir');
    // With neither the flag nor `edit config`, WF404 reports the release as too old instead.
    if (!flag && !craneHas(v, 'edit config')) return;
    const stages = craneImageStages(ctx.model);
    const all = stages.flatMap((s) => s.instructions);
    for (const ins of all) {
      const arg = ins.args[0];
      if (ins.keyword !== 'WORKDIR' || !arg) continue;
      const dir = normalizeWindowsPath(workdirBefore(ins).path, arg.value).path;
      if (dir === undefined || dir === '/') continue;
      const created = createdByCopy(all, dir);
      if (flag && created) continue;
      ctx.report({
        range: ins.keywordRange,
        instruction: ins,
        messageId: flag ? undefined : created ? 'noflagCreated' : 'noflag',
        data: { path: displayWindowsPath(dir), version: formatVersion(v), since: craneSince('mutate', 'workdir') ?? '' },
      });
    }
  },
};
