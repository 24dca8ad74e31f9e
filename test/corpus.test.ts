import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/model/build.ts';
import { decode } from '../src/read/decode.ts';
import { cli } from './helpers/cli.ts';
import { HAVE_SARIF_SCHEMA, sarifValidator } from './helpers/schemas.ts';

const CORPUS = join(import.meta.dirname, '../../shared/corpus/windows');
const present = existsSync(CORPUS) && HAVE_SARIF_SCHEMA;
if (!present) console.warn(`skipping the corpus checks: ${CORPUS} is absent`);

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const repo of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!repo.isDirectory()) continue;
    for (const f of readdirSync(join(CORPUS, repo.name))) out.push(join(CORPUS, repo.name, f));
  }
  return out.sort();
}

interface JsonReport {
  files: { path: string; error: { message: string } | null; diagnostics: { ruleId: string; range: { start: { line: number } } }[] }[];
}

describe.skipIf(!present)('real Windows Dockerfiles (../shared/corpus/windows)', () => {
  const files = present ? corpusFiles() : [];

  it('lints every file with exit 0 or 1, and 2 only where BuildKit rejects the file', async () => {
    expect(files.length).toBeGreaterThan(300);
    const rejected: string[] = [];
    for (const file of files) {
      const r = await cli(['lint', '-f', 'json', file]);
      const report = JSON.parse(r.stdout) as JsonReport;
      const error = report.files[0]?.error;
      if (r.code === 2) {
        expect(error?.message, file).toMatch(/^BuildKit's parser rejects this file: /);
        rejected.push(file);
      } else {
        expect([0, 1], file).toContain(r.code);
        expect(error, file).toBeNull();
      }
    }
    // Independently of the CLI: exactly the files whose model records a BuildKit parse error.
    const expected = files.filter((f) => {
      const d = decode(readFileSync(f));
      return 'text' in d && buildModel(f, d.text).errors.length > 0;
    });
    expect(rejected).toEqual(expected);
    expect(rejected.length).toBeLessThan(10);
  }, 120_000);

  it('reports every RUN in a Windows stage', async () => {
    let runs = 0;
    for (const file of files) {
      const d = decode(readFileSync(file));
      if (!('text' in d)) continue;
      const model = buildModel(file, d.text);
      if (model.errors.length > 0) continue;
      const lines = model.stages.filter((s) => s.os === 'windows').flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.range.start.line));
      if (lines.length === 0) continue;
      runs += lines.length;
      const r = await cli(['lint', '-f', 'json', file]);
      const reported = new Set((JSON.parse(r.stdout) as JsonReport).files[0]?.diagnostics.filter((x) => x.ruleId === 'WF101').map((x) => x.range.start.line));
      for (const line of lines) expect(reported.has(line), `${file}:${line}`).toBe(true);
    }
    expect(runs).toBeGreaterThan(700);
  }, 120_000);

  it('produces SARIF that is valid SARIF 2.1.0 for the whole corpus', async () => {
    const validate = sarifValidator();
    const r = await cli(['lint', '-f', 'sarif', '--no-fail', ...files]);
    const sarif = JSON.parse(r.stdout);
    const ok = validate(sarif);
    expect(validate.errors?.slice(0, 5) ?? [], 'SARIF schema errors').toEqual([]);
    expect(ok).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(1000);
  }, 120_000);
});
