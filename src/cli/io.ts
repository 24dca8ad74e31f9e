import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { fsErrorMessage } from '../util/fs-error.ts';

/** What a command may touch; tests pass fakes, the binary passes the process's streams. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  readStdin(): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Writes through a temporary file in the same directory and renames it into place, creating the
 * directory first (`-o ci/workflow.yaml` in a fresh repository).
 */
export function writeFileAtomic(path: string, text: string, executable = false): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    if (executable) chmodSync(tmp, 0o755);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** One line for a failed write: `cannot write out/x.yaml: permission denied`. */
export function writeError(path: string, err: unknown): string {
  return `cannot write ${path}: ${fsErrorMessage(err)}`;
}
