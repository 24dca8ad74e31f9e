import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The built launcher as users run it (npm test builds dist/ first).
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'winfile.cjs');
const sample = join(root, 'samples', 'powershell-tool', 'Dockerfile');
const temp = mkdtempSync(join(tmpdir(), 'winfile-launcher-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: temp, ...env } });
}

describe('bin/winfile.cjs', () => {
  it('gives the same report with its caches cold, warm and turned off', () => {
    const off = run(['lint', '-f', 'json', sample], { WINFILE_NO_CACHE: '1' });
    expect(off.status).toBe(1);
    expect(readdirSync(temp)).toEqual([]);
    const cold = run(['lint', '-f', 'json', sample]);
    const cacheDir = readdirSync(temp).find((n) => n.startsWith('winfile-cache-'));
    expect(cacheDir).toBeDefined();
    const analyses = readdirSync(join(temp, cacheDir as string)).filter((n) => n.startsWith('analysis-'));
    expect(analyses).toHaveLength(1);
    expect(readdirSync(join(temp, cacheDir as string, analyses[0] as string)).every((n) => /^shard-[0-9a-f][0-3]\.tsv$/.test(n))).toBe(true);
    const warm = run(['lint', '-f', 'json', sample]);
    expect([cold.status, cold.stdout, cold.stderr]).toEqual([off.status, off.stdout, off.stderr]);
    expect([warm.status, warm.stdout, warm.stderr]).toEqual([off.status, off.stdout, off.stderr]);
  });

  it("drops other builds' code caches when it writes its own", () => {
    const own = mkdtempSync(join(tmpdir(), 'winfile-launcher-'));
    try {
      const dir = join(own, `winfile-cache-${process.getuid?.() ?? 'user'}`);
      mkdirSync(dir, { recursive: true });
      for (const f of ['analyze.cjs-11.0-1-2.bin', 'analyze.cjs-11.0-1-2.bin.long', 'cli.cjs-11.0-3-4.bin', 'other-file']) writeFileSync(join(dir, f), '');
      const r = spawnSync(process.execPath, [bin, 'lint', '--no-fail', sample], { encoding: 'utf8', env: { ...process.env, TMPDIR: own } });
      expect(r.status).toBe(0);
      const left = readdirSync(dir).filter((f) => !f.startsWith('analysis-'));
      expect(left.filter((f) => f.startsWith('analyze.cjs-') || f.startsWith('cli.cjs-')).every((f) => !f.includes('-11.0-'))).toBe(true);
      expect(left.filter((f) => /^(analyze|cli)\.cjs-.*\.bin$/.test(f))).toHaveLength(2);
      expect(left).toContain('other-file');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('ends quietly when the reader of its output goes away', async () => {
    const child = spawn(process.execPath, [bin, 'lint', '--no-fail', '-f', 'json', ...Array(200).fill(sample)], { env: { ...process.env, TMPDIR: temp } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
