// Measures the parser against PowerShell RUN bodies extracted from public
// Windows Dockerfiles (dev-only scratch data, never committed). Skipped when
// the scratch directory is absent. Prints the figures; asserts only loosely.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePowerShell, getPowerShellParser } from './index.ts';
import { powershellCommandText } from './cmdline.ts';

const ROOT = join(import.meta.dirname, '../../scratch/runs');
const PS_DIR = join(ROOT, 'ps');
const CMD_DIR = join(ROOT, 'cmd');

function firstError(text: string, r: ReturnType<typeof parsePowerShell>): string {
  const e = r.errors[0]!;
  return `${e.message} @${e.start} ${JSON.stringify(text.slice(Math.max(0, e.start - 40), e.end + 40))}`;
}

describe.skipIf(!existsSync(PS_DIR))('real-world corpus (scratch/runs)', () => {
  test('PowerShell RUN bodies', () => {
    getPowerShellParser();
    const files = readdirSync(PS_DIR).filter((f) => f.endsWith('.ps1')).sort();
    const raw: string[] = [];
    const normalized: string[] = [];
    let slowest = { file: '', ms: 0 };
    let bytes = 0;
    const t0 = performance.now();
    for (const f of files) {
      const text = readFileSync(join(PS_DIR, f), 'utf8');
      bytes += text.length;
      const s = performance.now();
      const r = parsePowerShell(text);
      const ms = performance.now() - s;
      if (ms > slowest.ms) slowest = { file: f, ms };
      if (!r.recovered) continue;
      raw.push(`${f}: ${firstError(text, r)}`);
      // Bodies written with `\"` are Windows command-line text (shell-form RUN
      // under a powershell SHELL); PowerShell sees them after argv splitting.
      if (text.includes('\\"')) {
        const cooked = powershellCommandText(text);
        const r2 = parsePowerShell(cooked);
        if (r2.recovered) normalized.push(`${f}: ${firstError(cooked, r2)}`);
      } else {
        normalized.push(`${f}: ${firstError(text, r)}`);
      }
    }
    const total = performance.now() - t0;
    const pct = (n: number) => ((100 * (files.length - n)) / files.length).toFixed(1);
    console.log(`corpus ps: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB in ${total.toFixed(0)} ms ` +
      `(${((bytes / 1024 / 1024) / (total / 1000)).toFixed(2)} MB/s incl. warm-up), slowest ${slowest.ms.toFixed(1)} ms (${slowest.file})`);
    console.log(`  without recovery, raw text: ${files.length - raw.length}/${files.length} (${pct(raw.length)}%)`);
    console.log(`  without recovery, after Windows argv normalisation of \\" bodies: ${files.length - normalized.length}/${files.length} (${pct(normalized.length)}%)`);
    for (const f of raw) console.log(`  RAW FAIL ${f}`);
    for (const f of normalized) console.log(`  FAIL ${f}`);
    expect(normalized.length / files.length).toBeLessThan(0.05);
  });

  test.skipIf(!existsSync(CMD_DIR))('powershell -Command "..." inside cmd.exe bodies', () => {
    const files = readdirSync(CMD_DIR).filter((f) => f.endsWith('.cmd')).sort();
    let found = 0;
    const failures: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(CMD_DIR, f), 'utf8');
      // Crude: text after `powershell[.exe] ... -Command|-c` up to `&&` or the end.
      const m = /\bpowershell(?:\.exe)?\b[^\n]*?\s-(?:Command|c)\s+([^\n]*?)(?:\s&&\s|$)/i.exec(text);
      if (!m) continue;
      found++;
      const inner = powershellCommandText(m[1]!);
      const r = parsePowerShell(inner);
      if (r.recovered) failures.push(`${f}: ${firstError(inner, r)}`);
    }
    console.log(`corpus cmd: ${found} 'powershell -Command' payloads, ${found - failures.length} parsed without recovery`);
    for (const f of failures) console.log(`  FAIL ${f}`);
    expect(found).toBeGreaterThan(0);
  });
});
