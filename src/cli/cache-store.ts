// The on-disk side of winfile's caches. Creating a file costs about a millisecond on common
// file systems, more than analysing a short script, so entries live in 64 append-only shard files
// chosen by the key's first six bits, and one run appends to each shard at most once. A run reads
// only the shards its keys fall in, so a shard is kept small: past SHARD_LIMIT it keeps its newer
// half. A record is `\n<key>\t<json>`; the newest record for a key wins. A torn or interleaved
// record fails to parse and is only a miss.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CacheLocation {
  /** The per-user cache directory. */
  dir: string;
  /** Identity of the build that writes entries; other builds' entries are removed. */
  build: string;
}

const SHARD_LIMIT = 512 * 1024;

/** Shard of a lowercase hex key: its first hex digit and the top two bits of the second. */
function shardOf(key: string): string {
  return `${key[0] ?? '0'}${Number.parseInt(key[1] ?? '0', 16) >> 2}`;
}

/** Where the launcher (bin/winfile.cjs) says the cache lives; absent in tests and with WINFILE_NO_CACHE=1. */
export function locationFromLauncher(): CacheLocation | undefined {
  const loc = (globalThis as Record<symbol, unknown>)[Symbol.for('winfile.cache')] as CacheLocation | undefined;
  return loc && typeof loc.dir === 'string' && typeof loc.build === 'string' ? loc : undefined;
}

export class CacheStore {
  private readonly folder: string | undefined;
  private readonly shards = new Map<string, Map<string, string>>();
  /** Values put in this run and not yet written; later files with the same script reuse them. */
  private readonly pending = new Map<string, string>();

  constructor(location: CacheLocation | undefined = locationFromLauncher()) {
    this.folder = location ? join(location.dir, `analysis-${location.build.replace(/[^\w.-]/g, '_')}`) : undefined;
  }

  get enabled(): boolean {
    return this.folder !== undefined;
  }

  /** The newest value stored under a lowercase hex key. */
  get(key: string): string | undefined {
    if (!this.folder) return undefined;
    const mine = this.pending.get(key);
    if (mine !== undefined) return mine;
    return this.shard(shardOf(key)).get(key);
  }

  /**
   * Queues a value (JSON, which never contains a raw newline) until flush(). A value over a
   * quarter of a shard's limit is not kept: it would push the rest of its shard out (a 1 MB RUN's
   * analysis emptied its shard), and computing it again is the smaller loss.
   */
  put(key: string, value: string): void {
    if (!this.folder || value.length > SHARD_LIMIT / 4) return;
    this.pending.set(key, value);
  }

  /** Writes queued entries; a read-only or full temporary directory costs only speed. */
  flush(): void {
    if (!this.folder || this.pending.size === 0) return;
    try {
      this.prepare(this.folder);
      const shards = new Map<string, string[]>();
      for (const [key, value] of this.pending) {
        const shard = shardOf(key);
        const records = shards.get(shard) ?? [];
        records.push(`\n${key}\t${value}`);
        shards.set(shard, records);
      }
      for (const [shard, records] of shards) {
        const file = join(this.folder, `shard-${shard}.tsv`);
        appendFileSync(file, records.join(''));
        if (statSync(file).size > SHARD_LIMIT) trim(file);
      }
    } catch {
      // Nothing to do: the next run analyses again.
    }
    this.pending.clear();
  }

  /** One shard's entries; a later record of a key replaces an earlier one. */
  private shard(name: string): Map<string, string> {
    let entries = this.shards.get(name);
    if (entries) return entries;
    entries = new Map();
    this.shards.set(name, entries);
    let text: string;
    try {
      text = readFileSync(join(this.folder as string, `shard-${name}.tsv`), 'utf8');
    } catch {
      return entries;
    }
    for (let at = text.indexOf('\n'); at >= 0; ) {
      const next = text.indexOf('\n', at + 1);
      const tab = text.indexOf('\t', at + 1);
      const end = next < 0 ? text.length : next;
      if (tab > at && tab < end) entries.set(text.slice(at + 1, tab), text.slice(tab + 1, end));
      at = next;
    }
    return entries;
  }

  /** Creates this build's folder and removes those of other builds, which no run will read again. */
  private prepare(folder: string): void {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const parent = join(folder, '..');
    const own = folder.slice(parent.length + 1);
    for (const name of readdirSync(parent)) if (name.startsWith('analysis-') && name !== own) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function trim(file: string): void {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf('\n', text.length - SHARD_LIMIT / 2);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, from < 0 ? '' : text.slice(from));
  renameSync(tmp, file);
}
