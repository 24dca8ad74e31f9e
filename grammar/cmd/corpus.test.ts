// Measures the grammar against real RUN bodies extracted (dev-only) into
// scratch/runs/cmd. Skipped when that folder is absent (CI, fresh clones).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCmd } from './index.ts';

const dir = join(import.meta.dirname, '..', '..', 'scratch', 'runs', 'cmd');
const present = existsSync(dir);

describe.skipIf(!present)('cmd corpus (scratch/runs/cmd)', () => {
  it('parses at least 99% of real RUN bodies without recovery', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.cmd')).sort();
    // Build the parser first so that the slowest body is not just the first.
    const construction = performance.now();
    parseCmd('echo warm-up');
    const constructionMs = performance.now() - construction;
    const failures: { file: string; errors: string[] }[] = [];
    let slowest = { file: '', ms: 0 };
    let bytes = 0;
    const t0 = performance.now();
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      bytes += text.length;
      const start = performance.now();
      const result = parseCmd(text);
      const ms = performance.now() - start;
      if (ms > slowest.ms) slowest = { file, ms };
      if (result.recovered) {
        failures.push({ file, errors: result.errors.map((e) => `${e.start}-${e.end} ${e.message} [${text.slice(e.start, e.end).slice(0, 40)}]`) });
      }
    }
    const total = performance.now() - t0;
    const ok = files.length - failures.length;
    const pct = (100 * ok) / files.length;
    const lines = [
      `cmd corpus: ${ok}/${files.length} parsed without recovery (${pct.toFixed(1)}%)`,
      `parser construction ${constructionMs.toFixed(1)} ms; parsing ${total.toFixed(1)} ms for ${(bytes / 1024).toFixed(1)} KiB ` +
        `(${(bytes / 1024 / (total / 1000)).toFixed(0)} KiB/s); slowest ${slowest.ms.toFixed(2)} ms (${slowest.file})`,
      ...failures.map((f) => `  recovered: ${f.file}\n    ${f.errors.join('\n    ')}`),
    ];
    console.log(lines.join('\n'));
    expect(pct).toBeGreaterThanOrEqual(99);
  });
});
