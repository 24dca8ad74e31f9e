import type { Stage } from '../../model/types.ts';
import { DEPS_FILE } from '../deps-types.ts';
import { chainSteps, type ChainStep } from './chain.ts';
import { hasDepsStep, type DepsContext } from './context.ts';
import { manualOrigin, windowsOnly } from './manual.ts';
import { overlaps } from './paths.ts';
import { linuxStageIn, stageClosure, stageLabel } from './stage-graph.ts';

/** A chain step Dockerfile.deps runs, and why (`moved`, or which moved step reads its output). */
export interface Included {
  step: ChainStep;
  why: string;
}

/** What moves to Dockerfile.deps. */
export interface Selection {
  /** Every instruction of the final image's chain. */
  steps: ChainStep[];
  /** RUNs of the final image that move whole. */
  movedRuns: ChainStep[];
  movedRunIndex: Set<number>;
  /** Intermediate Windows stages built as written in Dockerfile.deps. */
  movedStages: Stage[];
  /** Instruction index -> the moved stage it belongs to. */
  movedStageOf: Map<number, Stage>;
  /** Every stage Dockerfile.deps builds before its final stage: moved stages and what they need. */
  verbatimStages: Set<Stage>;
  /** The chain's RUNs and COPYs Dockerfile.deps' final stage runs, by instruction index. */
  included: Map<number, Included>;
}

/** Undefined when nothing moves. */
export function selectMoves(ctx: DepsContext): Selection | undefined {
  const { moved: movedStages, verbatim: verbatimStages } = selectStages(ctx);
  const steps = chainSteps(ctx);
  const movedRuns = steps.filter((s) => s.ins.keyword === 'RUN' && hasDepsStep(ctx, s.ins));
  if (movedRuns.length === 0 && movedStages.length === 0) return undefined;
  const movedStageOf = new Map<number, Stage>();
  for (const s of movedStages) for (const ins of s.instructions) movedStageOf.set(ins.index, s);
  return {
    steps,
    movedRuns,
    movedRunIndex: new Set(movedRuns.map((s) => s.ins.index)),
    movedStages,
    movedStageOf,
    verbatimStages,
    included: includeInputs(ctx, steps, movedRuns, verbatimStages),
  };
}

/**
 * Intermediate Windows stages that run Windows-only steps (the "installer stage" pattern), with
 * the stages they need, when all of those are Windows stages (a Windows host cannot build Linux
 * stages).
 */
function selectStages(ctx: DepsContext): { moved: Stage[]; verbatim: Set<Stage> } {
  const { model, plan } = ctx;
  const inChain = new Set(ctx.chain);
  const moved: Stage[] = [];
  const verbatim = new Set<Stage>();
  for (const stage of model.stages) {
    if (!plan.stages.includes(stage.index) || inChain.has(stage) || stage.os !== 'windows') continue;
    if (!stage.instructions.some((ins) => hasDepsStep(ctx, ins))) continue;
    const needs = stageClosure(model, stage);
    const linux = linuxStageIn(needs);
    if (linux) {
      const [name, other] = [stageLabel(stage), stageLabel(linux)];
      ctx.newManual.push(windowsOnly(manualOrigin(stage.from), `stage ${name} runs steps only Windows can run, but it needs stage ${other}, which is not a Windows stage, so ${DEPS_FILE} cannot build it`, `Build stage ${name} natively on Windows by hand (with the files it takes from stage ${other} in its build context) and copy its results from that image.`));
      continue;
    }
    moved.push(stage);
    for (const s of needs) verbatim.add(s);
  }
  return { moved, verbatim };
}

/**
 * The moved RUNs with the earlier RUNs and COPYs whose output they read, transitively. Stages
 * such a COPY takes files from join `verbatim`.
 */
function includeInputs(ctx: DepsContext, steps: ChainStep[], movedRuns: ChainStep[], verbatim: Set<Stage>): Map<number, Included> {
  const included = new Map<number, Included>();
  for (const s of movedRuns) included.set(s.ins.index, { step: s, why: 'moved' });
  const work = [...movedRuns];
  while (work.length > 0) {
    const r = work.pop() as ChainStep;
    for (const e of steps) {
      if (e.ins.index >= r.ins.index || included.has(e.ins.index)) continue;
      if (e.ins.keyword !== 'RUN' && e.ins.keyword !== 'COPY' && e.ins.keyword !== 'ADD') continue;
      if (!overlaps(e.produces, r.reads)) continue;
      included.set(e.ins.index, { step: e, why: `line ${r.ins.range.start.line} reads its output` });
      if (e.ins.keyword === 'RUN') work.push(e);
      if (e.from && typeof e.from !== 'string') includeCopySource(ctx, e, e.from, verbatim);
    }
  }
  return included;
}

function includeCopySource(ctx: DepsContext, copy: ChainStep, from: Stage, verbatim: Set<Stage>): void {
  const needs = stageClosure(ctx.model, from);
  const linux = linuxStageIn(needs);
  if (linux) ctx.newManual.push(windowsOnly(manualOrigin(copy.ins), `the steps moved to ${DEPS_FILE} read files this COPY takes from stage ${stageLabel(from)}, which needs stage ${stageLabel(linux)}, not a Windows stage`, `Put those files into the build context of ${DEPS_FILE} and COPY them from there.`));
  else for (const s of needs) verbatim.add(s);
}
