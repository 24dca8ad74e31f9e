import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitBuildkit } from '../../src/emit/buildkit.ts';
import { count, manualKey, plans } from './plans.ts';

export interface ConvertStats {
  files: number;
  notWindows: number;
  converted: number;
  complete: number;
  effects: number;
  effectsTranslated: number;
  effectsDropped: number;
  manualReasons: Map<string, number>;
  tallyChecked: number;
  tallyRejected: string[];
}

// Resolved from the working directory: this module runs from a temporary bundle.
const TALLY = join(process.cwd(), 'node_modules/@wharflab/tally-linux-x64/bin/tally');

/**
 * Parse errors (tally then fails without JSON) and buildkit/* findings at error level: what
 * BuildKit's own parser and checks, embedded in tally, say about a converted file.
 */
function tallyProblems(text: string, dir: string): string[] {
  writeFileSync(join(dir, 'Dockerfile'), text);
  const r = spawnSync(TALLY, ['lint', '--no-config', '--slow-checks', 'off', '-f', 'json', join(dir, 'Dockerfile')], { encoding: 'utf8' });
  if (r.status !== 0 && !r.stdout.trim().startsWith('{')) return [`tally failed: ${r.stderr.trim().split('\n')[0]}`];
  const out = JSON.parse(r.stdout) as { files?: { violations?: { rule: string; severity: string; message: string }[] }[] };
  return (out.files ?? []).flatMap((f) => f.violations ?? []).filter((v) => v.rule.startsWith('buildkit/') && v.severity === 'error').map((v) => `${v.rule}: ${v.message}`);
}

export function convertStats(files: { path: string; bytes: Uint8Array }[], withTally: boolean): ConvertStats {
  const s: ConvertStats = { files: files.length, notWindows: 0, converted: 0, complete: 0, effects: 0, effectsTranslated: 0, effectsDropped: 0, manualReasons: new Map(), tallyChecked: 0, tallyRejected: [] };
  const dir = mkdtempSync(join(tmpdir(), 'winfile-tally-'));
  const tally = withTally && existsSync(TALLY);
  try {
    for (const { path, plan } of plans(files, () => s.notWindows++)) {
      s.converted++;
      if (plan.manual.length === 0) s.complete++;
      for (const dec of plan.decisions) {
        if (dec.origin.effect === undefined) continue;
        s.effects++;
        if (dec.action === 'translated' || dec.action === 'moved') s.effectsTranslated++;
        if (dec.action === 'dropped') s.effectsDropped++;
      }
      for (const m of plan.manual) count(s.manualReasons, manualKey(m));
      if (tally) {
        s.tallyChecked++;
        const problems = tallyProblems(emitBuildkit(plan, { outputName: 'Dockerfile' }), dir);
        if (problems.length > 0) s.tallyRejected.push(`${path}: ${problems.join('; ')}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return s;
}
