// Lint results of whole files kept between runs: a file linted again with the same text, name,
// options and config gets its findings back without being parsed. Rules read nothing but the
// Dockerfile and those settings, so the key covers everything a result depends on; the store
// drops entries of other builds of winfile.
import { sha256Hex } from '../util/digest.ts';
import type { FileResult } from '../report/types.ts';
import type { CacheStore } from './cache-store.ts';

export type StoredResult = Pick<FileResult, 'diagnostics' | 'error'>;

export class ResultCache {
  constructor(private readonly store: CacheStore) {}

  /** `settings` is anything JSON that changes results: effective options, config, crane version. */
  key(path: string, text: string, settings: unknown): string | undefined {
    if (!this.store.enabled) return undefined;
    return sha256Hex(`${JSON.stringify(['file', path, settings])}\0${text}`).slice(0, 40);
  }

  get(key: string | undefined): StoredResult | undefined {
    const text = key && this.store.get(key);
    if (!text) return undefined;
    try {
      const r = JSON.parse(text) as StoredResult;
      return Array.isArray(r.diagnostics) ? r : undefined;
    } catch {
      return undefined;
    }
  }

  put(key: string | undefined, result: StoredResult): void {
    if (key) this.store.put(key, JSON.stringify({ diagnostics: result.diagnostics, ...(result.error ? { error: result.error } : {}) }));
  }
}
