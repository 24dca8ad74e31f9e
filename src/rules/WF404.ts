import { CRANE_WINDOWS_LAYERS, craneHas, craneHasWindowsLayers, craneImageStages, craneSince } from '../model/crane-flags.ts';
import type { Instruction } from '../model/types.ts';
import { formatVersion, type Version } from '../util/version.ts';
import type { Rule } from './types.ts';

const FLAGS: Record<string, string> = { ENV: 'env', CMD: 'cmd', ENTRYPOINT: 'entrypoint', USER: 'user', LABEL: 'label', MAINTAINER: 'label', WORKDIR: 'workdir', EXPOSE: 'exposed-ports' };
// WF401/WF402 explain WORKDIR/EXPOSE as long as `crane edit config` can stand in for the flag.
const EDITABLE = new Set(['WORKDIR', 'EXPOSE']);

/** The crane feature this instruction needs and this release lacks, if any. */
function missing(ins: Instruction, v: Version): { feature: string; since: string } | undefined {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    return craneHasWindowsLayers(v) ? undefined : { feature: 'the Windows layer conversion of `crane append` / `mutate --append`', since: CRANE_WINDOWS_LAYERS };
  }
  const flag = FLAGS[ins.keyword];
  if (!flag || craneHas(v, 'mutate', flag)) return undefined;
  if (EDITABLE.has(ins.keyword) && craneHas(v, 'edit config')) return undefined;
  return { feature: `\`crane mutate --${flag}\``, since: craneSince('mutate', flag) ?? '' };
}

export const rule: Rule = {
  id: 'WF404',
  check(ctx) {
    const v = ctx.craneVersion;
    const version = formatVersion(v);
    const stages = craneImageStages(ctx.model);
    const last = stages[stages.length - 1];
    if (last && ctx.windowsVersions.length > 1 && !craneHas(v, 'index append')) {
      ctx.report({
        range: last.from.keywordRange,
        instruction: last.from,
        messageId: 'index',
        data: { count: ctx.windowsVersions.length, versions: ctx.windowsVersions.join(', '), version, since: craneSince('index append') ?? '' },
      });
    }
    for (const ins of stages.flatMap((s) => s.instructions)) {
      const m = missing(ins, v);
      if (m) ctx.report({ range: ins.keywordRange, instruction: ins, data: { keyword: ins.keyword, ...m, version } });
    }
  },
};
