import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertStats } from './convert-stats.ts';
import { craneStats } from './crane-stats.ts';
import { depsStats } from './deps-stats.ts';
import { pipelineStats } from './pipeline-stats.ts';
import { effectStats } from './effects-stats.ts';
import { lintStats } from './lint-stats.ts';
import { ranked } from './plans.ts';

/** Every file below `dir` except manifests and notes: corpus files keep their repository names. */
export function corpusFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...corpusFiles(p));
    else if (e.isFile() && !/\.(tsv|md)$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** `npm run corpus -- DIR [--target crane]`: figures for any folder of Dockerfiles. */
function main(argv: string[]): void {
  const target = argv.includes('--target') && argv[argv.indexOf('--target') + 1] === 'crane' ? 'crane' : 'buildkit';
  const dirs = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--target');
  if (dirs.length === 0) {
    console.error('usage: npm run corpus -- DIR [--target buildkit|crane]');
    process.exit(2);
  }
  const files = dirs.flatMap(corpusFiles).map((path) => ({ path, bytes: readFileSync(path) }));
  const s = lintStats(files, target);
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`lint (${target}): ${s.files} files, ${s.unusable.length} rejected by BuildKit's parser or unreadable, ${s.totalMs.toFixed(0)} ms in total, slowest ${s.slowest.ms.toFixed(1)} ms (${relative(process.cwd(), s.slowest.path)})`);
  for (const u of s.unusable) console.log(`  unusable: ${relative(process.cwd(), u.path)}: ${u.reason}`);
  console.log(`  RUN in Windows stages reported by WF101: ${s.windowsRunsReported}/${s.windowsRuns} (${pct(s.windowsRunsReported, s.windowsRuns)})`);
  console.log('  findings per rule:');
  for (const [id, n] of [...s.perRule].sort()) console.log(`    ${id} ${n}`);

  const e = effectStats(files);
  console.log(`RUN analysis: ${e.runs} RUNs in Windows stages, ${e.scripts} scripts`);
  console.log(`  parsed without recovery: ${e.scriptsClean}/${e.scripts} (${pct(e.scriptsClean, e.scripts)})`);
  console.log(`  commands classified: ${e.commands - e.unknown}/${e.commands} (${pct(e.commands - e.unknown, e.commands)})`);
  console.log(`  slowest file to analyse: ${e.slowest.ms.toFixed(1)} ms (${relative(process.cwd(), e.slowest.path)})`);
  console.log(`  effects by kind: ${[...e.byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const c = convertStats(files, argv.includes('--tally'));
  console.log(`convert --to buildkit: ${c.converted} files with a Windows final stage (${c.notWindows} others skipped)`);
  console.log(`  converted with no manual work: ${c.complete}/${c.converted} (${pct(c.complete, c.converted)})`);
  console.log(`  RUN effects translated: ${c.effectsTranslated}/${c.effects} (${pct(c.effectsTranslated, c.effects)}), dropped with a reason: ${c.effectsDropped}, manual: ${c.effects - c.effectsTranslated - c.effectsDropped}`);
  console.log(`  top reasons for manual work: ${ranked(c.manualReasons, 10)}`);
  if (c.tallyChecked > 0) console.log(`  outputs tally rejects: ${c.tallyRejected.length}/${c.tallyChecked}${c.tallyRejected.length > 0 ? `\n    ${c.tallyRejected.join('\n    ')}` : ''}`);
  else console.log('  (run with --tally to check every output with tally)');
  console.log(`  most common unknown commands: ${ranked(e.unknownCommands)}`);

  const k = craneStats(files);
  console.log(`convert --to crane: ${k.plans} plans generated`);
  console.log(`  Windows-only or unresolved work left out of the plans: ${ranked(k.manual, 10)}`);
  console.log(`  config crane cannot set: ${ranked(k.gaps)}`);
  console.log(`  ... with --allow-edit-config: ${ranked(k.gapsWithEdit)}`);
  console.log(`  PowerShell plans that winfile's grammar parses: ${k.pwshParsed}/${k.plans}`);
  if (k.shellcheck) {
    console.log(`  bash plans shellcheck passes: ${k.shellcheck.clean}/${k.shellcheck.checked}`);
    if (k.shellcheck.failing.length > 0) console.log(`    findings: ${ranked(k.shellcheck.codes)}\n    ${k.shellcheck.failing.join('\n    ')}`);
  }
  else console.log('  (shellcheck is not installed: plans not checked)');

  const d = depsStats(files);
  console.log(`convert --deps: ${d.needing}/${d.plans} files need a dependency image (${d.asBase} as the final stage's base, ${d.copyOnly} copied from)`);
  console.log(`  files by reason: ${ranked(d.reasons, 20)}`);
  console.log(`  manual items: ${d.manualBefore} -> ${d.manualAfter}; Windows-only: ${d.windowsOnlyBefore} -> ${d.windowsOnlyAfter}; files with no manual work: ${d.completeBefore} -> ${d.completeAfter}`);
  const q = pipelineStats(files);
  if (!q.results) console.log('pipelines: not checked (../shared/schemas/validate.mjs is absent)');
  for (const r of q.results ?? []) {
    console.log(`pipelines: ${r.name}: ${r.files - r.failing.length}/${r.files} valid (3 Windows versions, smoke test, both engines)`);
    for (const f of r.failing.slice(0, 10)) console.log(`    ${f}`);
  }
}

main(process.argv.slice(2));
