import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** UPDATE_GOLDEN=1 rewrites golden files after a deliberate change (review the diff before committing). */
export const updateGolden = process.env['UPDATE_GOLDEN'] === '1';

/** Compares output with its golden file, writing the file when it is missing or being updated. */
export function golden(file: string, actual: string): void {
  if (updateGolden || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, relative(ROOT, file)).toBe(readFileSync(file, 'utf8'));
}

/** A new empty directory per call under one scratch folder that is removed after the file's tests. */
export function scratchDirs(prefix: string): () => string {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let n = 0;
  return () => {
    const d = join(scratch, String(n++));
    mkdirSync(d);
    return d;
  };
}
