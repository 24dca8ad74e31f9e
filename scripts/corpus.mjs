// Bundles the measurement code in scripts/corpus/ (TypeScript, sharing src/) and runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!generate()) process.exit(1);
const out = mkdtempSync(join(tmpdir(), 'winfile-corpus-'));
try {
  await build({
    entryPoints: [join(root, 'scripts/corpus/main.ts')],
    outfile: join(out, 'corpus.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['ink', 'react'],
    banner: { js: "import { createRequire as __wfRequire } from 'node:module'; const require = __wfRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  await import(pathToFileURL(join(out, 'corpus.mjs')).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
