import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePowerShell, walk, type Command, type PsNode } from '../../grammar/powershell/index.ts';
import type { BuildPlan } from '../plan/types.ts';
import { adversarial, adversarialCrlf } from './crane-adversarial.ts';
import { emitCrane } from './crane.ts';
import { planOf, runPlan } from './crane-testkit.ts';
import type { EmitContext } from './types.ts';

// No PowerShell here: the PowerShell plan is parsed with winfile's grammar and the argv of each
// native command it would run is worked out from the syntax tree, then compared with what the
// bash plan passed to the fake commands. Both must hand crane the same bytes.

type Vars = Record<string, string | string[]>;

function value(node: PsNode, vars: Vars): string[] {
  const n = node as unknown as Record<string, unknown> & { type: string };
  const one = (s: string) => [s];
  switch (n.type) {
    case 'BareWord':
    case 'StringLiteral':
      return one(n['value'] as string);
    case 'CommandParameter':
      return one(`-${n['name'] as string}`);
    case 'Variable': {
      const v = vars[n['name'] as string];
      if (typeof v !== 'string') throw new Error(`no value for $${n['name'] as string}`);
      return one(v);
    }
    case 'Splat': {
      const v = vars[n['name'] as string];
      if (!Array.isArray(v)) throw new Error(`no list for @${n['name'] as string}`);
      return v;
    }
    case 'ExpandableString':
      return one((n['parts'] as PsNode[]).map((p) => value(p, vars).join('')).join(''));
    case 'StringText':
      return one(n['value'] as string);
    case 'ParenExpression': {
      // Only the shape pwshWord writes: (-join @('a', [char]0x0a, ...)).
      let text = '';
      walk(node, (c) => {
        const x = c as unknown as Record<string, unknown> & { type: string };
        if (x.type === 'StringLiteral') text += x['value'] as string;
        if (x.type === 'Cast') {
          text += String.fromCharCode((x['operand'] as { value: number }).value);
          return false;
        }
        return true;
      });
      return one(text);
    }
    default:
      throw new Error(`unexpected argument ${n.type}`);
  }
}

/** Every native command the script names, in source order, with its arguments. */
function commands(script: string, names: string[], vars: Vars): string[][] {
  const r = parsePowerShell(script);
  expect(r.errors).toEqual([]);
  const out: string[][] = [];
  walk(r.script, (node) => {
    if (node.type !== 'Command') return true;
    const c = node as Command;
    if (c.nameText && names.includes(c.nameText)) out.push([c.nameText, ...c.elements.flatMap((e) => value(e, vars))]);
    return true;
  });
  return out;
}

function compare(plan: () => BuildPlan, ctx: Partial<EmitContext>, rootfs: string[]): void {
  const base = { outputName: 'crane-plan.sh', ...ctx };
  const bash = emitCrane(plan(), base);
  const r = runPlan(bash.primary, { prepare: bash.extras[0]?.content ?? '', rootfs, recordJq: true });
  expect(r.stderr).toBe('');
  const recorded = r.calls.map((c) => c.argv);
  expect(recorded.filter((a) => a[0] === 'crane').length).toBeGreaterThanOrEqual(3);
  const mutate = recorded.find((a) => a[1] === 'mutate') ?? [];
  const ps = emitCrane(plan(), { ...base, shell: 'pwsh' }).primary;
  const ref = 'registry.example.com/team/app:latest-ltsc2022';
  const baseRef = recorded.find((a) => a[1] === 'append')?.[5] ?? recorded.find((a) => a[1] === 'mutate')?.[4] ?? '';
  const vars: Vars = {
    IMAGE: 'registry.example.com/team/app',
    TAG: 'latest',
    HERE: join(r.dir, 'plan'),
    WORK: r.work,
    CONTEXT: '.',
    version: 'ltsc2022',
    baseRef,
    ref,
    manifests: ['-m', ref],
    entries: recorded.find((a) => a[0] === 'tar')?.slice(12) ?? [],
    portFlags: mutate.filter((a) => a === '--exposed-ports=443/tcp'),
  };
  // Sorted: the commands of a pipeline start together, so the log has them in any order.
  const sorted = (calls: string[][]) => calls.map((c) => JSON.stringify(c)).sort();
  expect(sorted(commands(ps, ['crane', 'tar', 'docker', 'jq'], vars))).toEqual(sorted(recorded));
}

const root = join(import.meta.dirname, '../..');
const sample = (name: string) => () => planOf(`samples/${name}/Dockerfile`, readFileSync(join(root, 'samples', name, 'Dockerfile'), 'utf8'));

describe('the PowerShell plan runs the same commands as the bash plan', () => {
  for (const name of ['backtick-escaped', 'dotnet-nanoserver', 'go-service', 'powershell-tool']) {
    it(name, () => compare(sample(name), {}, ['app/x.exe']));
  }
  it('backtick-escaped with crane edit config', () => compare(sample('backtick-escaped'), { allowEditConfig: true }, ['agent/x']));
  it('adversarial values', () => compare(() => planOf('Dockerfile', adversarial('/nonexistent/canary')), {}, ['my dir/app.exe']));
  it('adversarial values through crane edit config', () => compare(() => planOf('Dockerfile', adversarialCrlf('/nonexistent/canary')), { allowEditConfig: true }, ['my dir/app.exe']));
});
