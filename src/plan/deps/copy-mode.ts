import conversion from '../../generated/conversion.json' with { type: 'json' };
import type { Install } from '../deps-catalog.ts';
import { DEPS_FILE } from '../deps-types.ts';
import { isWithin } from '../paths.ts';
import type { BuildPlan, Origin, TargetStep } from '../types.ts';
import type { ChainStep } from './chain.ts';
import { imageForm } from './paths.ts';

/** The final image's steps in copy mode, and the Windows paths they copy from the dependency image. */
export interface CopyModeSteps {
  steps: TargetStep[];
  copies: string[];
}

/** What the rewritten steps so far have copied and set. */
interface Rewritten {
  steps: TargetStep[];
  /** Image paths copied so far: nothing inside them is copied again. */
  seen: Set<string>;
  copies: string[];
}

/** After each moved RUN's own (translated) steps: the locations it installs to and their environment. */
export function copyModeSteps(plan: BuildPlan, movedRuns: ChainStep[], installsByRun: Map<number, Install[]>, depsStage: string): CopyModeSteps {
  const out: Rewritten = { steps: [], seen: new Set(), copies: [] };
  const pending = [...movedRuns];
  const flush = () => {
    const s = pending.shift() as ChainStep;
    addInstalls(plan, out, s, installsByRun.get(s.ins.index) ?? [], depsStage);
  };
  for (const t of plan.target.steps) {
    while (pending.length > 0 && t.origin.instruction > (pending[0] as ChainStep).ins.index) flush();
    out.steps.push(t);
  }
  while (pending.length > 0) flush();
  return { steps: out.steps, copies: out.copies };
}

function addInstalls(plan: BuildPlan, out: Rewritten, s: ChainStep, installs: Install[], depsStage: string): void {
  const comment = `RUN at line ${s.ins.range.start.line} moved to ${DEPS_FILE}: its files come from the dependency image`;
  const origin: Origin = { instruction: s.ins.index, keyword: 'RUN', range: s.ins.range, comments: [comment] };
  // The comment goes to the first step added only.
  let added = 0;
  const originFor = () => (added++ === 0 ? origin : { ...origin, comments: [] });
  for (const inst of installs) {
    for (const p of inst.paths) {
      const ip = imageForm(p);
      if (ip === undefined || [...out.seen].some((q) => isWithin(ip, q))) continue;
      out.seen.add(ip);
      out.copies.push(p);
      out.steps.push({ kind: 'copy', from: { stage: depsStage }, sources: [ip], dest: ip, origin: originFor() });
    }
  }
  const pairs = environment(plan, out.steps, installs);
  if (pairs.length > 0) out.steps.push({ kind: 'env', pairs, origin: originFor() });
}

/**
 * The variables the installs set that the image does not have yet, and PATH with their directories
 * added: Windows bases keep those in the registry, which copied files do not carry.
 */
function environment(plan: BuildPlan, steps: TargetStep[], installs: Install[]): [string, string][] {
  const env = new Map<string, string>();
  for (const inst of installs) for (const [k, v] of inst.env) if (envOf(steps, k) !== v) env.set(k, v);
  const pairs: [string, string][] = [...env];
  const dirs = installs.flatMap((i) => i.path);
  if (dirs.length > 0) {
    const current = envOf(steps, 'PATH') ?? defaultPath(plan);
    const have = new Set(current.split(';').map((d) => d.toLowerCase().replace(/\\$/, '')));
    const add = [...new Set(dirs)].filter((d) => !have.has(d.toLowerCase().replace(/\\$/, '')));
    if (add.length > 0) pairs.push(['PATH', [current, ...add].join(';')]);
  }
  return pairs;
}

/** The value the last ENV step sets a variable to (names compared as Windows does, ignoring case). */
function envOf(steps: TargetStep[], name: string): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const t = steps[i] as TargetStep;
    const pair = t.kind === 'env' ? t.pairs.find(([k]) => k.toUpperCase() === name.toUpperCase()) : undefined;
    if (pair) return pair[1];
  }
  return undefined;
}

function defaultPath(plan: BuildPlan): string {
  const defaults = conversion.defaultPath as Record<string, string>;
  return defaults[plan.target.family ?? 'other'] ?? (defaults['other'] as string);
}
