import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shQuote } from './sh-quote.ts';

const VALUES = ['plain', '', 'a b', "it's", 'C:\\', 'C:\\dir\\', "a\\'b", "'", "''", '\\', '\\\\', "x\\'\\", '$(id) `id` ;&|<>*?[]{}~#!', 'ü ö 中 😀'];
const SHELLCHECK = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;

describe('shQuote', () => {
  it('writes words like these exactly', () => {
    expect(VALUES.map(shQuote)).toEqual([
      'plain',
      "''",
      "'a b'",
      "'it'\\''s'",
      "'C:'\\\\",
      "'C:\\dir'\\\\",
      "'a'\\\\\\''b'",
      "\\'",
      "\\'\\'",
      '\\\\',
      '\\\\\\\\',
      "'x'\\\\\\'\\\\",
      "'$(id) `id` ;&|<>*?[]{}~#!'",
      "'ü ö 中 😀'",
    ]);
  });

  it('gives sh back every value byte for byte', () => {
    const script = VALUES.map((v) => `printf '%s\\0' ${shQuote(v)}`).join('\n');
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(VALUES);
  });

  it.skipIf(!SHELLCHECK)('passes shellcheck, notes included', () => {
    // SC2016 (a `$` in single quotes) is the point here; generated scripts disable it as well.
    const script = `#!/bin/sh\n# shellcheck disable=SC2016\n${VALUES.map((v) => `printf '%s\\n' ${shQuote(v)}`).join('\n')}\n`;
    const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: script, encoding: 'utf8' });
    expect(r.stdout).toBe('');
  });
});
