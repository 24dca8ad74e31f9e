import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './digest.ts';

describe('sha256Hex', () => {
  it('is SHA-256 in hex, also for text outside Latin-1', () => {
    for (const s of ['', 'abc', 'RUN iwr https://x \u2013 \u00e9\u4e2d\ud83d\ude00', 'x'.repeat(100000)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
});
