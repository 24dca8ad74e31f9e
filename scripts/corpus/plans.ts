import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import { buildModel } from '../../src/model/build.ts';
import { Catalog } from '../../src/model/catalog.ts';
import type { DockerfileModel } from '../../src/model/types.ts';
import { buildPlan, PlanError } from '../../src/plan/build-plan.ts';
import type { BuildPlan, ManualItem } from '../../src/plan/types.ts';
import { decode } from '../../src/read/decode.ts';

export interface Planned {
  path: string;
  model: DockerfileModel;
  plan: BuildPlan;
}

/**
 * The build plan of every file with a Windows final stage, as `winfile convert` makes it;
 * `onSkip` hears of the readable files that have none.
 */
export function* plans(files: { path: string; bytes: Uint8Array }[], onSkip: () => void = () => {}, catalog = new Catalog()): Generator<Planned> {
  for (const f of files) {
    const d = decode(f.bytes);
    if (!('text' in d)) continue;
    const model = buildModel(f.path, d.text, { catalog });
    if (model.errors.length > 0) continue;
    try {
      yield { path: f.path, model, plan: buildPlan(model, { analyze: analyzeRun, catalog }) };
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      onSkip();
    }
  }
}

export function count(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** `a (3), b (2)`, most common first. */
export function ranked(map: Map<string, number>, most = 12): string {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, most).map(([k, n]) => `${k} (${n})`).join(', ') || 'none';
}

/** Why an item needs manual work, without the command-specific text (for grouping). */
export function manualKey(m: ManualItem): string {
  return m.effect ? `${m.kind}: ${m.effect.kind}` : m.kind;
}
