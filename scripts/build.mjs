// Builds the published CLI: regenerates data modules, then bundles src/ with esbuild.
//
// The CLI is a few CommonJS bundles that bin/winfile.cjs compiles with V8's code cache (which needs
// scripts, not ES modules): cli.cjs for everything a lint of a file without Windows RUN needs,
// and bundles loaded only when needed: analyze.cjs (the shell grammars and effect classifiers),
// convert.cjs (planning and emitters), yaml.cjs (config files). The colour terminal reporter is an
// ES module (tty.mjs), because Ink has top-level await and cannot be required.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate } from './generate.mjs';
import { writeGrammarSnapshot } from './grammar-snapshot.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!generate()) process.exit(1);
await writeGrammarSnapshot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(join(root, 'dist'), { recursive: true, force: true });

/** Modules that become bundles of their own, by the import that names them. */
const SPLIT = [
  { name: 'analyze.cjs', test: /[\\/]analyze[\\/]analyze-run\.ts$/, entry: 'src/analyze/analyze-run.ts' },
  { name: 'convert.cjs', test: /[\\/]cli[\\/]convert\.ts$/, entry: 'src/cli/convert.ts' },
  { name: 'yaml.cjs', test: /^yaml$/, entry: 'yaml' },
];

/**
 * Imports of another bundle become a call to the launcher's loader; the colour reporter becomes a
 * real import() through the launcher, since the bundles run as vm scripts without an ES loader.
 */
function splitPlugin(self) {
  return {
    name: 'winfile-split',
    setup(b) {
      for (const s of SPLIT) {
        if (s.name === self) continue;
        b.onResolve({ filter: s.test }, () => ({ path: s.name, namespace: 'winfile-bundle' }));
      }
      b.onResolve({ filter: /[\\/]tty[\\/]ink\.tsx$/ }, () => ({ path: 'tty.mjs', namespace: 'winfile-esm' }));
      b.onLoad({ filter: /.*/, namespace: 'winfile-bundle' }, (args) => ({
        contents: `module.exports = globalThis[Symbol.for('winfile.load')](${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'winfile-esm' }, () => ({
        contents: "export async function renderTty(run, columns) { return (await globalThis[Symbol.for('winfile.import')]('tty.mjs')).renderTty(run, columns); }",
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // WINFILE_NO_MINIFY=1 keeps names readable for profiling.
  minify: process.env.WINFILE_NO_MINIFY !== '1',
  legalComments: 'linked',
  // Ink and React stay real dependencies: they load only for colour terminal output.
  external: ['ink', 'react', 'react/jsx-runtime'],
  jsx: 'automatic',
  define: { __WINFILE_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

const entry = (p) => (p.startsWith('src/') ? join(root, p) : p);
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'dist/cli.cjs'), format: 'cjs', plugins: [splitPlugin('cli.cjs')] }),
  ...SPLIT.map((s) => build({ ...common, entryPoints: [entry(s.entry)], outfile: join(root, 'dist', s.name), format: 'cjs', plugins: [splitPlugin(s.name)] })),
  build({ ...common, entryPoints: [join(root, 'src/report/tty/ink.tsx')], outfile: join(root, 'dist/tty.mjs'), format: 'esm' }),
]);
