import type { Stage } from '../../model/types.ts';
import { DEPS_FILE } from '../deps-types.ts';
import type { Decision } from '../types.ts';
import type { DepsContext } from './context.ts';
import type { ConvertedBuild, DepsImageNames } from './converted-build.ts';
import type { Selection } from './select.ts';
import { stageLabel } from './stage-graph.ts';
import type { Usage } from './usage.ts';

/** Decisions: moved RUNs and stages, the steps they needed, the dropped prepare stage, the base image. */
export function rewriteDecisions(ctx: DepsContext, sel: Selection, usage: Usage, names: DepsImageNames, build: ConvertedBuild): void {
  for (const d of ctx.plan.decisions) {
    const i = d.origin.instruction;
    const stage = sel.movedStageOf.get(i);
    if (stage) moveWithStage(d, stage);
    else if (sel.movedRunIndex.has(i)) moveWithRun(d, usage);
    else {
      const inc = sel.included.get(i);
      if (inc && inc.why !== 'moved' && d.origin.effect === undefined) d.detail = `${d.detail}; also in ${DEPS_FILE}, because ${inc.why}`;
      if (build.droppedPrepare !== undefined && d.stage === build.droppedPrepare && d.action === 'translated') {
        d.action = 'dropped';
        d.detail = `not needed: ${d.detail}, but nothing of it reaches the image any more (its result only fed steps moved to ${DEPS_FILE})`;
        delete d.stage;
      }
      if (usage.use === 'base' && i === ctx.root.from.index) d.detail = `base image ${names.ref}: the dependency image, built from ${DEPS_FILE} on ${names.base}`;
    }
  }
}

function moveDetail(why: string): string {
  return `moved to the dependency image (${DEPS_FILE}), built natively on Windows: ${why}`;
}

function moveWithStage(d: Decision, stage: Stage): void {
  d.action = 'moved';
  d.stage = DEPS_FILE;
  d.detail = `stage ${stageLabel(stage)} is built as written in ${DEPS_FILE} (it runs steps only Windows can run); the converted build copies its files from the dependency image`;
}

/** The RUN's own decision and those of its steps. */
function moveWithRun(d: Decision, usage: Usage): void {
  const line = d.origin.range.start.line;
  if (d.origin.effect === undefined) {
    d.action = 'moved';
    d.stage = DEPS_FILE;
    d.detail = moveDetail(usage.use === 'base' ? `the whole RUN runs there as written; the converted build starts FROM that image` : `the whole RUN runs there as written; the converted build copies what it installs (${installed(usage, d.origin.instruction)})`);
  } else if (d.action === 'translated' && usage.use === 'copy' && d.effect?.portability !== 'windows-only') {
    // Copy mode keeps the translated steps: the install locations copied from the image lack their results.
    d.detail = `${d.detail}; the whole RUN (line ${line}) also runs in ${DEPS_FILE}`;
  } else {
    const was = d.action === 'dropped' ? `was dropped: ${d.detail}` : d.detail;
    d.action = 'moved';
    d.stage = DEPS_FILE;
    d.detail = moveDetail(`runs as part of the RUN at line ${line} (${was})`);
    delete d.workaround;
  }
}

function installed(usage: Usage, run: number): string {
  return [...new Set((usage.installsByRun.get(run) ?? []).map((x) => x.what))].join(', ') || 'nothing winfile knows';
}
