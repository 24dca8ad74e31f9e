import type { Effect } from '../../analyze/effects/types.ts';
import type { Instruction } from '../../model/types.ts';
import { decision, subjectOf } from '../decisions.ts';
import { DEPS_FILE } from '../deps-types.ts';
import type { ManualItem, Origin } from '../types.ts';
import type { DepsContext } from './context.ts';
import type { Selection } from './select.ts';
import type { Usage } from './usage.ts';

/** The origin of a manual item about a whole instruction. */
export function manualOrigin(ins: Instruction): Origin {
  return { instruction: ins.index, keyword: ins.keyword, range: ins.range };
}

export function windowsOnly(origin: Origin, reason: string, workaround: string, effect?: Effect): ManualItem {
  const item: ManualItem = { origin, kind: 'windows-only', reason, workaround };
  if (effect) item.effect = effect;
  return item;
}

/** Adds the manual items the split found to the plan, each with its decision. */
export function addManualItems(ctx: DepsContext): void {
  const { model, plan } = ctx;
  plan.manual.push(...ctx.newManual);
  for (const m of ctx.newManual) {
    const ins = model.instructions[m.origin.instruction];
    const subject = ins ? subjectOf(ins) : m.origin.keyword;
    plan.decisions.push(decision(m.origin, subject, 'manual', m.reason, { workaround: m.workaround }));
  }
}

/**
 * What moved is no longer manual work. What is: in copy mode, installs whose folders winfile does
 * not know; in base mode, a PATH the converted build writes out in full.
 */
export function rewriteManual(ctx: DepsContext, sel: Selection, usage: Usage, depsStage: string): void {
  const { plan } = ctx;
  const moved = (i: number) => sel.movedRunIndex.has(i) || sel.movedStageOf.has(i);
  plan.manual = plan.manual.filter((m) => m.kind === 'lint' || !moved(m.origin.instruction));
  if (usage.use === 'copy') {
    for (const u of usage.unknown) {
      ctx.newManual.push(
        windowsOnly(
          manualOrigin(u.run.ins),
          `install location unknown: copy it from the dependency image by hand (${u.what} runs in ${DEPS_FILE}, but ${u.why})`,
          `Add \`COPY --from=${depsStage} <install folder> <install folder>\` after the deps stage's files in the converted build (find the folder with \`docker run --rm <dependency image> ...\` on Windows), or add the package to rules/catalog/install-locations.yaml.`,
        ),
      );
    }
    return;
  }
  // The moved installers extended the PATH stored in the registry, which an ENV PATH replaces.
  for (const t of plan.target.steps) {
    if (t.kind !== 'env' || t.origin.keyword !== 'RUN' || !t.pairs.some(([k]) => k.toUpperCase() === 'PATH')) continue;
    ctx.newManual.push(
      windowsOnly(
        { instruction: t.origin.instruction, keyword: t.origin.keyword, range: t.origin.range },
        `the converted build writes PATH out in full (from the RUN at line ${t.origin.range.start.line}), which replaces the PATH the steps in ${DEPS_FILE} stored in the registry`,
        `Add the directories the dependency image's installers put on PATH (\`docker run --rm <dependency image> cmd /c echo %PATH%\` on Windows) to that ENV PATH.`,
      ),
    );
  }
}
