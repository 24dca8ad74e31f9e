import type { DockerfileModel } from '../model/types.ts';
import type { DependencyImage } from './deps-types.ts';
import { depsContext, type DepsOptions } from './deps/context.ts';
import { nameDepsImage, rewriteConvertedBuild } from './deps/converted-build.ts';
import { rewriteDecisions } from './deps/decisions.ts';
import { dockerfileStages, finalStageLines, stageNames } from './deps/dockerfile.ts';
import { addManualItems, rewriteManual } from './deps/manual.ts';
import { selectMoves } from './deps/select.ts';
import { movedStageFiles } from './deps/stage-files.ts';
import { depsSummary } from './deps/summary.ts';
import { usageOf } from './deps/usage.ts';
import type { BuildPlan } from './types.ts';

export { DEPS_FILE, DEPS_ARG, DEFAULT_DEPS_IMAGE, type DependencyImage } from './deps-types.ts';
export type { DepsOptions } from './deps/context.ts';

/**
 * Splits the steps only Windows can run off into a dependency image (`Dockerfile.deps`, built
 * natively on Windows once per Windows version) and rewrites the plan to build on it:
 *
 * - A RUN of the final image with a Windows-only step moves there whole and verbatim (its
 *   commands depend on each other: a download feeding msiexec stays with it), with the SHELL,
 *   ARG, ENV, WORKDIR and USER context before it, the context files it reads (COPY) and earlier
 *   RUNs whose output it reads. Its other steps stay translated only when files are copied.
 * - An intermediate Windows stage with a Windows-only step (the "installer stage" pattern) is
 *   built there as written; the files the build copies from it come from the dependency image.
 * - The converted build starts FROM the dependency image when a moved step changes more than
 *   files (installers, features, registry, services, users, unknown commands); otherwise it keeps
 *   the original base and copies the install locations (rules/catalog/install-locations.yaml).
 *
 * Returns undefined when nothing needs Windows; the plan then only gains the manual items for
 * stages Dockerfile.deps cannot build.
 */
export function applyDeps(model: DockerfileModel, plan: BuildPlan, options: DepsOptions): DependencyImage | undefined {
  const ctx = depsContext(model, plan, options);
  if (!ctx) return undefined;
  const sel = selectMoves(ctx);
  if (!sel) {
    addManualItems(ctx);
    return undefined;
  }
  // Everything read from the plan as planned comes before the rewrite changes it.
  const names = stageNames(model);
  const stages = dockerfileStages(ctx, names, sel.verbatimStages);
  const files = movedStageFiles(plan, sel.movedStages);
  const usage = usageOf(ctx, sel.movedRuns);
  const image = nameDepsImage(ctx);

  const build = rewriteConvertedBuild(ctx, sel, files, usage, image);
  rewriteDecisions(ctx, sel, usage, image, build);
  rewriteManual(ctx, sel, usage, image.stage);
  addManualItems(ctx);
  plan.globalArgs.push({ name: image.arg, default: image.image });

  const info: DependencyImage = {
    use: usage.use,
    reasons: usage.use === 'base' ? usage.baseReasons : build.copies,
    arg: image.arg,
    image: image.image,
    ref: image.ref,
    base: image.base,
    globalArgs: image.globalArgs,
    stages,
    lines: finalStageLines(model, names, files, sel.steps, sel.included),
    movedRuns: sel.movedRuns.map((s) => s.ins.range.start.line),
    movedStages: sel.movedStages.map((s) => names.get(s.index) as string),
    copies: build.copies,
    summary: depsSummary(plan, sel, usage, image, build),
  };
  if (plan.windowsVersion) info.versionArg = plan.windowsVersion.arg;
  if (build.stageUsed) info.stage = image.stage;
  plan.deps = info;
  return info;
}
