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

export interface OutputFile {
  path: string;
  text: string;
  executable?: boolean;
}

/** A write that failed, with the file it was for. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: unknown,
  ) {
    super(`cannot write ${path}`);
  }
}

/**
 * Writes files so that a failure changes none of them: each is first written to a temporary file
 * beside it (creating its folder: `-o ci/workflow.yaml` in a fresh repository), and only when all
 * are written are they renamed into place.
 */
export function writeFilesAtomic(files: OutputFile[]): void {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
      try {
        mkdirSync(dirname(f.path), { recursive: true });
        writeFileSync(tmp, f.text);
        staged.push({ tmp, path: f.path });
        if (f.executable) chmodSync(tmp, 0o755);
      } catch (err) {
        throw new OutputError(f.path, err);
      }
    }
    for (const [i, s] of staged.entries()) {
      try {
        renameSync(s.tmp, s.path);
      } catch (err) {
        staged.splice(0, i);
        throw new OutputError(s.path, err);
      }
    }
  } catch (err) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw err;
  }
}

/** One line for a failed write: `cannot write out/x.yaml: permission denied`. */
export function writeError(err: OutputError): string {
  return `${err.message}: ${fsErrorMessage(err.reason)}`;
}
