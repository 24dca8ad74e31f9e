import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import { buildModel } from '../../src/model/build.ts';
import { windowsRuns } from '../../src/model/queries.ts';
import { decode } from '../../src/read/decode.ts';

export interface EffectStats {
  runs: number;
  scripts: number;
  scriptsClean: number;
  commands: number;
  unknown: number;
  byKind: Map<string, number>;
  unknownCommands: Map<string, number>;
  slowest: { path: string; ms: number };
}

/** "Unknown" counts effects of kind unknown and runs of programs winfile does not know. */
function isUnknown(e: { kind: string; reason: string }): boolean {
  return e.kind === 'unknown' || (e.kind === 'run' && /does not know/.test(e.reason));
}

export function effectStats(files: { path: string; bytes: Uint8Array }[]): EffectStats {
  const s: EffectStats = { runs: 0, scripts: 0, scriptsClean: 0, commands: 0, unknown: 0, byKind: new Map(), unknownCommands: new Map(), slowest: { path: '', ms: 0 } };
  for (const f of files) {
    const d = decode(f.bytes);
    if (!('text' in d)) continue;
    const model = buildModel(f.path, d.text);
    if (model.errors.length > 0) continue;
    const t0 = performance.now();
    for (const run of windowsRuns(model)) {
      const a = analyzeRun(model, run);
      s.runs++;
      for (const sc of a.scripts) {
        s.scripts++;
        if (!sc.recovered) s.scriptsClean++;
      }
      for (const e of a.effects) {
        s.commands++;
        s.byKind.set(e.kind, (s.byKind.get(e.kind) ?? 0) + 1);
        if (isUnknown(e)) {
          s.unknown++;
          s.unknownCommands.set(e.command, (s.unknownCommands.get(e.command) ?? 0) + 1);
        }
      }
    }
    const ms = performance.now() - t0;
    if (ms > s.slowest.ms) s.slowest = { path: f.path, ms };
  }
  return s;
}
