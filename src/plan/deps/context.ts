import type { RunAnalysis } from '../../analyze/effects/types.ts';
import type { Catalog } from '../../model/catalog.ts';
import type { DockerfileModel, Instruction, Stage } from '../../model/types.ts';
import { rootStage, stageChain } from '../../model/versions.ts';
import type { BuildPlan, ManualItem } from '../types.ts';

export interface DepsOptions {
  analyze(model: DockerfileModel, run: Instruction): RunAnalysis;
  catalog: Catalog;
  /** Repository of the dependency image (default registry.example.com/team/app-deps). */
  image?: string;
}

/** What every step of the split reads, and the manual items it adds to the plan. */
export interface DepsContext {
  model: DockerfileModel;
  plan: BuildPlan;
  options: DepsOptions;
  /** The final stage and the stages it is built FROM, root first. */
  chain: Stage[];
  /** The stage whose FROM names the final image's base. */
  root: Stage;
  /** The plan's manual items by instruction index, as planned (before anything moved). */
  manualBy: Map<number, ManualItem[]>;
  /**
   * Manual items the split finds. They join the plan last (see addManualItems), because some are
   * about moved instructions, whose earlier manual items are dropped.
   */
  newManual: ManualItem[];
}

/** Undefined when the plan has no final stage in the model. */
export function depsContext(model: DockerfileModel, plan: BuildPlan, options: DepsOptions): DepsContext | undefined {
  const finalIndex = Math.max(...plan.stages);
  const final = model.stages.find((s) => s.index === finalIndex);
  if (!final) return undefined;
  const manualBy = new Map<number, ManualItem[]>();
  for (const m of plan.manual) {
    const list = manualBy.get(m.origin.instruction) ?? [];
    list.push(m);
    manualBy.set(m.origin.instruction, list);
  }
  return { model, plan, options, chain: stageChain(final).reverse(), root: rootStage(final), manualBy, newManual: [] };
}

/** A step of the Windows dependency image: what only Windows can do, with the steps it needs. */
export function needsDeps(m: ManualItem): boolean {
  return m.kind !== 'lint' && m.effect !== undefined && m.effect.portability === 'windows-only' && m.effect.destinations.includes('dependency-image');
}

export function hasDepsStep(ctx: DepsContext, ins: Instruction): boolean {
  return (ctx.manualBy.get(ins.index) ?? []).some(needsDeps);
}
