import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitArgo } from '../../src/emit/argo.ts';
import { emitKubernetes } from '../../src/emit/kubernetes.ts';
import { PIPELINE_FILES } from '../../src/emit/pipeline-model.ts';
import { emitTekton } from '../../src/emit/tekton.ts';
import type { EmitContext, Emitter } from '../../src/emit/types.ts';
import { plans } from './plans.ts';

// Resolved from the working directory, like the other corpus tools: npm run corpus runs from the repository.
const VALIDATE = join(process.cwd(), '..', 'shared', 'schemas', 'validate.mjs');

const OUTPUTS: { name: string; file: string; emit: Emitter; args: string[] }[] = [
  { name: 'Argo (--strict)', file: PIPELINE_FILES.argo, emit: emitArgo, args: ['--schema', 'argo', '--strict'] },
  { name: 'Tekton', file: PIPELINE_FILES.tekton, emit: emitTekton, args: ['--schema', 'tekton'] },
  { name: 'Kubernetes Jobs', file: PIPELINE_FILES.kubernetes, emit: emitKubernetes, args: ['--schema', 'k8s-job'] },
];

export interface PipelineStats {
  /** Per output: files written and files the schemas' validator rejects (with its first lines). */
  results: { name: string; files: number; failing: string[] }[] | undefined;
}

/**
 * Every plan as each pipeline, for three Windows versions with a smoke test and for each engine,
 * checked by ../shared/schemas/validate.mjs in one run per schema.
 */
export function pipelineStats(files: { path: string; bytes: Uint8Array }[]): PipelineStats {
  if (!existsSync(VALIDATE)) return { results: undefined };
  const dir = mkdtempSync(join(tmpdir(), 'winfile-pipeline-stats-'));
  const written = new Map<string, { file: string; source: string }[]>(OUTPUTS.map((o) => [o.name, []]));
  try {
    let n = 0;
    for (const { path, plan } of plans(files)) {
      for (const engine of ['buildkit', 'crane'] as const) {
        const ctx: EmitContext = { outputName: 'x', windowsVersions: ['ltsc2019', 'ltsc2022', 'ltsc2025'], smokeTest: 'ver', engine };
        for (const o of OUTPUTS) {
          const folder = join(dir, String(n++));
          mkdirSync(folder);
          const file = join(folder, o.file);
          writeFileSync(file, o.emit(plan, { ...ctx, outputName: o.file }).primary);
          written.get(o.name)?.push({ file, source: `${path} (${engine})` });
        }
      }
    }
    const results = OUTPUTS.map((o) => {
      const list = written.get(o.name) ?? [];
      const r = spawnSync(process.execPath, [VALIDATE, ...o.args, ...list.map((x) => x.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const bad = new Set(r.stdout.split('\n').filter((l) => l.endsWith(': FAIL')).map((l) => l.slice(0, -': FAIL'.length)));
      return { name: o.name, files: list.length, failing: list.filter((x) => bad.has(x.file)).map((x) => x.source) };
    });
    return { results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
