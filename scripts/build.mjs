// Builds the published CLI: regenerates data modules, then bundles src/ into dist/ with esbuild.
// One bundle keeps start-up to a single module graph read; rarely used paths (Ink, extra report
// formats, conversion) are split into chunks loaded on demand.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!generate()) process.exit(1);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'src/cli/main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // WINFILE_NO_MINIFY=1 keeps names readable for profiling.
  minify: process.env.WINFILE_NO_MINIFY !== '1',
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Ink and React stay real dependencies: they load only for colour terminal output.
  external: ['ink', 'react', 'react/jsx-runtime'],
  jsx: 'automatic',
  define: { __WINFILE_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (dockerfile-ast) may call require() for Node built-ins.
  banner: { js: "import { createRequire as __wfRequire } from 'node:module'; const require = __wfRequire(import.meta.url);" },
  logLevel: 'warning',
});
