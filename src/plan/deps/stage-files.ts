import type { Stage } from '../../model/types.ts';
import type { BuildPlan } from '../types.ts';
import { windowsForm } from './paths.ts';

/** The files the converted build takes from the intermediate stages that move to Dockerfile.deps. */
export interface StageFiles {
  /** Moved stages by the name of the stage the converted build made of them. */
  byConverted: Map<string, Stage>;
  /** The image paths copied from each moved stage (as the stage has them). */
  paths: Map<Stage, Set<string>>;
}

/** A copy from another stage in the converted build: a COPY --from of the image or a Linux stage's copy-in. */
interface StageCopy {
  from: string;
  sources: string[];
  retarget(from: string, sources: string[]): void;
}

function* stageCopies(plan: BuildPlan): Generator<StageCopy> {
  for (const t of plan.target.steps) {
    if (t.kind !== 'copy' || !('stage' in t.from)) continue;
    yield {
      from: t.from.stage,
      sources: t.sources,
      retarget: (from, sources) => {
        t.sources = sources;
        t.from = { stage: from };
      },
    };
  }
  for (const l of plan.linux) {
    for (const st of l.steps) {
      if (st.kind !== 'copy-in' || !st.from) continue;
      yield {
        from: st.from,
        sources: st.sources,
        retarget: (from, sources) => {
          st.sources = sources;
          st.from = from;
        },
      };
    }
  }
}

/** The stages the converted build copies from. */
export function copiedStages(plan: BuildPlan): Set<string> {
  const used = new Set<string>();
  for (const c of stageCopies(plan)) used.add(c.from);
  return used;
}

/**
 * A source in a converted stage as the path the original stage has: prepare stages mirror C:\
 * under their rootfs, which Dockerfile.deps builds as written.
 */
function imagePathOf(plan: BuildPlan, stageName: string, source: string): string {
  const r = plan.linux.find((l) => l.name === stageName)?.rootfs;
  return r && (source === r || source.startsWith(`${r}/`)) ? source.slice(r.length) || '/' : source;
}

export function movedStageFiles(plan: BuildPlan, movedStages: Stage[]): StageFiles {
  const byConverted = new Map<string, Stage>();
  for (const s of movedStages) {
    const name = plan.decisions.find((d) => d.origin.instruction === s.from.index && d.stage !== undefined)?.stage;
    if (name) byConverted.set(name, s);
  }
  const paths = new Map<Stage, Set<string>>();
  for (const c of stageCopies(plan)) {
    const s = byConverted.get(c.from);
    if (!s) continue;
    const set = paths.get(s) ?? new Set<string>();
    for (const src of c.sources) set.add(imagePathOf(plan, c.from, src).replace(/(.)\/$/, '$1'));
    paths.set(s, set);
  }
  return { byConverted, paths };
}

/**
 * Points the copies from moved stages at the stage naming the dependency image, where those files
 * have the paths of the original stage, and drops the converted stages. True if any copy was moved.
 */
export function takeFromDepsImage(plan: BuildPlan, files: StageFiles, depsStage: string): boolean {
  let used = false;
  for (const c of stageCopies(plan)) {
    if (!files.byConverted.has(c.from)) continue;
    c.retarget(depsStage, c.sources.map((src) => imagePathOf(plan, c.from, src)));
    used = true;
  }
  plan.linux = plan.linux.filter((l) => !files.byConverted.has(l.name));
  return used;
}

/** The Windows paths the converted build copies from moved stages, as reports show them. */
export function stageFileCopies(files: StageFiles): string[] {
  return [...files.paths.values()].flatMap((set) => [...set].map((p) => windowsForm(p).replaceAll('/', '\\')));
}
