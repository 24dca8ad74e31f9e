import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import type { Effect } from '../../src/analyze/effects/types.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { applyDeps } from '../../src/plan/deps.ts';
import { needsDeps } from '../../src/plan/deps/context.ts';
import { count, plans } from './plans.ts';

export interface DepsStats {
  plans: number;
  /** Files whose conversion with --deps writes a dependency image. */
  needing: number;
  /** Of those, how many the converted build starts FROM, and how many only COPY from. */
  asBase: number;
  copyOnly: number;
  /** Files per reason (a file counts once per reason). */
  reasons: Map<string, number>;
  manualBefore: number;
  manualAfter: number;
  windowsOnlyBefore: number;
  windowsOnlyAfter: number;
  completeBefore: number;
  completeAfter: number;
}

/** What makes a step Windows-only, for grouping: the package manager for packages. */
function reasonOf(e: Effect): string {
  if (e.kind === 'package') return `package: ${e.manager}`;
  if (e.kind === 'run') return 'opaque script or program';
  return e.kind;
}

export function depsStats(files: { path: string; bytes: Uint8Array }[]): DepsStats {
  const s: DepsStats = { plans: 0, needing: 0, asBase: 0, copyOnly: 0, reasons: new Map(), manualBefore: 0, manualAfter: 0, windowsOnlyBefore: 0, windowsOnlyAfter: 0, completeBefore: 0, completeAfter: 0 };
  const catalog = new Catalog();
  const windowsOnly = (items: { kind: string }[]) => items.filter((m) => m.kind === 'windows-only').length;
  for (const { model, plan } of plans(files, undefined, catalog)) {
    s.plans++;
    s.manualBefore += plan.manual.length;
    s.windowsOnlyBefore += windowsOnly(plan.manual);
    if (plan.manual.length === 0) s.completeBefore++;
    const reasons = new Set(plan.manual.filter(needsDeps).map((m) => reasonOf(m.effect as Effect)));
    const info = applyDeps(model, plan, { analyze: analyzeRun, catalog });
    if (info) {
      s.needing++;
      if (info.use === 'base') s.asBase++;
      else s.copyOnly++;
      for (const r of reasons) count(s.reasons, r);
    }
    s.manualAfter += plan.manual.length;
    s.windowsOnlyAfter += windowsOnly(plan.manual);
    if (plan.manual.length === 0) s.completeAfter++;
  }
  return s;
}
