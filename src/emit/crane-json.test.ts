import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildPlan } from '../plan/types.ts';
import { adversarial, adversarialCrlf } from './crane-adversarial.ts';
import type { CranePlanJson } from './crane-json.ts';
import { emitCrane } from './crane.ts';
import { planOf, runPlan } from './crane-testkit.ts';
import type { EmitContext } from './types.ts';

// The JSON plan, its templates filled in the documented way, must list the commands the bash plan
// ran (with the fake crane), byte for byte.

function resolve(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\$|\$\{([A-Z_]+)\}/g, (all, name?: string) => {
    if (all === '$$') return '$';
    const v = vars[name as string];
    if (v === undefined) throw new Error(`no value for ${all}`);
    return v;
  });
}

function compare(plan: () => BuildPlan, ctx: Partial<EmitContext>, rootfs: string[]): void {
  const base = { outputName: 'crane-plan.sh', ...ctx };
  const bash = emitCrane(plan(), base);
  const r = runPlan(bash.primary, { prepare: bash.extras[0]?.content ?? '', rootfs });
  expect(r.stderr).toBe('');
  const doc = JSON.parse(emitCrane(plan(), { ...base, format: 'json' }).primary) as CranePlanJson;
  const vars = { ...doc.variables, WORK: r.work, HERE: join(r.dir, 'plan') };
  const fill = (argv: string[]) => argv.map((a) => resolve(a, vars));
  const expected: string[][] = [];
  const recorded = r.calls.map((c) => c.argv);
  if (doc.prepare) expected.push(fill(doc.prepare.argv));
  if (doc.layer) expected.push([...fill(doc.layer.argv), ...(recorded.find((a) => a[0] === 'tar')?.slice(doc.layer.argv.length) ?? [])]);
  for (const image of doc.images) {
    for (const c of image.commands) {
      if (c.kind === 'edit-config') {
        expected.push(fill(c.read), fill(c.write));
        continue;
      }
      const argv = fill(c.argv);
      if (c.kind === 'mutate' && c.keepBasePorts) {
        // What the fake base config adds: its 443/tcp.
        expected.push(['crane', 'config', '--platform', 'windows/amd64', resolve(c.keepBasePorts.from, vars)]);
        argv.splice(argv.length - 2, 0, '--exposed-ports=443/tcp');
      }
      expected.push(argv);
    }
  }
  if (doc.index) expected.push(fill(doc.index.argv));
  expect(recorded).toEqual(expected);
}

const root = join(import.meta.dirname, '../..');
const sample = (name: string) => () => planOf(`samples/${name}/Dockerfile`, readFileSync(join(root, 'samples', name, 'Dockerfile'), 'utf8'));

describe('the JSON plan lists the commands the bash plan runs', () => {
  for (const name of ['backtick-escaped', 'cmd-style', 'go-service', 'powershell-tool']) {
    it(name, () => compare(sample(name), { windowsVersions: ['ltsc2019', 'ltsc2022'] }, ['app/x.exe']));
  }
  it('backtick-escaped with crane edit config', () => compare(sample('backtick-escaped'), { allowEditConfig: true }, ['agent/x']));
  it('adversarial values', () => compare(() => planOf('Dockerfile', adversarial('/nonexistent/canary')), {}, ['my dir/app.exe']));
  it('adversarial values through crane edit config', () => compare(() => planOf('Dockerfile', adversarialCrlf('/nonexistent/canary')), { allowEditConfig: true }, ['a']));
  it('a base without per-version tags', () => compare(() => planOf('Dockerfile', 'FROM registry.local/base:1.0\nCOPY a C:/a\nCMD ["a"]\n'), {}, ['a']));
});
