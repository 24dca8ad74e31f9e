// Times pathological RUN bodies through the analysis (bench/pathological/main.ts, bundled here
// because it imports the TypeScript sources), each case in fresh processes: "first" includes
// building the grammars and warming up the JIT, as in a lint; "again" is the same analysis in the
// same process. Run: node bench/pathological.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'winfile-bench-'));
try {
  await build({ entryPoints: [join(root, 'bench/pathological/main.ts')], outfile: join(out, 'main.mjs'), bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __wfRequire } from 'node:module'; const require = __wfRequire(import.meta.url);" } });
  const main = join(out, 'main.mjs');
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const node = (args) => {
    const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim().split('\n');
  };
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${s[0].toFixed(0)} / ${s[Math.floor(s.length / 2)].toFixed(0)} / ${s[s.length - 1].toFixed(0)}`;
  };
  // The whole lint of each case as a file, through the built CLI: start-up, model, every rule and
  // the JSON report included, with the compile cache warm and nothing of the file read before.
  const cache = join(out, 'cache');
  mkdirSync(cache);
  node(['--write', out]);
  const bin = join(root, 'bin/winfile.cjs');
  const env = { ...process.env, TMPDIR: cache };
  const lint = (file) => {
    for (const d of readdirSync(cache)) for (const e of readdirSync(join(cache, d))) if (/^(analysis|result)-/.test(e)) rmSync(join(cache, d, e), { recursive: true, force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'lint', '--no-fail', '-f', 'json', file], { env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`winfile lint ${file} exited with ${r.status}`);
    return performance.now() - t0;
  };
  lint(join(root, 'samples/powershell-tool/Dockerfile'));
  node(['--list']).forEach((name, n) => {
    const results = Array.from({ length: runs }, () => JSON.parse(node([name])[0]));
    const r = results[0];
    console.log(`${name} (${r.megabytes.toFixed(2)} MB, ${r.effects} effects, ${r.syntaxErrors} syntax errors)`);
    const over = results.filter((x) => x.first >= 1000).length;
    console.log(`  analysis: first ${stats(results.map((x) => x.first))} ms, again ${stats(results.map((x) => x.again))} ms (fastest / median / slowest of ${runs}; target < 1000, over in ${over})`);
    const whole = Array.from({ length: runs }, () => lint(join(out, `${n}.Dockerfile`)));
    console.log(`  whole lint of the file: ${stats(whole)} ms`);
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
