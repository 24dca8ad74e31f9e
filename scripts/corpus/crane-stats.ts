import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePowerShell } from '../../grammar/powershell/index.ts';
import { emitCrane } from '../../src/emit/crane.ts';
import { count, manualKey, plans } from './plans.ts';

export interface CraneStats {
  plans: number;
  /** Windows-only work the plan leaves out, by effect kind. */
  manual: Map<string, number>;
  /** Config a crane plan cannot set, by instruction or field, without and with --allow-edit-config. */
  gaps: Map<string, number>;
  gapsWithEdit: Map<string, number>;
  shellcheck: { checked: number; clean: number; failing: string[]; codes: Map<string, number> } | undefined;
  pwshParsed: number;
}

/** The instruction a reason is about (`SHELL [...]: crane mutate has no flag` → `SHELL`), else its first words. */
function gapKind(reason: string): string {
  const keyword = /^(COPY --from|[A-Z]{3,})\b/.exec(reason);
  return keyword ? (keyword[1] as string) : reason.split(/\s+/).slice(0, 5).join(' ');
}

function hasShellcheck(): boolean {
  return spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function craneStats(files: { path: string; bytes: Uint8Array }[]): CraneStats {
  const s: CraneStats = { plans: 0, manual: new Map(), gaps: new Map(), gapsWithEdit: new Map(), shellcheck: undefined, pwshParsed: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'winfile-crane-stats-'));
  const scripts: { file: string; path: string }[] = [];
  try {
    for (const { path, plan } of plans(files)) {
      s.plans++;
      for (const m of plan.manual) count(s.manual, manualKey(m));
      const bash = emitCrane(plan, { outputName: 'crane-plan.sh' });
      for (const n of bash.notes ?? []) count(s.gaps, gapKind(n.reason));
      for (const n of emitCrane(plan, { outputName: 'crane-plan.sh', allowEditConfig: true }).notes ?? []) count(s.gapsWithEdit, gapKind(n.reason));
      const pwsh = emitCrane(plan, { outputName: 'crane-plan.ps1', shell: 'pwsh' }).primary;
      if (parsePowerShell(pwsh).errors.length === 0) s.pwshParsed++;
      const file = join(dir, `${scripts.length}.sh`);
      writeFileSync(file, bash.primary);
      scripts.push({ file, path });
    }
    if (hasShellcheck() && scripts.length > 0) {
      // One shellcheck run for all scripts; gcc format names each file with a finding.
      const r = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', ...scripts.map((x) => x.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const findings = r.stdout.split('\n').filter(Boolean);
      const flagged = new Set(findings.map((l) => l.slice(0, l.indexOf(':'))));
      const codes = new Map<string, number>();
      for (const l of findings) count(codes, /\[(SC\d+)\]$/.exec(l)?.[1] ?? l);
      const failing = scripts.filter((x) => flagged.has(x.file)).map((x) => x.path);
      s.shellcheck = { checked: scripts.length, clean: scripts.length - failing.length, failing, codes };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return s;
}
