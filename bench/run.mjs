// Benchmarks (not tests): start-up of one lint against bare `node -e 0` in the same run, and the
// whole corpus in one invocation with peak memory. Run: npm run bench [-- --runs 30].
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/winfile.cjs');
const corpus = join(root, '../shared/corpus/windows');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

// A private temporary directory holds the caches, so runs start from a known state: `fresh` runs
// delete the analysis and result caches first (a file winfile has not read before); `edited` runs
// lint a copy changed outside its RUNs (a pre-commit hook on an edited file); others lint the same
// unchanged file again.
const cacheRoot = mkdtempSync(join(tmpdir(), 'winfile-bench-'));
process.env.TMPDIR = cacheRoot;
process.on('exit', () => rmSync(cacheRoot, { recursive: true, force: true }));
function forgetAnalyses() {
  for (const d of readdirSync(cacheRoot)) {
    for (const e of readdirSync(join(cacheRoot, d))) if (e.startsWith('analysis-')) rmSync(join(cacheRoot, d, e), { recursive: true, force: true });
  }
}

function once(args) {
  if (time) {
    const r = spawnSync(time, ['-f', '%e %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    return { ms: secs * 1000, rssMB: kb / 1024, status: r.status };
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rssMB: NaN, status: r.status };
}

function timed(args) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Interleaved so that machine noise hits every command alike. A file without a Windows RUN (no
// shell grammar loads) and one with PowerShell RUNs, read for the first time or again. The
// warm-up runs fill the compile cache, as any earlier run on a machine would.
const noRun = join(root, 'samples/backtick-escaped/Dockerfile');
const psRun = join(root, 'samples/powershell-tool/Dockerfile');
const edits = join(cacheRoot, 'edited');
mkdirSync(edits);
let editCount = 0;
/** A copy of `file` with a new comment at the end: its RUNs are unchanged, the file is not. */
function edited(file) {
  const copy = join(edits, `${editCount}.Dockerfile`);
  writeFileSync(copy, `${readFileSync(file, 'utf8')}\n# edit ${editCount++}\n`);
  return copy;
}
const cases = [
  ['no Windows RUN', () => noRun, 'same'],
  ['PowerShell RUNs, file not read before', () => psRun, 'fresh'],
  ['PowerShell RUNs, file edited outside its RUNs', () => edited(psRun), 'edited'],
  ['PowerShell RUNs, file unchanged since the last run', () => psRun, 'same'],
];
const bare = [];
const lint = cases.map(() => []);
for (let i = 0; i < 3; i++) {
  timed(['-e', '0']);
  for (const [, file] of cases) timed([bin, 'lint', '--no-fail', file()]);
}
for (let i = 0; i < runs; i++) {
  bare.push(timed(['-e', '0']));
  cases.forEach(([, file, kind], k) => {
    if (kind === 'fresh') forgetAnalyses();
    lint[k].push(timed([bin, 'lint', '--no-fail', file()]));
  });
}
// This kind of machine (shared virtual CPUs) drifts by tens of percent within minutes, so the
// fastest runs are shown beside the medians: their ratio is the steadier comparison.
const b = median(bare);
const bMin = Math.min(...bare);
console.log(`start-up: node -e 0 ${b.toFixed(1)} ms median, ${bMin.toFixed(1)} ms fastest (${runs} runs)`);
cases.forEach(([what], k) => {
  const l = median(lint[k]);
  const lMin = Math.min(...lint[k]);
  console.log(`  winfile lint, one file, ${what}: ${l.toFixed(1)} ms median, ratio ${(l / b).toFixed(2)}; fastest ${lMin.toFixed(1)} ms, ratio ${(lMin / bMin).toFixed(2)} (target <= 1.35)`);
});

/** Corpus files keep their repository path in the name, so they are listed, not discovered. */
function corpusFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).map((f) => join(dir, d.name, f)));
}

if (existsSync(corpus)) {
  const files = corpusFiles(corpus);
  const kinds = [
    ['nothing read before', 'fresh'],
    ['every file edited outside its RUNs', 'edited'],
    ['files unchanged since the last run', 'same'],
  ];
  for (const [what, kind] of kinds) {
    const results = [];
    for (let i = 0; i < 5; i++) {
      if (kind === 'fresh') forgetAnalyses();
      const inputs = kind === 'edited' ? files.map(edited) : files;
      results.push(once([bin, 'lint', '--no-fail', '-f', 'json', ...inputs]));
    }
    const ms = median(results.map((r) => r.ms));
    const fastest = Math.min(...results.map((r) => r.ms));
    const rss = Math.max(...results.map((r) => r.rssMB));
    console.log(`corpus: ${files.length} files of ${corpus} in one invocation, ${what}: ${ms.toFixed(0)} ms median, ${fastest.toFixed(0)} ms fastest (target <= 600), peak RSS ${rss.toFixed(0)} MB (target <= 120), 5 runs`);
  }
} else {
  console.log(`corpus: skipped, ${corpus} is absent`);
}
