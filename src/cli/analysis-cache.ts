// Analyses of RUN scripts kept between runs, so that a pre-commit hook does not load the shell
// grammars for a file whose scripts it has read before. An entry is keyed by everything the
// analysis reads (the instruction's text and column, escape character, shell, environment, user
// and image family) and stores the instruction's position with it, so it stays valid when the RUN
// moves within the file or to another file.
import type { RunAnalysis } from '../analyze/effects/types.ts';
import type { DockerfileModel, Instruction } from '../model/types.ts';
import { userAt } from '../model/users.ts';
import { rootStage } from '../model/versions.ts';
import { sha256Hex } from '../util/digest.ts';
import type { CacheStore } from './cache-store.ts';

interface Position {
  line: number;
  column: number;
  offset: number;
}

function isPosition(v: unknown): v is Position {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return typeof p['offset'] === 'number' && typeof p['line'] === 'number' && typeof p['column'] === 'number';
}

/** Moves every position of freshly parsed JSON by a line and offset delta, in place. */
function shift(value: unknown, lines: number, offset: number): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) shift(item, lines, offset);
    return;
  }
  if (isPosition(value)) {
    value.line += lines;
    value.offset += offset;
    return;
  }
  for (const key in value) shift((value as Record<string, unknown>)[key], lines, offset);
}

export class AnalysisCache {
  constructor(private readonly store: CacheStore) {}

  /** Keys by instruction: a miss is looked up, then stored, under the same key. */
  private readonly keys = new WeakMap<Instruction, string | undefined>();

  private key(model: DockerfileModel, run: Instruction): string | undefined {
    if (!this.keys.has(run)) this.keys.set(run, this.computeKey(model, run));
    return this.keys.get(run);
  }

  /** ONBUILD triggers are left out: their analysis depends on the stage that inherits them. */
  private computeKey(model: DockerfileModel, run: Instruction): string | undefined {
    if (!this.store.enabled || run.keyword !== 'RUN' || !run.stage) return undefined;
    const text = model.source.text.slice(run.range.start.offset, run.range.end.offset);
    const family = rootStage(run.stage).catalog?.variant.family ?? 'other';
    const material = JSON.stringify(['run', model.escape, run.range.start.column, run.form, run.shell, [...(run.env ?? [])], userAt(run), family, text]);
    return sha256Hex(material).slice(0, 40);
  }

  get(model: DockerfileModel, run: Instruction): RunAnalysis | undefined {
    const key = this.key(model, run);
    const entry = key && this.store.get(key);
    if (!entry) return undefined;
    // `line,offset,json`: the RUN's position when stored, and the analysis as it was then.
    const a = entry.indexOf(',');
    const b = entry.indexOf(',', a + 1);
    const line = Number(entry.slice(0, a));
    const offset = Number(entry.slice(a + 1, b));
    if (a < 0 || b < 0 || !Number.isInteger(line) || !Number.isInteger(offset)) return undefined;
    let analysis: RunAnalysis;
    try {
      analysis = JSON.parse(entry.slice(b + 1)) as RunAnalysis;
    } catch {
      return undefined; // a damaged entry is only a miss
    }
    const base = run.range.start;
    if (base.line !== line || base.offset !== offset) shift(analysis, base.line - line, base.offset - offset);
    return analysis;
  }

  /**
   * Stored with the RUN's position, so that a RUN that moved gets its positions shifted on the way
   * out; plain JSON.stringify is several times faster than one with a replacer that made them
   * relative on the way in.
   */
  put(model: DockerfileModel, run: Instruction, analysis: RunAnalysis): void {
    // The analysis of a RUN this long is longer than the store keeps (see CacheStore.put); it is
    // not serialised only to be dropped.
    if (run.range.end.offset - run.range.start.offset > 64 * 1024) return;
    const key = this.key(model, run);
    if (!key) return;
    const base = run.range.start;
    this.store.put(key, `${base.line},${base.offset},${JSON.stringify(analysis)}`);
  }
}
