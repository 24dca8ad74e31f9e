import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shQuote } from '../util/sh-quote.ts';
import { printfFormat } from './buildkit.ts';

describe('printfFormat', () => {
  it('makes printf print the content exactly, CR, %, backslashes and non-ASCII included', () => {
    for (const content of ['started\r\n', '100% done\\n', 'a\tb\u0001c', 'é ü 日本', "quote ' and \" here", '']) {
      const out = execFileSync('/bin/sh', ['-c', `printf ${shQuote(printfFormat(content))}`]);
      expect(out.toString('utf8')).toBe(content);
    }
  });
});
