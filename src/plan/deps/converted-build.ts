import { DEFAULT_DEPS_IMAGE, DEPS_ARG } from '../deps-types.ts';
import type { BuildPlan } from '../types.ts';
import type { ChainStep } from './chain.ts';
import type { DepsContext } from './context.ts';
import { copyModeSteps } from './copy-mode.ts';
import type { Selection } from './select.ts';
import { copiedStages, stageFileCopies, takeFromDepsImage, type StageFiles } from './stage-files.ts';
import type { Usage } from './usage.ts';
import { uniqueName } from '../../util/unique-name.ts';

/** How the converted build names the dependency image. */
export interface DepsImageNames {
  /** The original base image, which Dockerfile.deps builds on. */
  base: string;
  /** The original's global ARGs, which Dockerfile.deps declares too. */
  globalArgs: { name: string; default?: string }[];
  /** The build argument naming the repository, and its default. */
  arg: string;
  image: string;
  /** The reference the converted build uses (`${DEPS_IMAGE}:${WINDOWS_VERSION}`). */
  ref: string;
  /** The stage of the converted build that names the image, for copies from it. */
  stage: string;
}

/** Call before the plan changes: the names avoid the plan's ARGs and stages as they were. */
export function nameDepsImage(ctx: DepsContext): DepsImageNames {
  const { model, plan } = ctx;
  const wv = plan.windowsVersion;
  const arg = uniqueName(DEPS_ARG, new Set(plan.globalArgs.map((a) => a.name.toLowerCase())));
  const taken = new Set([...plan.linux.map((l) => l.name.toLowerCase()), ...model.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : []))]);
  return {
    base: plan.target.image,
    globalArgs: plan.globalArgs.map((a) => ({ ...a })),
    arg,
    image: ctx.options.image ?? DEFAULT_DEPS_IMAGE,
    ref: wv ? `\${${arg}}:\${${wv.arg}}` : `\${${arg}}`,
    stage: uniqueName('deps', taken),
  };
}

/** What the converted build takes from the dependency image. */
export interface ConvertedBuild {
  /** Windows paths it copies from the image. */
  copies: string[];
  /** Whether it copies from the image (through the stage `DepsImageNames.stage`). */
  stageUsed: boolean;
  /** The final image's prepare stage, when nothing needs it any more and it was dropped. */
  droppedPrepare?: string;
}

/**
 * Rewrites the converted build to use the dependency image: copies from moved stages come from
 * it, and the final image starts FROM it (`base`) or copies what the moved RUNs install (`copy`).
 */
export function rewriteConvertedBuild(ctx: DepsContext, sel: Selection, files: StageFiles, usage: Usage, names: DepsImageNames): ConvertedBuild {
  const { plan } = ctx;
  let stageUsed = takeFromDepsImage(plan, files, names.stage);
  const copies = stageFileCopies(files);
  if (usage.use === 'base') {
    plan.target.steps = plan.target.steps.filter((t) => !sel.movedRunIndex.has(t.origin.instruction));
    plan.target.image = names.ref;
  } else {
    const rewritten = copyModeSteps(plan, sel.movedRuns, usage.installsByRun, names.stage);
    plan.target.steps = rewritten.steps;
    copies.push(...rewritten.copies);
    if (rewritten.copies.length > 0) stageUsed = true;
  }
  if (stageUsed) plan.linux.push({ name: names.stage, image: names.ref, role: 'original', platform: 'windows/amd64', steps: [], verbatim: [] });
  const droppedPrepare = dropUnusedPrepare(plan, sel.steps);
  return droppedPrepare === undefined ? { copies, stageUsed } : { copies, stageUsed, droppedPrepare };
}

/** The final image's prepare stage may only have fed steps that moved. */
function dropUnusedPrepare(plan: BuildPlan, steps: ChainStep[]): string | undefined {
  const finalPrepare = plan.decisions.find((d) => d.action === 'translated' && d.stage !== undefined && steps.some((s) => s.ins.index === d.origin.instruction))?.stage;
  if (finalPrepare === undefined || copiedStages(plan).has(finalPrepare) || !plan.linux.some((l) => l.name === finalPrepare)) return undefined;
  plan.linux = plan.linux.filter((l) => l.name !== finalPrepare);
  return finalPrepare;
}
