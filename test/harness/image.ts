import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { DockerfileModel } from '../../src/model/types.ts';

/**
 * The files the Windows stage receives, assembled (read-only) from the played Linux roots and
 * the build context with BuildKit's COPY rules: a directory source copies its contents, a file
 * goes into a destination ending in `/` (or an existing directory) under its own name. Paths are
 * image paths (`/tools/rg.exe` is C:\tools\rg.exe). A source missing from a played root is an
 * error: the Windows stage would fail to build.
 */
export interface WindowsImage {
  files: Map<string, string>;
  dirs: Set<string>;
  /** COPY --from sources that are images (not played here), as `image:path`. */
  unverified: string[];
  /** ADD <url> destinations (the Windows stage is not played, so only recorded). */
  urls: Map<string, string>;
  /** Context sources that do not exist: BuildKit would fail on them (the report should say why). */
  missingContext: string[];
}

function within(root: string, rel: string): string {
  const p = join(root, posix.normalize(`/${rel}`));
  if (existsSync(p) && !realpathSync(p).startsWith(realpathSync(root))) throw new Error(`${rel} leaves ${root}`);
  return p;
}

function addTree(img: WindowsImage, host: string, dest: string): void {
  const st = lstatSync(host);
  if (st.isDirectory()) {
    img.dirs.add(dest);
    for (const e of readdirSync(host)) addTree(img, join(host, e), posix.join(dest, e));
  } else if (st.isSymbolicLink()) {
    img.files.set(dest, '(symlink)');
  } else {
    img.files.set(dest, readFileSync(host, 'utf8'));
  }
}

export function assembleWindowsImage(model: DockerfileModel, roots: ReadonlyMap<string, string>, context: string): WindowsImage {
  const img: WindowsImage = { files: new Map(), dirs: new Set(['/']), unverified: [], urls: new Map(), missingContext: [] };
  const stage = model.stages.find((s) => s.os === 'windows' && s === model.stages[model.stages.length - 1]);
  if (!stage) throw new Error('the converted file does not end with a Windows stage');
  let workdir = '/';
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const v = ins.args[0]?.value ?? '/';
      workdir = posix.isAbsolute(v) ? posix.normalize(v) : posix.join(workdir, v);
      img.dirs.add(workdir);
    }
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    const values = ins.args.map((a) => a.value);
    const destText = values.pop() ?? '';
    const dest = posix.isAbsolute(destText) ? destText : `${posix.join(workdir, destText)}${destText.endsWith('/') ? '/' : ''}`;
    const from = ins.flags.find((f) => f.name === 'from')?.value?.toLowerCase();
    const root = from === undefined ? context : roots.get(from);
    for (const src of values) {
      if (ins.keyword === 'ADD' && /^https?:\/\//i.test(src)) {
        img.urls.set(dest.endsWith('/') ? posix.join(dest, posix.basename(new URL(src).pathname)) : dest, src);
        continue;
      }
      if (root === undefined) {
        img.unverified.push(`${from}:${src}`);
        continue;
      }
      const host = within(root, src);
      if (!existsSync(host) && from === undefined) {
        img.missingContext.push(src);
        continue;
      }
      if (!existsSync(host)) throw new Error(`line ${ins.range.start.line}: ${ins.keyword}${from ? ` --from=${from}` : ''} ${src}: not found in the played stage`);
      if (lstatSync(host).isDirectory()) addTree(img, host, dest.replace(/(.)\/$/, '$1'));
      else addTree(img, host, dest.endsWith('/') || img.dirs.has(dest) ? posix.join(dest, posix.basename(src)) : dest);
    }
  }
  return img;
}
