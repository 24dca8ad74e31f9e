import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ConfigError, findConfig, loadConfig, type Config } from '../config/config.ts';
import type { Emitted, EmitContext } from '../emit/types.ts';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { buildPlan, PlanError } from '../plan/build-plan.ts';
import { subjectOf } from '../plan/decisions.ts';
import type { BuildPlan } from '../plan/types.ts';
import { decode } from '../read/decode.ts';
import { fsErrorMessage } from '../read/discover.ts';
import craneTable from '../generated/crane.json' with { type: 'json' };
import { lintModel } from '../rules/engine.ts';
import { parseVersion, type Version } from '../util/version.ts';
import { PIPELINE_FILES } from '../emit/pipeline-model.ts';
import { EXIT } from './exit-codes.ts';
import type { CliIO } from './io.ts';
import { OutputError, writeError, writeFilesAtomic } from './io.ts';
import type { ConvertCliOptions } from './convert-options.ts';

const DEFAULT_NAMES: Record<ConvertCliOptions['to'], string> = {
  buildkit: 'Dockerfile.cross',
  crane: 'crane-plan.sh',
  ...PIPELINE_FILES,
};

async function emitterFor(to: ConvertCliOptions['to']): Promise<(plan: BuildPlan, ctx: EmitContext) => Emitted> {
  switch (to) {
    case 'buildkit':
      return (await import('../emit/buildkit-files.ts')).emitBuildkitFiles;
    default:
      return (await import('../emit/index.ts')).emitterFor(to);
  }
}

function fail(io: CliIO, message: string): number {
  io.stderr.write(`winfile: ${message}\n`);
  return EXIT.usage;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** `winfile convert`: read, plan, emit, report; never touches the input, never clobbers without --force. */
export async function runConvert(cli: ConvertCliOptions, io: CliIO): Promise<number> {
  const inputName = cli.input === '-' ? 'Dockerfile' : cli.input;
  let config: Config = {};
  try {
    const file = cli.config ?? findConfig(cli.input === '-' ? io.cwd : dirname(cli.input));
    if (file) config = await loadConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return fail(io, err.message);
    throw err;
  }
  let bytes: Uint8Array;
  try {
    bytes = cli.input === '-' ? await io.readStdin() : readFileSync(cli.input);
  } catch (err) {
    return fail(io, `${cli.input}: ${fsErrorMessage(err)}`);
  }
  const decoded = decode(bytes);
  if ('error' in decoded) return fail(io, `${cli.input}: ${decoded.error}`);
  const catalog = new Catalog(config.catalog?.images ?? []);
  const model = buildModel(inputName, decoded.text, { buildArgs: { ...(config.buildArgs ?? {}), ...cli.buildArgs }, catalog });
  const parseError = model.errors[0];
  if (parseError) return fail(io, `${cli.input}:${parseError.range.start.line}:${parseError.range.start.column}: BuildKit's parser rejects this file: ${parseError.message}`);

  const { analyzeRun } = await import('../analyze/analyze-run.ts');
  let plan: BuildPlan;
  try {
    const options: Parameters<typeof buildPlan>[1] = { analyze: analyzeRun, catalog, imageMap: { ...(config.catalog?.imageMap ?? {}), ...cli.imageMap } };
    if (cli.target !== undefined) options.target = cli.target;
    plan = buildPlan(model, options);
  } catch (err) {
    if (err instanceof PlanError) return fail(io, `${cli.input}: ${err.message}`);
    throw err;
  }

  // Errors the linter finds (escape mistakes, broken continuations, bad paths) make the converted
  // build as wrong as the original; they are manual work. RUN is what conversion itself handles.
  const lintTarget = cli.to === 'crane' || (cli.to in PIPELINE_FILES && cli.engine === 'crane') ? 'crane' : 'buildkit';
  const craneLatest = parseVersion(cli.craneVersion ?? config.craneVersion ?? craneTable.latest) ?? (parseVersion(craneTable.latest) as Version);
  const findings = lintModel(model, { target: lintTarget, craneVersion: craneLatest, windowsVersions: cli.windowsVersions ?? config.windowsVersions ?? ['ltsc2022'], catalog, analyze: analyzeRun });
  for (const d of findings) {
    // WF101 (RUN) and WF209 (a Linux stage without --platform) are what conversion fixes;
    // findings in stages the converted build leaves out do not matter.
    if (d.severity !== 'error' || d.ruleId === 'WF101' || d.ruleId === 'WF209') continue;
    if (d.stage && !plan.stages.includes(d.stage.index)) continue;
    const ins = model.instructions.find((i) => i.range.start.line <= d.range.start.line && d.range.start.line <= i.range.end.line);
    const origin = { instruction: ins?.index ?? -1, keyword: ins?.keyword ?? '', range: d.range };
    const reason = `${d.ruleId} ${d.message}`;
    plan.manual.push({ origin, kind: 'lint', reason, workaround: d.workaround });
    plan.decisions.push({ origin, subject: ins ? subjectOf(ins) : d.ruleId, action: 'manual', detail: reason, workaround: d.workaround });
  }

  // --deps: the steps only Windows can run move to Dockerfile.deps, and the plan builds on it.
  if (cli.deps) (await import('../plan/deps.ts')).applyDeps(model, plan, { analyze: analyzeRun, catalog });

  const outputName = cli.output ? basename(cli.output) : DEFAULT_NAMES[cli.to];
  const ctx: EmitContext = { outputName, shell: cli.shell, format: cli.format, allowEditConfig: cli.allowEditConfig, engine: cli.engine };
  // The build context is the input's folder; companion files name it relative to themselves.
  const outDir = cli.output === undefined ? io.cwd : dirname(resolve(io.cwd, cli.output));
  const contextDir = cli.input === '-' ? io.cwd : dirname(resolve(io.cwd, cli.input));
  // Without -o the output is assumed to be saved next to the input.
  ctx.context = cli.output === undefined ? '.' : relative(outDir, contextDir).replaceAll('\\', '/') || '.';
  // Without -o the user chooses where the output goes; the header then names the default file.
  ctx.dockerfile = cli.output === undefined ? outputName : relative(contextDir, join(outDir, outputName)).replaceAll('\\', '/');
  const versions = cli.windowsVersions ?? config.windowsVersions;
  if (versions) ctx.windowsVersions = versions;
  const craneVersion = cli.craneVersion ?? config.craneVersion;
  if (craneVersion) ctx.craneVersion = craneVersion;
  if (cli.smokeTest !== undefined) ctx.smokeTest = cli.smokeTest;
  const emitted = (await emitterFor(cli.to))(plan, ctx);
  if (plan.deps) {
    const { emitDepsDockerfile, DEPS_FILE } = await import('../emit/deps.ts');
    if (!emitted.extras.some((e) => e.name === DEPS_FILE)) emitted.extras.push({ name: DEPS_FILE, content: emitDepsDockerfile(plan, ctx) });
  }
  for (const n of emitted.notes ?? []) plan.manual.push({ origin: { instruction: -1, keyword: '', range: model.instructions[0]?.range ?? model.source.range(0, 0) }, kind: 'unsupported-instruction', reason: n.reason, workaround: n.workaround });

  // Decide every destination before writing anything, so a refusal leaves no partial output.
  const targets: { path: string; content: string; executable?: boolean }[] = [];
  if (cli.output !== undefined) targets.push({ path: cli.output, content: emitted.primary });
  if (emitted.extras.length > 0 && cli.output === undefined) return fail(io, `${emitted.extras.map((e) => e.name).join(' and ')} must be written next to the output: give -o FILE`);
  const dir = cli.output === undefined ? io.cwd : dirname(cli.output);
  for (const e of emitted.extras) targets.push({ path: join(dir, e.name), content: e.content, executable: e.executable ?? false });
  const reportFormat = cli.reportFormat ?? (cli.report?.endsWith('.json') ? 'json' : 'markdown');
  const { renderConvertReport } = await import('../report/convert/index.ts');
  if (cli.report !== undefined) targets.push({ path: cli.report, content: renderConvertReport(plan, reportFormat, { to: cli.to, outputs: targets.map((t) => t.path) }) });
  for (const [i, t] of targets.entries()) {
    if (cli.input !== '-' && samePath(t.path, cli.input)) return fail(io, `${t.path}: refusing to overwrite the input Dockerfile; choose another -o`);
    if (targets.some((u, j) => j < i && samePath(u.path, t.path))) return fail(io, `${t.path} is named for two outputs; give --report and -o different files`);
    if (existsSync(t.path) && statSync(t.path).isDirectory()) return fail(io, `${t.path} is a directory; -o and --report name files`);
    if (existsSync(t.path) && !cli.force) return fail(io, `${t.path} already exists; use --force to replace it`);
  }
  try {
    writeFilesAtomic(targets.map((t) => ({ path: t.path, text: t.content, executable: t.executable ?? false })));
  } catch (err) {
    if (err instanceof OutputError) return fail(io, writeError(err));
    throw err;
  }
  if (cli.output === undefined) io.stdout.write(emitted.primary);
  io.stderr.write(renderConvertReport(plan, 'text', { to: cli.to, outputs: targets.map((t) => t.path) }));
  return plan.manual.length > 0 ? EXIT.findings : EXIT.ok;
}
