import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, findConfig, loadConfig, type Config } from '../config/config.ts';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { decode } from '../read/decode.ts';
import { discover, fsErrorMessage, type Input } from '../read/discover.ts';
import { render } from '../report/render.ts';
import type { FileResult, LintRun } from '../report/types.ts';
import { lintModel, type LintOptions } from '../rules/engine.ts';
import { windowsRuns } from '../model/queries.ts';
import { helpUri, RULE_META } from '../rules/meta.ts';
import { SEVERITIES, type Severity } from '../rules/types.ts';
import { parseVersion, type Version } from '../util/version.ts';
import craneTable from '../generated/crane.json' with { type: 'json' };
import { VERSION } from '../version.ts';
import { EXIT } from './exit-codes.ts';
import type { CliIO } from './io.ts';
import { OutputError, writeError, writeFilesAtomic, type OutputFile } from './io.ts';
import { effective, type LintCliOptions } from './lint-options.ts';
import { AnalysisCache } from './analysis-cache.ts';
import { CacheStore } from './cache-store.ts';
import { ResultCache, type StoredResult } from './result-cache.ts';
import { SourceText } from '../parse/source.ts';
import type { RunAnalysis } from '../analyze/effects/types.ts';
import type { DockerfileModel, Instruction } from '../model/types.ts';

interface Settings {
  config: Config;
  catalog: Catalog;
}

/** Config and catalog per config file, so a tree with one .winfile.yaml loads it once. */
class SettingsCache {
  private readonly byFile = new Map<string, Promise<Settings>>();
  private readonly none: Settings = { config: {}, catalog: new Catalog() };

  constructor(private readonly forced?: string) {}

  get(dockerfile: string | undefined, cwd: string): Promise<Settings> {
    const file = this.forced ?? findConfig(dockerfile ? dirname(dockerfile) : cwd);
    if (!file) return Promise.resolve(this.none);
    let s = this.byFile.get(file);
    if (!s) {
      s = loadConfig(file).then((config) => ({ config, catalog: config.catalog?.images ? new Catalog(config.catalog.images) : this.none.catalog }));
      this.byFile.set(file, s);
    }
    return s;
  }
}

async function readInput(input: Input, io: CliIO): Promise<{ text: string } | { error: string }> {
  if (input.kind === 'error') return { error: input.message };
  let bytes: Uint8Array;
  try {
    bytes = input.kind === 'stdin' ? await io.readStdin() : readFileSync(input.path);
  } catch (err) {
    return { error: fsErrorMessage(err) };
  }
  const decoded = decode(bytes);
  return 'error' in decoded ? decoded : { text: decoded.text };
}

export function exitCodeFor(files: FileResult[], threshold: Severity | 'none', noFail: boolean): number {
  if (files.some((f) => f.error)) return EXIT.usage;
  if (noFail || threshold === 'none') return EXIT.ok;
  const limit = SEVERITIES.indexOf(threshold);
  const failing = files.some((f) => f.diagnostics.some((d) => SEVERITIES.indexOf(d.severity) <= limit));
  return failing ? EXIT.findings : EXIT.ok;
}

type Analyzer = NonNullable<LintOptions['analyze']>;

/** Lints one decoded file; RUN analyses come from the cache where it has them. The source is the model's, for code frames. */
async function lintText(
  path: string,
  text: string,
  eff: ReturnType<typeof effective>,
  craneVersion: Version,
  settings: Settings,
  analysisCache: AnalysisCache,
  loadAnalyzer: () => Promise<Analyzer>,
): Promise<{ result: StoredResult; source: SourceText }> {
  const model = buildModel(path, text, { buildArgs: eff.buildArgs, catalog: settings.catalog });
  // The shell grammars load only for files with a script they have not read before.
  const runs = windowsRuns(model);
  const known = new Map<Instruction, RunAnalysis>();
  for (const run of runs) {
    const hit = analysisCache.get(model, run);
    if (hit) known.set(run, hit);
  }
  const analyzer = known.size < runs.length ? await loadAnalyzer() : undefined;
  const cachedAnalysis = (m: DockerfileModel, run: Instruction): RunAnalysis => {
    let a = known.get(run);
    if (!a && analyzer) {
      a = analyzer(m, run);
      analysisCache.put(m, run, a);
      known.set(run, a);
    }
    return a as RunAnalysis;
  };
  const diagnostics = lintModel(model, {
    target: eff.target,
    craneVersion,
    windowsVersions: eff.windowsVersions,
    catalog: settings.catalog,
    severity: eff.severity,
    ignore: eff.ignore,
    inlineIgnores: eff.inlineIgnores,
    requireReason: eff.requireReason,
    ...(runs.length > 0 ? { analyze: cachedAnalysis } : {}),
  });
  const parseError = model.errors[0];
  if (!parseError) return { result: { diagnostics }, source: model.source };
  const { line, column } = parseError.range.start;
  return { result: { diagnostics, error: { message: `BuildKit's parser rejects this file: ${parseError.message}`, line, column } }, source: model.source };
}

export async function runLint(cli: LintCliOptions, io: CliIO): Promise<number> {
  const cache = new SettingsCache(cli.config);
  const files: FileResult[] = [];
  let threshold: Severity | 'none' = cli.failureThreshold ?? 'warning';
  let target = cli.target ?? 'buildkit';
  let first = true;
  let analyze: Analyzer | undefined;
  const store = new CacheStore();
  const analysisCache = new AnalysisCache(store);
  const results = new ResultCache(store);
  for (const input of discover(cli.paths)) {
    const path = input.kind === 'stdin' ? cli.stdinFilename : input.path;
    let settings: Settings;
    try {
      settings = await cache.get(input.kind === 'file' ? input.path : undefined, io.cwd);
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr.write(`winfile: ${err.message}\n`);
        return EXIT.usage;
      }
      throw err;
    }
    const eff = effective(cli, settings.config);
    if (first) {
      threshold = eff.failureThreshold;
      target = eff.target;
      first = false;
    }
    const read = await readInput(input, io);
    if ('error' in read) {
      io.stderr.write(`winfile: ${path}: ${read.error}\n`);
      files.push({ path, diagnostics: [], error: { message: read.error } });
      continue;
    }
    const craneVersion = parseVersion(eff.craneVersion ?? craneTable.latest);
    if (!craneVersion) throw new Error(`bad crane version ${eff.craneVersion}`);
    const resultKey = results.key(path, read.text, [eff, craneVersion, settings.config]);
    let result = results.get(resultKey);
    // Reports need the source lines for code frames; holding the whole model of every file until
    // the end would keep hundreds of megabytes alive on big trees.
    let source: SourceText;
    if (result) source = new SourceText(read.text);
    else {
      ({ result, source } = await lintText(path, read.text, eff, craneVersion, settings, analysisCache, async () => (analyze ??= (await import('../analyze/analyze-run.ts')).analyzeRun)));
      results.put(resultKey, result);
    }
    const { diagnostics, error } = result;
    const line = (n: number) => source.lineText(n);
    if (error) {
      // The file is unusable, but rules that read the source text (continuation and directive
      // mistakes) usually explain why BuildKit rejects it, so their findings are kept.
      io.stderr.write(`winfile: ${path}:${error.line}:${error.column}: ${error.message}\n`);
      files.push({ path, diagnostics, error, line });
      continue;
    }
    files.push({ path, diagnostics, line });
  }
  store.flush();

  const run: LintRun = {
    tool: { name: 'winfile', version: VERSION, informationUri: 'https://github.com/winfile/winfile' },
    target,
    files,
    rules: RULE_META,
    helpUri,
  };
  const formats = cli.formats.length > 0 ? cli.formats : ['tty' as const];
  const colorOk = Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined;
  const outputs: OutputFile[] = [];
  for (let i = 0; i < formats.length; i++) {
    const out = cli.outputs[i];
    const text = await render(formats[i] ?? 'tty', run, { color: out === undefined && colorOk, columns: Math.max(40, io.stdout.columns || 100) });
    if (out === undefined) io.stdout.write(text);
    else outputs.push({ path: out, text });
  }
  try {
    writeFilesAtomic(outputs);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.stderr.write(`winfile: ${writeError(err)}\n`);
    return EXIT.usage;
  }
  return exitCodeFor(files, threshold, cli.noFail);
}
