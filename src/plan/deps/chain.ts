import { copyDestination, normalizeWindowsPath } from '../../model/paths.ts';
import type { Instruction, Stage } from '../../model/types.ts';
import type { DepsContext } from './context.ts';
import { producedPaths, readPaths } from './paths.ts';
import { copySource } from './stage-graph.ts';

/** One instruction of the final image's chain, with the context it runs in and the paths it touches. */
export interface ChainStep {
  ins: Instruction;
  workdir: string;
  user: string;
  reads: string[];
  produces: string[];
  /** For COPY/ADD --from: the stage (or image text) it copies from. */
  from?: Stage | string;
}

/** Every instruction of the final image's chain, in file order. */
export function chainSteps(ctx: DepsContext): ChainStep[] {
  const steps: ChainStep[] = [];
  let workdir = '/';
  let user = ctx.plan.target.baseUser ?? 'ContainerAdministrator';
  for (const stage of ctx.chain) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') workdir = normalizeWindowsPath(workdir, ins.args[0]?.value ?? '/').path ?? workdir;
      if (ins.keyword === 'USER') user = ins.args[0]?.value.split(':')[0] ?? user;
      const step: ChainStep = { ins, workdir, user, reads: [], produces: [] };
      if (ins.keyword === 'RUN') {
        const analysis = ctx.options.analyze(ctx.model, ins);
        step.reads = readPaths(analysis.effects, workdir);
        step.produces = producedPaths(analysis.effects, workdir);
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const dest = copyDestination(workdir, ins.args[ins.args.length - 1]?.value ?? '.').path;
        if (dest !== undefined && dest !== '/') step.produces = [dest.replace(/\/$/, '')];
        const from = copySource(ctx.model, ins);
        if (from !== undefined) step.from = from;
      }
      steps.push(step);
    }
  }
  return steps;
}
