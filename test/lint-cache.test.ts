import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';

const LOCATION = Symbol.for('winfile.cache');
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'winfile-lint-cache-'));
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[LOCATION];
  rmSync(work, { recursive: true, force: true });
});

/** Lints with the caches the launcher would set up, or with none. */
async function lint(args: string[], cached: boolean) {
  const g = globalThis as Record<symbol, unknown>;
  if (cached) g[LOCATION] = { dir: join(work, 'cache'), build: 'test' };
  else delete g[LOCATION];
  try {
    return await cli(['lint', '-f', 'json', '-f', 'tty', ...args]);
  } finally {
    delete g[LOCATION];
  }
}

describe('winfile lint with its caches', () => {
  const samples = join(work, 'samples');
  cpSync(join(root, 'samples'), samples, { recursive: true });

  it('reports exactly what an uncached run reports, on first and later runs', async () => {
    const plain = await lint([samples], false);
    expect(JSON.parse(plain.stdout.slice(0, plain.stdout.indexOf('\n}\n') + 2)).files.length).toBeGreaterThan(5);
    const first = await lint([samples], true);
    const again = await lint([samples], true);
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
  });

  it('notices an edited file, a new config and other options', async () => {
    const file = join(samples, 'powershell-tool', 'Dockerfile');
    await lint([file], true);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^RUN /m, 'RUN Remove-Item C:\\nothing ; '));
    expect(await lint([file], true)).toEqual(await lint([file], false));
    const config = join(work, 'config.yaml');
    writeFileSync(config, 'ignore: [WF202]\n');
    expect((await lint([file, '-c', config], true)).stdout).not.toMatch(/"ruleId": "WF202"/);
    // The same file name with another config's content.
    writeFileSync(config, 'ignore: [WF101]\n');
    const withConfig = await lint([file, '-c', config], true);
    expect(withConfig).toEqual(await lint([file, '-c', config], false));
    expect(withConfig.stdout).not.toMatch(/"ruleId": "WF101"/);
    expect(await lint([file, '--target', 'crane'], true)).toEqual(await lint([file, '--target', 'crane'], false));
  });
});
