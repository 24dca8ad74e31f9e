// Pathological RUN bodies of about 1 MB through the whole analysis (parse, walk, effects), first
// in the process (grammar construction included) and again. Target: under 1 s each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analyze/analyze-run.ts';
import { buildModel } from '../../src/model/build.ts';
import { windowsRuns } from '../../src/model/queries.ts';

const MB = 1024 * 1024;
const pad = (text: string, filler: string) => text + filler.repeat(Math.max(0, Math.ceil((MB - text.length) / filler.length)));

const POWERSHELL = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\n';
const CMD = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';

const cases: [string, string][] = [
  ['PowerShell: 1 MB of download, unpack and file statements', POWERSHELL + 'RUN ' + pad('', "Invoke-WebRequest -Uri https://example.com/f.zip -OutFile C:\\t\\f.zip; Expand-Archive C:\\t\\f.zip -Dest C:\\x; Remove-Item C:\\t\\f.zip; ")],
  ['PowerShell: deep nesting, a 10k-command pipeline, a 500 KB string', POWERSHELL + 'RUN ' + pad(`$x = ${'('.repeat(2000)}1${')'.repeat(2000)}; ${Array.from({ length: 10000 }, (_, i) => `Cmd-${i} -Name x${i}`).join(' | ')}; $s = '${'x'.repeat(500 * 1024)}'; `, '$y = 1 + 2; ')],
  ['PowerShell: 1 MB of junk', POWERSHELL + 'RUN ' + pad('', ')}]|&&=,$(@{["\'')],
  ['cmd: deep nesting, 10k && commands, a 500 KB argument', CMD + 'RUN ' + pad(`${'('.repeat(2000)}echo x${')'.repeat(2000)} & ${Array.from({ length: 10000 }, (_, i) => `echo ${i}`).join(' && ')} & curl -o x ${'a'.repeat(500 * 1024)} & `, 'set A=1 & ')],
];

// `--list` prints the case names; `--write DIR` writes each case as DIR/<n>.Dockerfile (for timing
// whole lints); a name runs that case alone and prints one JSON line.
const arg = process.argv[2];
if (arg === '--list') {
  for (const [name] of cases) console.log(name);
} else if (arg === '--write') {
  cases.forEach(([, text], n) => writeFileSync(join(process.argv[3] as string, `${n}.Dockerfile`), text));
} else {
  for (const [name, text] of cases.filter(([n]) => !arg || n === arg)) {
    const times: number[] = [];
    let summary = { effects: 0, syntaxErrors: 0 };
    for (let i = 0; i < 2; i++) {
      // A new model each time: analyses are memoised per instruction.
      const model = buildModel('Dockerfile', text);
      const run = windowsRuns(model)[0];
      if (!run) throw new Error(`${name}: no RUN in a Windows stage`);
      const t0 = performance.now();
      const a = analyzeRun(model, run);
      times.push(performance.now() - t0);
      summary = { effects: a.effects.length, syntaxErrors: a.syntaxErrors.length };
    }
    console.log(JSON.stringify({ name, megabytes: text.length / MB, ...summary, first: times[0], again: times[1] }));
  }
}
