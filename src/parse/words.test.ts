import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandWord, expandWords } from './words.ts';

const ROOT = join(import.meta.dirname, '../../../shared/buildkit-parser-testfiles/shell');
const present = existsSync(ROOT);
if (!present) console.warn(`skipping BuildKit word-expansion conformance: ${ROOT} is absent`);

describe('word expansion', () => {
  const env = (vars: Record<string, string>) => (k: string) => (Object.hasOwn(vars, k) ? vars[k] : undefined);

  it('keeps Windows paths intact under the backtick escape', () => {
    expect(expandWord('C:\\app\\bin', '`', env({})).value).toBe('C:\\app\\bin');
  });
  it('eats backslashes under the default escape', () => {
    expect(expandWord('C:\\inetpub\\wwwroot', '\\', env({})).value).toBe('C:inetpubwwwroot');
  });
  it('reports unset variables', () => {
    expect(expandWord('${A}/${B:-x}', '\\', env({ A: '1' }))).toEqual({ value: '1/x', unset: ['B'] });
  });
  it('trims patterns', () => {
    const e = env({ V: 'a.b.c' });
    expect(expandWord('${V#*.}|${V##*.}|${V%.*}|${V%%.*}', '\\', e).value).toBe('b.c|c|a.b|a');
    expect(expandWord('${V/./-}|${V//./-}', '\\', e).value).toBe('a-b.c|a-b-c');
  });
});

describe.skipIf(!present)('BuildKit envVarTest / wordsTest', () => {
  const env = (vars: Record<string, string>) => (k: string) => (Object.hasOwn(vars, k) ? vars[k] : undefined);
  const base = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  const lines = present ? readFileSync(join(ROOT, 'envVarTest'), 'utf8').split('\n') : [];
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [platform, input, expected] = line.split('|').map((s) => s.trim()) as [string, string, string];
    if (platform === 'W') continue; // a Linux builder applies the Unix rules, even for Windows stages
    it(`envVarTest ${JSON.stringify(input)}`, () => {
      if (expected === 'error') expect(() => expandWord(input, '\\', env(base))).toThrow();
      else expect(expandWord(input, '\\', env(base)).value).toBe(expected);
    });
  }
  it('wordsTest', () => {
    const vars: Record<string, string> = {};
    const text = readFileSync(join(ROOT, 'wordsTest'), 'utf8');
    let checked = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      if (line.startsWith('ENV ')) {
        const kv = line.slice(4);
        const eq = kv.indexOf('=');
        vars[kv.slice(0, eq)] = kv.slice(eq + 1);
        continue;
      }
      const sep = line.indexOf('|');
      const input = line.slice(0, sep).trim();
      const expected = line.slice(sep + 1).replace(/^\s+/, '');
      if (expected === 'error') expect(() => expandWords(input, '\\', env(vars)), input).toThrow();
      else expect(expandWords(input, '\\', env(vars)).words, input).toEqual(expected.split(','));
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });
});
