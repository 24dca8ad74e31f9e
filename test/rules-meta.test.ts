import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/generated/rule-index.ts';
import { RULE_META } from '../src/rules/meta.ts';
import { parseLintArgs } from '../src/cli/lint-options.ts';
import { lintText, type TestLintOptions } from '../src/rules/rule-tester.ts';
// @ts-expect-error plain ESM script without types
import { docsFiles } from '../scripts/docs.mjs';

const root = join(import.meta.dirname, '..');

describe('every rule is complete', () => {
  const yamlIds = readdirSync(join(root, 'rules')).filter((f) => /^WF\d{3}\.yaml$/.test(f)).map((f) => f.slice(0, 5)).sort();
  const moduleIds = RULES.map((r) => r.id);

  it('has metadata, a module and a test for each rule, and nothing else', () => {
    expect(moduleIds).toEqual(yamlIds);
    expect(RULE_META.map((m) => m.id)).toEqual(yamlIds);
    for (const id of yamlIds) expect(existsSync(join(root, 'src/rules', `${id}.test.ts`)), `${id}.test.ts`).toBe(true);
  });

  it('module ids match their file names', () => {
    for (const id of moduleIds) expect(readFileSync(join(root, 'src/rules', `${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
  });

  it('has up-to-date docs in docs/rules (run npm run docs)', () => {
    const files: Map<string, string> = docsFiles();
    for (const [name, text] of files) expect(readFileSync(join(root, 'docs/rules', name), 'utf8'), name).toBe(text);
    expect(readdirSync(join(root, 'docs/rules')).sort()).toEqual([...files.keys()].sort());
  });

  for (const meta of RULE_META) {
    it(`${meta.id}: the bad example triggers it and the good example does not`, () => {
      const target = meta.examples.target ?? meta.targets[0] ?? 'buildkit';
      const cli = parseLintArgs([...(meta.examples.args ?? []), '-']);
      if (cli === 'help') throw new Error('unexpected --help in examples.args');
      const options: TestLintOptions = { target, only: [meta.id] };
      if (cli.craneVersion) options.craneVersion = cli.craneVersion;
      if (cli.windowsVersions) options.windowsVersions = cli.windowsVersions;
      if (Object.keys(cli.buildArgs).length > 0) options.buildArgs = cli.buildArgs;
      const bad = lintText(meta.examples.bad, options);
      expect(bad.length, `${meta.id} bad example`).toBeGreaterThan(0);
      const good = lintText(meta.examples.good, options);
      expect(good.map((d) => d.message), `${meta.id} good example`).toEqual([]);
    });
  }

  it('message templates only use placeholders the rule fills', () => {
    for (const meta of RULE_META) {
      for (const t of [meta.message, ...Object.values(meta.messages ?? {})]) expect(t, meta.id).not.toMatch(/\{\{\s*\}\}/);
    }
  });
});
