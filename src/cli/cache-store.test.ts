import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheStore } from './cache-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'winfile-cache-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = (n: number) => n.toString(16).padStart(40, '0').split('').reverse().join('');

describe('the cache store', () => {
  it('gives back what an earlier run flushed, the newest value of a key winning', () => {
    const location = { dir, build: 'roundtrip' };
    const first = new CacheStore(location);
    first.put(key(1), '{"a":1}');
    first.put(key(2), '{"b":"x\\ty"}');
    expect(first.get(key(1))).toBe('{"a":1}'); // within the run, before any write
    first.flush();
    const second = new CacheStore(location);
    expect(second.get(key(1))).toBe('{"a":1}');
    expect(second.get(key(2))).toBe('{"b":"x\\ty"}');
    expect(second.get(key(3))).toBeUndefined();
    second.put(key(1), '{"a":2}');
    second.flush();
    expect(new CacheStore(location).get(key(1))).toBe('{"a":2}');
    // Shards by the key's first six bits, however many entries.
    expect(readdirSync(join(dir, 'analysis-roundtrip')).sort()).toEqual(['shard-10.tsv', 'shard-20.tsv']);
  });

  it("removes other builds' entries when it writes", () => {
    const old = new CacheStore({ dir, build: 'old' });
    old.put(key(1), '1');
    old.flush();
    const current = new CacheStore({ dir, build: 'new' });
    current.put(key(1), '2');
    current.flush();
    expect(readdirSync(dir).filter((n) => n.startsWith('analysis-'))).toEqual(['analysis-new']);
  });

  it('keeps the newer half of a shard that grew past its limit', () => {
    const location = { dir, build: 'trim' };
    const inShardA = (n: number) => `a0${n.toString(16).padStart(38, '0')}`;
    const big = 'x'.repeat(25_000);
    for (let run = 0; run < 3; run++) {
      const store = new CacheStore(location);
      for (let i = 0; i < 10; i++) store.put(inShardA(run * 10 + i), JSON.stringify(`${i}${big}`));
      store.flush();
    }
    const file = join(dir, 'analysis-trim', 'shard-a0.tsv');
    expect(statSync(file).size).toBeLessThanOrEqual(512 * 1024);
    const reader = new CacheStore(location);
    expect(reader.get(inShardA(29)) === JSON.stringify(`9${big}`)).toBe(true);
    expect(reader.get(inShardA(0)) === undefined).toBe(true);
  });

  it('does not keep a value so large that it would push its shard out', () => {
    const location = { dir, build: 'huge' };
    const store = new CacheStore(location);
    store.put(key(1), '"small"');
    store.put(key(17), JSON.stringify('x'.repeat(200_000))); // the same shard as key(1)
    store.flush();
    const reader = new CacheStore(location);
    expect(reader.get(key(1))).toBe('"small"');
    expect(reader.get(key(17))).toBeUndefined();
  });

  it('does nothing without a location', () => {
    const store = new CacheStore(undefined);
    store.put(key(1), '1');
    store.flush();
    expect(store.enabled).toBe(false);
    expect(store.get(key(1))).toBeUndefined();
  });
});
