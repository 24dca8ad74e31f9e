import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import type { EmitContext } from '../../src/emit/types.ts';
import { buildModel } from '../../src/model/build.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { applyDeps } from '../../src/plan/deps.ts';
import type { BuildPlan } from '../../src/plan/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Plans a file of the repository the way `winfile convert` does, with `--deps` when asked. */
export function planOf(file: string, deps: boolean): BuildPlan {
  const catalog = new Catalog();
  const model = buildModel(file, readFileSync(join(ROOT, file), 'utf8'), { catalog });
  const plan = buildPlan(model, { analyze: analyzeRun, catalog });
  if (deps) applyDeps(model, plan, { analyze: analyzeRun, catalog });
  return plan;
}

/** The EmitContext convert builds for `-o <out>` (relative to the repository root) and input `file`. */
export function ctxFor(file: string, out: string, extra: Partial<EmitContext> = {}): EmitContext {
  const contextDir = dirname(file);
  return { outputName: basename(out), context: relative(dirname(out), contextDir) || '.', dockerfile: relative(contextDir, out), shell: 'bash', format: 'script', allowEditConfig: false, ...extra };
}

/** The option sets every pipeline output is checked with, for every sample. */
export const PIPELINE_VARIANTS: string[][] = [
  [],
  ['--smoke-test', 'ver'],
  ['--engine', 'crane'],
  ['--engine', 'crane', '--smoke-test', 'ver'],
  ['--deps'],
  ['--deps', '--smoke-test', 'ver', '--windows-versions', 'ltsc2019,ltsc2022'],
  ['--deps', '--engine', 'crane', '--smoke-test', 'ver'],
  ['--windows-versions', 'ltsc2019,ltsc2022,ltsc2025'],
  ['--engine', 'crane', '--windows-versions', 'ltsc2019,ltsc2025', '--allow-edit-config'],
  ['--deps', '--engine', 'crane', '--windows-versions', 'ltsc2019,ltsc2025'],
];
