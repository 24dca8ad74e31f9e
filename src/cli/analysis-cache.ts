// Analyses of RUN scripts kept between runs, so that a pre-commit hook does not load the shell
// grammars for a file whose scripts it has read before. An entry is keyed by everything the
// analysis reads (the instruction's text and column, escape character, shell, environment, user
// and image family) and stores positions relative to the instruction, so it stays valid when the
// RUN moves within the file or to another file. The launcher (bin/winfile.cjs) says where the
// cache lives and which build wrote it; without it (tests, WINFILE_NO_CACHE=1) nothing is cached.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunAnalysis } from '../analyze/effects/types.ts';
import type { DockerfileModel, Instruction } from '../model/types.ts';
import { userAt } from '../model/users.ts';
import { rootStage } from '../model/versions.ts';

interface Location {
  dir: string;
  build: string;
}

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

function locationFromLauncher(): Location | undefined {
  const loc = (globalThis as Record<symbol, unknown>)[Symbol.for('winfile.cache')] as Location | undefined;
  return loc && typeof loc.dir === 'string' && typeof loc.build === 'string' ? loc : undefined;
}

export class AnalysisCache {
  private readonly folder: string | undefined;
  private prepared = false;

  constructor(location: Location | undefined = locationFromLauncher()) {
    this.folder = location ? join(location.dir, `analysis-${location.build.replace(/[^\w.-]/g, '_')}`) : undefined;
  }

  get enabled(): boolean {
    return this.folder !== undefined;
  }

  /** ONBUILD triggers are left out: their analysis depends on the stage that inherits them. */
  private key(model: DockerfileModel, run: Instruction): string | undefined {
    if (run.keyword !== 'RUN' || !run.stage) return undefined;
    const text = model.source.text.slice(run.range.start.offset, run.range.end.offset);
    const family = rootStage(run.stage).catalog?.variant.family ?? 'other';
    const material = JSON.stringify([model.escape, run.range.start.column, run.form, run.shell, [...(run.env ?? [])], userAt(run), family, text]);
    return createHash('sha256').update(material).digest('hex').slice(0, 40);
  }

  get(model: DockerfileModel, run: Instruction): RunAnalysis | undefined {
    const key = this.folder && this.key(model, run);
    if (!key || !this.folder) return undefined;
    let text: string;
    try {
      text = readFileSync(join(this.folder, `${key}.json`), 'utf8');
    } catch {
      return undefined;
    }
    let analysis: RunAnalysis;
    try {
      analysis = JSON.parse(text) as RunAnalysis;
    } catch {
      return undefined; // a damaged entry is only a miss
    }
    shift(analysis, run.range.start.line, run.range.start.offset);
    return analysis;
  }

  put(model: DockerfileModel, run: Instruction, analysis: RunAnalysis): void {
    const key = this.folder && this.key(model, run);
    if (!key || !this.folder) return;
    const base = run.range.start;
    const json = JSON.stringify(analysis, (_k, v: unknown) => (isPosition(v) ? { line: v.line - base.line, column: v.column, offset: v.offset - base.offset } : v));
    try {
      this.prepare(this.folder);
      const file = join(this.folder, `${key}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, json);
      renameSync(tmp, file);
    } catch {
      // A read-only or full temporary directory costs only speed.
    }
  }

  /** Creates this build's folder and removes those of other builds, which no run will read again. */
  private prepare(folder: string): void {
    if (this.prepared) return;
    this.prepared = true;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const parent = join(folder, '..');
    const own = folder.slice(parent.length + 1);
    for (const name of readdirSync(parent)) if (name.startsWith('analysis-') && name !== own) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
