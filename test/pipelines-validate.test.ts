import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The committed pipeline files of the samples, checked by the schemas' own validator exactly as a
// team would run it (its ajv and yaml come from this project's node_modules).
const ROOT = join(import.meta.dirname, '..');
const VALIDATE = join(ROOT, '..', 'shared', 'schemas', 'validate.mjs');
const HAVE = existsSync(VALIDATE);
if (!HAVE) console.log(`validate.mjs checks skipped: ${VALIDATE} not found (../shared is not checked out)`);

function committed(name: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) walk(join(dir, d.name));
      else if (d.name === name) out.push(relative(ROOT, join(dir, d.name)));
    }
  };
  walk(join(ROOT, 'samples'));
  return out.sort();
}

function validate(args: string[]) {
  return spawnSync(process.execPath, [VALIDATE, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe.skipIf(!HAVE)('validate.mjs accepts the committed pipelines of every sample', () => {
  it('Argo Workflows in --strict mode', () => {
    const files = committed('workflow.yaml');
    expect(files.length).toBeGreaterThanOrEqual(9);
    const r = validate(['--schema', 'argo', '--strict', ...files]);
    expect(r.stdout.split('\n').filter((l) => l && !/: ok \(1 documents?\)$/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('Tekton PipelineRuns against the composed v1 schema', () => {
    const files = committed('pipelinerun.yaml');
    expect(files.length).toBeGreaterThanOrEqual(9);
    const r = validate(['--schema', 'tekton', ...files]);
    expect(r.stdout.split('\n').filter((l) => l && !/: ok \(1 documents?\)$/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('Kubernetes Jobs against the strict v1.32 Job schema', () => {
    const files = committed('jobs.yaml');
    expect(files.length).toBeGreaterThanOrEqual(9);
    const r = validate(['--schema', 'k8s-job', ...files]);
    expect(r.stdout.split('\n').filter((l) => l && !/: ok \(\d+ documents\)$/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  });
});
