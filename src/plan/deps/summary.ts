import { DEPS_FILE } from '../deps-types.ts';
import type { BuildPlan } from '../types.ts';
import type { ConvertedBuild, DepsImageNames } from './converted-build.ts';
import type { Selection } from './select.ts';
import { stageLabel } from './stage-graph.ts';
import type { Usage } from './usage.ts';

/** Sentences for reports: what moved, how the converted build uses the image, how to tag and rebuild it. */
export function depsSummary(plan: BuildPlan, sel: Selection, usage: Usage, names: DepsImageNames, build: ConvertedBuild): string[] {
  const { ref, arg, image } = names;
  const wv = plan.windowsVersion;
  const what = [...sel.movedRuns.map((s) => `the RUN at line ${s.ins.range.start.line}`), ...sel.movedStages.map((s) => `stage ${stageLabel(s)}`)];
  const reasons = usage.baseReasons;
  return [
    `${DEPS_FILE} holds what only Windows can run (${what.join(', ')}); build it natively on a Windows host, or a Windows node of the pipeline, whose Windows version matches (process isolation), and push it before the converted build runs.`,
    usage.use === 'base'
      ? `The converted build starts FROM it (\`${ref}\`) because ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''}.`
      : build.copies.length > 0
        ? `The converted build keeps ${names.base} and copies ${build.copies.join(', ')} from it (\`COPY --from=${ref}\` through the stage ${names.stage}).`
        : `The converted build keeps ${names.base} but copies nothing from it yet: winfile knows no install location of what the moved steps install (see the manual items).`,
    wv
      ? `Tag it once per Windows version with the value of ${wv.arg} (the base image's tag for that version): ${image}:${wv.default} for the default; the converted build reads \`${ref}\` (set ${arg} to your repository).`
      : `The base image has no per-version tags winfile knows, so the dependency image has one tag: ${image} (set ${arg}).`,
    'Rebuild it when its steps or the files they read change, for every new Windows version the image should serve, and every month after Microsoft updates the Windows base images (Patch Tuesday, the second Tuesday), so the security fixes reach the images built on it.',
  ];
}
