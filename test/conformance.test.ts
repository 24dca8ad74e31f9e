import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuildkit } from '../src/parse/buildkit.ts';
import { dumpInstruction } from '../src/parse/dump.ts';
import { SourceText } from '../src/parse/source.ts';

const ROOT = join(import.meta.dirname, '../../shared/buildkit-parser-testfiles');
const present = existsSync(ROOT);
if (!present) console.warn(`skipping BuildKit parser conformance: ${ROOT} is absent`);

function dump(text: string): string {
  const parsed = parseBuildkit(new SourceText(text.replace(/^\uFEFF/, '')));
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.nodes.map((n) => `(${dumpInstruction(n.parsed)})\n`).join('');
}

describe.skipIf(!present)('BuildKit parser conformance', () => {
  const cases = present ? readdirSync(join(ROOT, 'testfiles')) : [];
  for (const name of cases) {
    it(`reproduces ${name}`, () => {
      const dir = join(ROOT, 'testfiles', name);
      const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      expect(dump(text)).toBe(readFileSync(join(dir, 'result'), 'utf8'));
    });
  }
  const negative = present ? readdirSync(join(ROOT, 'testfiles-negative')) : [];
  for (const name of negative) {
    it(`rejects ${name}`, () => {
      const text = readFileSync(join(ROOT, 'testfiles-negative', name, 'Dockerfile'), 'utf8');
      expect(parseBuildkit(new SourceText(text)).errors.length).toBeGreaterThan(0);
    });
  }
});
