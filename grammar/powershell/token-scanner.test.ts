import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ILexingResult, IToken } from 'chevrotain';
import { describe, expect, test } from 'vitest';
import { createPowerShellLexer } from './reference-lexer.ts';
import { scanTokens } from './token-scanner.ts';

// The scanner must choose exactly what the Chevrotain lexer built from the same definitions
// chooses: same tokens, same types, same offsets, comments apart.
const reference = createPowerShellLexer();
const show = (t: IToken) => `${t.tokenType.name}@${t.startOffset}:${t.image}`;

function expectSameAsReference(text: string, label: string): void {
  const want: ILexingResult = reference.tokenize(text);
  const got = scanTokens(text);
  expect(want.errors, label).toEqual([]);
  expect(got.tokens.map(show), label).toEqual(want.tokens.map(show));
  expect(got.comments.map(show), label).toEqual((want.groups['comments'] ?? []).map(show));
  for (const t of got.tokens) expect(t.tokenTypeIdx, label).toBe(t.tokenType.tokenTypeIdx);
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Every character some token starts with or stops at, and neighbours of each range boundary.
const ALPHABET = [
  ...'abcXYZ_019.5e7x0xFFkbMB \t\r\n`\'"@$&|;,(){}[]:+-*/%?=!<>#^~\\',
  '\u2013', '\u2014', '\u2015', '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E',
  '\u00a0', '\u0085', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff',
  '\u00c0', '\u024f', '\u0250', '\u00e9', '\u4e2d', '\ud83d', '\ude00', '\u0000', '\u007f', '\u0080', '\u0084', '\u0086',
];

describe('token scanner', () => {
  test('agrees with the Chevrotain lexer on hand-picked input', () => {
    const cases = [
      '', ' ', '\r', '\r\n', '`', '`\r', '`\r\n', '` x', 'a` b', '`x', '#', 'a#b # c', '<#', '<# x', 'a<#b#>', '<#x#>y',
      '--%', '--% a | b', '\u2013\u2014% x\ny', '--', '-=', '-Path', '-\u00e9t\u00e9', '-1', '-', '\u2015x',
      '@"\nx\n"@', "@'\nx\n'@", '@" x', '@(', '@{', '@splat', '@', '@"', '$(x)', '$x', '${a b}', '${a', '$', '$$', '$^',
      '$env:PATH', '$a::b', '*>', '*>>', '*>&1', '*>&3', '*', '*=', '1>&2', '2>>', '3>', '6>&1', '7>', '10>', '>', '>>',
      '>&1', '&&', '&', '||', '|', '::', ':', '.5', '..', '.', '1.5e+3kb', '0x1Fl', '7zip', '12uy', '1.x', '++', '+=',
      '/=', '%=', '??=', '??', '?', '=', '!', 'a\\b~c^d', '\u201Cx\u201D', '\u2018x\u2019', '"a $(b "c)") d"',
      "'f''g'", 'iwr https://x/a.zip?y=1 -OutFile:$o 2>&1',
    ];
    for (const text of cases) expectSameAsReference(text, JSON.stringify(text));
  });

  test('agrees with the Chevrotain lexer on random input', () => {
    const next = random(2026);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      expectSameAsReference(text, JSON.stringify(text));
    }
  });

  const samples = join(import.meta.dirname, '../../samples');
  test('agrees with the Chevrotain lexer on the bundled samples', () => {
    for (const dir of readdirSync(samples)) {
      const file = join(samples, dir, 'Dockerfile');
      if (existsSync(file)) expectSameAsReference(readFileSync(file, 'utf8'), file);
    }
  });

  const corpus = join(import.meta.dirname, '../../../shared/corpus/windows');
  test.skipIf(!existsSync(corpus))('agrees with the Chevrotain lexer on every corpus file (skipped without ../shared)', () => {
    let files = 0;
    for (const repo of readdirSync(corpus, { withFileTypes: true })) {
      if (!repo.isDirectory()) continue;
      for (const f of readdirSync(join(corpus, repo.name))) {
        expectSameAsReference(readFileSync(join(corpus, repo.name, f), 'utf8'), f);
        files++;
      }
    }
    expect(files).toBeGreaterThan(300);
  });
});
