import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fsErrorMessage } from '../util/fs-error.ts';

export type Input = { kind: 'file'; path: string } | { kind: 'stdin'; path: string } | { kind: 'error'; path: string; message: string };

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Names winfile treats as Dockerfiles when walking a directory. */
export function isDockerfileName(name: string): boolean {
  return /^(?:dockerfile|containerfile)(?:\..+)?$/i.test(name) || /\.(?:dockerfile|containerfile)$/i.test(name);
}

function walk(dir: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable subdirectory is skipped, like git and other walkers do
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if ((e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name)) {
      out.push(p);
    }
  }
}

/** Expands the command-line paths: files as given, directories searched, `-` for stdin. */
export function discover(paths: string[]): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ kind: 'stdin', path: '-' });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      inputs.push({ kind: 'error', path: p, message: fsErrorMessage(err) });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      if (found.length === 0) {
        inputs.push({ kind: 'error', path: p, message: 'no Dockerfiles found (looked for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile)' });
      }
      for (const f of found) inputs.push({ kind: 'file', path: f });
    } else {
      inputs.push({ kind: 'file', path: p });
    }
  }
  return inputs;
}

export { fsErrorMessage };
