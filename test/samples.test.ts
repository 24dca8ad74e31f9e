import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';

const root = join(import.meta.dirname, '..');
const samples = readdirSync(join(root, 'samples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
// UPDATE_GOLDEN=1 npx vitest run test/samples.test.ts rewrites the expected files after a deliberate change.
const update = process.env['UPDATE_GOLDEN'] === '1';

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual, relative(root, file)).toBe(readFileSync(file, 'utf8'));
}

describe('bundled samples match their golden lint output', () => {
  it('covers the sample kinds the project promises', () => {
    expect(samples.sort()).toEqual(['backtick-escaped', 'cmd-style', 'dotnet-nanoserver', 'go-service', 'iis-site', 'msi-install', 'powershell-tool']);
  });
  for (const name of samples) {
    for (const target of ['buildkit', 'crane']) {
      it(`${name} (${target})`, async () => {
        const dockerfile = join('samples', name, 'Dockerfile');
        const r = await cli(['lint', '--target', target, '--failure-threshold', 'none', dockerfile], { cwd: root });
        expect(r.stderr).toBe('');
        golden(join(root, 'samples', name, `lint.${target}.txt`), r.stdout);
      });
    }
  }
});
