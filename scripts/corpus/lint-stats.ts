import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import { buildModel } from '../../src/model/build.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { decode } from '../../src/read/decode.ts';
import { lintModel } from '../../src/rules/engine.ts';
import type { Diagnostic, Target } from '../../src/rules/types.ts';
import { parseVersion } from '../../src/util/version.ts';

export interface LintStats {
  files: number;
  unusable: { path: string; reason: string }[];
  windowsRuns: number;
  windowsRunsReported: number;
  perRule: Map<string, number>;
  slowest: { path: string; ms: number };
  totalMs: number;
}

const catalog = new Catalog();

export function lintOne(path: string, bytes: Uint8Array, target: Target): { diagnostics: Diagnostic[]; windowsRuns: number[]; error?: string } {
  const decoded = decode(bytes);
  if ('error' in decoded) return { diagnostics: [], windowsRuns: [], error: decoded.error };
  const model = buildModel(path, decoded.text, { catalog });
  if (model.errors[0]) return { diagnostics: [], windowsRuns: [], error: model.errors[0].message };
  const diagnostics = lintModel(model, {
    target,
    craneVersion: parseVersion('v0.21.9') as NonNullable<ReturnType<typeof parseVersion>>,
    windowsVersions: ['ltsc2019', 'ltsc2022', 'ltsc2025'],
    catalog,
    analyze: analyzeRun,
  });
  const windowsRuns = model.stages.filter((s) => s.os === 'windows').flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.range.start.line));
  return { diagnostics, windowsRuns };
}

export function lintStats(files: { path: string; bytes: Uint8Array }[], target: Target): LintStats {
  const stats: LintStats = { files: files.length, unusable: [], windowsRuns: 0, windowsRunsReported: 0, perRule: new Map(), slowest: { path: '', ms: 0 }, totalMs: 0 };
  for (const f of files) {
    const t0 = performance.now();
    const r = lintOne(f.path, f.bytes, target);
    const ms = performance.now() - t0;
    stats.totalMs += ms;
    if (ms > stats.slowest.ms) stats.slowest = { path: f.path, ms };
    if (r.error) {
      stats.unusable.push({ path: f.path, reason: r.error });
      continue;
    }
    stats.windowsRuns += r.windowsRuns.length;
    const reported = new Set(r.diagnostics.filter((d) => d.ruleId === 'WF101').map((d) => d.range.start.line));
    stats.windowsRunsReported += r.windowsRuns.filter((l) => reported.has(l)).length;
    for (const d of r.diagnostics) stats.perRule.set(d.ruleId, (stats.perRule.get(d.ruleId) ?? 0) + 1);
  }
  return stats;
}
