import { describe, expect, it } from 'vitest';
import { RULE_META } from '../src/rules/meta.ts';
import { cli } from './helpers/cli.ts';

describe('winfile rules / explain', () => {
  it('lists every rule with its severity, targets and title', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULE_META.length);
    expect(lines[0]).toMatch(/^WF001 +error +buildkit\+crane +unknown-instruction +A line starts with a word that is not a Dockerfile instruction$/);
  });

  it('lists rules as JSON', async () => {
    const r = await cli(['rules', '--json']);
    const rules = JSON.parse(r.stdout);
    expect(rules.map((x: { id: string }) => x.id)).toEqual(RULE_META.map((m) => m.id));
    expect(rules[0]).toMatchObject({ id: 'WF001', severity: 'error', targets: ['buildkit', 'crane'] });
  });

  it('explains a rule with its rationale, workaround and both examples', async () => {
    const r = await cli(['explain', 'wf101']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('WF101 run-in-windows-stage: RUN cannot execute in a Windows stage on a Linux builder');
    for (const heading of ['Why:', 'Workaround:', 'Problem:', 'Fixed:']) expect(r.stdout).toContain(`\n${heading}\n`);
    expect(r.stdout).toContain('RUN curl.exe -fsSLo C:\\tool.zip https://example.com/tool.zip');
  });

  it('rejects unknown rules and extra arguments with exit code 2', async () => {
    expect((await cli(['explain', 'WF999'])).code).toBe(2);
    expect((await cli(['explain'])).code).toBe(2);
    expect((await cli(['rules', 'extra'])).code).toBe(2);
  });
});
