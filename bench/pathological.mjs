// Times pathological RUN bodies through the analysis (bench/pathological/main.ts, bundled here
// because it imports the TypeScript sources). Run: node bench/pathological.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'winfile-bench-'));
try {
  await build({ entryPoints: [join(root, 'bench/pathological/main.ts')], outfile: join(out, 'main.mjs'), bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __wfRequire } from 'node:module'; const require = __wfRequire(import.meta.url);" } });
  await import(pathToFileURL(join(out, 'main.mjs')).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
