import type { DockerfileModel, Instruction } from './types.ts';

/** RUN instructions (and ONBUILD RUN triggers) in Windows stages: what a Linux builder cannot execute. */
export function windowsRuns(model: DockerfileModel): Instruction[] {
  const out: Instruction[] = [];
  for (const stage of model.stages) {
    if (stage.os !== 'windows') continue;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'RUN' || (ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN')) out.push(ins);
    }
  }
  return out;
}
