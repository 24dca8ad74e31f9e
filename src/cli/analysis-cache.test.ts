import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analyze/analyze-run.ts';
import { buildModel } from '../model/build.ts';
import { windowsRuns } from '../model/queries.ts';
import { AnalysisCache } from './analysis-cache.ts';
import { CacheStore } from './cache-store.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'windows');
const dir = mkdtempSync(join(tmpdir(), 'winfile-analysis-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dockerfiles(): string[] {
  const samples = readdirSync(join(ROOT, 'samples')).map((d) => join(ROOT, 'samples', d, 'Dockerfile')).filter(existsSync);
  if (!existsSync(CORPUS)) return samples;
  const corpus = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => readdirSync(join(CORPUS, d.name)).map((f) => join(CORPUS, d.name, f)));
  return [...samples, ...corpus];
}

describe('the analysis cache', () => {
  it('gives back, for a RUN that moved down the file, exactly what analysing it there gives', () => {
    const cache = new AnalysisCache(new CacheStore({ dir, build: 'moved' }));
    let checked = 0;
    for (const file of dockerfiles()) {
      const text = readFileSync(file, 'utf8');
      const before = buildModel(file, text);
      if (before.errors.length > 0) continue;
      // Lines and offsets shift; the RUNs' text, column and context stay the same.
      const moved = buildModel(file, text.replace(/^FROM/im, '# moved\n\n$&'));
      const runs = windowsRuns(before).filter((r) => r.keyword === 'RUN');
      const movedRuns = windowsRuns(moved).filter((r) => r.keyword === 'RUN');
      runs.forEach((run, i) => {
        cache.put(before, run, analyzeRun(before, run));
        const other = movedRuns[i];
        if (!other) throw new Error(`${file}: RUN ${i} is missing after the move`);
        expect(cache.get(moved, other), `${file}:${other.range.start.line}`).toEqual(analyzeRun(moved, other));
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('misses when anything the analysis reads differs: shell, environment, escape character', () => {
    const cache = new AnalysisCache(new CacheStore({ dir, build: 'inputs' }));
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV A=1\nRUN echo %A%\n';
    const model = buildModel('Dockerfile', text);
    const [run] = windowsRuns(model);
    if (!run) throw new Error('no RUN');
    cache.put(model, run, analyzeRun(model, run));
    const hit = buildModel('Dockerfile', text);
    expect(cache.get(hit, windowsRuns(hit)[0]!)).toEqual(analyzeRun(hit, windowsRuns(hit)[0]!));
    for (const variant of [text.replace('ENV A=1', 'ENV A=2'), text.replace('\nRUN', '\nSHELL ["powershell", "-Command"]\nRUN'), `# escape=\`\n${text}`, text.replace('ENV A=1', 'USER ContainerUser')]) {
      const m = buildModel('Dockerfile', variant);
      expect(cache.get(m, windowsRuns(m)[0]!), variant).toBeUndefined();
    }
  });

  it('treats a damaged entry as a miss', () => {
    const location = { dir, build: 'damaged' };
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n';
    const model = buildModel('Dockerfile', text);
    const run = windowsRuns(model)[0]!;
    const store = new CacheStore(location);
    new AnalysisCache(store).put(model, run, analyzeRun(model, run));
    store.flush();
    expect(new AnalysisCache(new CacheStore(location)).get(model, run)).toEqual(analyzeRun(model, run));
    const folder = join(dir, 'analysis-damaged');
    for (const f of readdirSync(folder)) writeFileSync(join(folder, f), readFileSync(join(folder, f), 'utf8').slice(0, -5));
    expect(new AnalysisCache(new CacheStore(location)).get(model, run)).toBeUndefined();
  });
});
