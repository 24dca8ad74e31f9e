import type { RunAnalysis } from '../analyze/effects/types.ts';
import conversion from '../generated/conversion.json' with { type: 'json' };
import type { Catalog } from '../model/catalog.ts';
import { copyDestination, normalizeWindowsPath } from '../model/paths.ts';
import type { DockerfileModel, Instruction, Stage } from '../model/types.ts';
import { rootStage, stageChain } from '../model/versions.ts';
import { linuxToolchain, mapImage, windowsBase } from './images.ts';
import { translateBuildRun } from './build-stage.ts';
import { decision, originOf, subjectOf } from './decisions.ts';
import { ROOTFS } from './paths.ts';
import { outputsOf, translateRun, type ContextCopy, type PrepareState } from './run-effects.ts';
import { configStep, type ConvertedStage } from './target-steps.ts';
import type { BuildPlan, Decision, FileSource, LinuxStage, LinuxStep, TargetStep } from './types.ts';
import { writtenText } from '../model/written-text.ts';
import { uniqueName } from '../util/unique-name.ts';
import { copySource, stageClosure } from './deps/stage-graph.ts';

export interface PlanOptions {
  analyze(model: DockerfileModel, run: Instruction): RunAnalysis;
  catalog: Catalog;
  imageMap?: Readonly<Record<string, string>>;
  /** The stage to build (`--target`); the last stage by default. */
  target?: string;
}

export class PlanError extends Error {}

type Converted = ConvertedStage;

function pickFinal(model: DockerfileModel, target: string | undefined): Stage {
  if (target === undefined) {
    const last = model.stages[model.stages.length - 1];
    if (!last) throw new PlanError('the Dockerfile has no stages');
    return last;
  }
  const found = model.stages.find((s) => s.name === target.toLowerCase() || String(s.index) === target);
  if (!found) throw new PlanError(`there is no stage named ${JSON.stringify(target)}`);
  return found;
}

function newState(): PrepareState {
  return { workdir: '/', steps: [], produced: new Map(), needs: new Set() };
}

/**
 * Builds the target-independent plan for converting a Windows Dockerfile to a Linux builder:
 * Windows stages the final image copies from become Linux prepare or cross-compiling build
 * stages, the final stage keeps only file copies and config, and every RUN effect is translated,
 * dropped or reported as manual work.
 */
export function buildPlan(model: DockerfileModel, options: PlanOptions): BuildPlan {
  const final = pickFinal(model, options.target);
  if (final.os !== 'windows') throw new PlanError(`the stage to build (${final.name ?? final.index}) is not a Windows stage, so there is nothing to convert`);
  const imageMap = options.imageMap ?? {};
  const chain = stageChain(final).reverse();
  const root = rootStage(final);
  if (root.imageUnset.length > 0 || !root.ref) {
    throw new PlanError(
      root.imageUnset.length > 0
        ? `the base image ${JSON.stringify(root.imageText)} uses ARG ${root.imageUnset.join(', ')}, which has no value; give it with --build-arg NAME=VALUE`
        : `the base image ${JSON.stringify(root.image)} is not a valid image reference`,
    );
  }
  const globals = new Map<string, string | undefined>();
  for (const ins of model.globalArgs) {
    for (const a of ins.args) {
      const eq = a.value.indexOf('=');
      const name = eq < 0 ? a.value : a.value.slice(0, eq);
      globals.set(name, model.buildArgs[name] ?? (eq < 0 ? undefined : a.value.slice(eq + 1)));
    }
  }
  const base = windowsBase(final, options.catalog, globals);
  const plan: BuildPlan = {
    source: model.path,
    escape: model.escape,
    globalArgs: [],
    linux: [],
    target: { image: base.image, steps: [] },
    manual: [],
    decisions: [],
    stages: [],
  };
  if (final.name) plan.target.name = final.name;
  if (root.baseUser) plan.target.baseUser = root.baseUser;
  const family = root.catalog?.variant.family;
  if (family) plan.target.family = family;
  if (base.version) plan.windowsVersion = { arg: base.version.arg, default: base.version.default, tokens: base.version.tokens };

  // Global ARGs the kept text may still reference (FROM lines of verbatim Linux stages, image refs).
  for (const ins of model.globalArgs) {
    for (const a of ins.args) {
      const eq = a.raw.indexOf('=');
      const name = eq < 0 ? a.raw : a.raw.slice(0, eq);
      if (name === base.version?.arg) continue;
      const arg: { name: string; default?: string } = { name };
      const value = globals.get(name);
      if (value !== undefined) arg.default = value;
      plan.globalArgs.push(arg);
    }
    plan.decisions.push(decision(originOf(ins), subjectOf(ins), 'kept', 'global ARG, kept for the stages that use it'));
  }

  const taken = new Set(model.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));
  const converted = new Map<Stage, Converted>();
  const needed = new Set(stageClosure(model, final));
  for (const stage of model.stages) {
    if (!needed.has(stage) || chain.includes(stage)) continue;
    converted.set(stage, convertStage(model, stage, options, plan, taken, converted, imageMap));
  }
  for (const stage of model.stages) {
    if (needed.has(stage) || chain.includes(stage)) continue;
    for (const ins of stage.instructions) plan.decisions.push(decision(originOf(ins), subjectOf(ins), 'dropped', `stage ${stage.name ?? stage.index} is not needed by the image being built`));
  }

  // The final image: its chain of stages becomes one Windows stage plus one prepare stage.
  const state = newState();
  const prepareName = uniqueName('prepare', taken);
  const pending: { step: Extract<TargetStep, { kind: 'copy' }>; instruction: number }[] = [];
  const contextSteps = new Map<ContextCopy, TargetStep>();
  let shell: string[] = chain[0]?.os === 'windows' ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'FROM') {
        plan.decisions.push(decision(originOf(ins), subjectOf(ins), stage === root ? 'translated' : 'dropped', stage === root ? `base image ${base.image}` : `continues the same image (FROM ${stage.parent?.name ?? ''})`));
        continue;
      }
      if (ins.keyword === 'SHELL' && ins.form === 'exec') shell = ins.args.map((a) => a.value);
      if (ins.keyword === 'RUN') {
        const analysis = options.analyze(model, ins);
        const r = translateRun(ins, analysis, state, prepareName);
        plan.manual.push(...r.manual);
        plan.decisions.push(decision(originOf(ins), subjectOf(ins), r.manual.length > 0 ? 'manual' : 'translated', runSummary(analysis, r.manual.length), { summary: r.decisions.length > 0 }));
        plan.decisions.push(...r.decisions);
        if (analysis.unsupportedShell !== undefined) {
          const reason = `RUN goes through ${analysis.unsupportedShell}, which winfile cannot analyse in a Windows stage`;
          plan.manual.push({ origin: originOf(ins), kind: 'unsupported-shell', reason, workaround: 'Rewrite the step for a Linux stage by hand.' });
        }
        for (const e of analysis.syntaxErrors.slice(0, 1)) {
          plan.manual.push({ origin: originOf(ins), kind: 'syntax', reason: `the ${e.language} code does not parse (${e.message}); steps after the error may be missing`, workaround: 'Fix the script, then convert again.' });
        }
        // The RUN's comments go with the first thing it leaves in the image: its ENV, else its files.
        const origin = originOf(ins);
        if (r.env.length > 0) plan.target.steps.push({ kind: 'env', pairs: r.env, origin });
        const step: Extract<TargetStep, { kind: 'copy' }> = { kind: 'copy', from: { stage: prepareName }, sources: [], dest: '/', origin: r.env.length > 0 ? { ...origin, comments: [] } : origin, produced: true };
        plan.target.steps.push(step);
        pending.push({ step, instruction: ins.index });
        continue;
      }
      const steps = configStep(model, ins, { workdir: state.workdir, shell, converted, imageMap, decisions: plan.decisions });
      plan.target.steps.push(...steps);
      for (const s of steps) {
        if (s.kind === 'workdir') state.workdir = s.path;
        if (s.kind === 'copy' && 'context' in s.from) registerContextCopy(state, s, contextSteps);
      }
    }
  }
  // Each RUN's outputs reach the image where the RUN was, one COPY per top-level path (a COPY of a
  // directory copies its contents, so source and destination must name the same directory).
  const outputs = new Map(pending.map((p) => [p.step, outputsOf(state, p.instruction)]));
  plan.target.steps = plan.target.steps.flatMap((s) => {
    const paths = s.kind === 'copy' && s.produced ? outputs.get(s) : undefined;
    if (!paths) return [s];
    return paths.map((o, k) => ({ ...s, sources: [`${ROOTFS}${o}`], dest: o, origin: k === 0 ? s.origin : { ...s.origin, comments: [] } }));
  });
  // Context files a RUN deleted after using them: the converted image must not receive them.
  const gone = new Set([...contextSteps].filter(([c]) => c.removed).map(([, step]) => step));
  for (const step of gone) {
    plan.decisions.push(decision(step.origin, `COPY ${(step as { sources: string[] }).sources.join(' ')}`, 'dropped', 'a later RUN deletes these files after using them, so the converted image does not receive them'));
  }
  plan.target.steps = plan.target.steps.filter((s) => !gone.has(s));
  const used = plan.target.steps.some((s) => s.kind === 'copy' && 'stage' in s.from && s.from.stage === prepareName);
  if (state.steps.length > 0 && used) {
    const prepare: LinuxStage = { name: prepareName, image: mapImage(conversion.prepareImage, imageMap), role: 'prepare', steps: state.steps, rootfs: ROOTFS };
    if (state.needs.size > 0) prepare.packages = [...state.needs].sort();
    plan.linux.push(prepare);
  } else {
    // Nothing reaches the image from these steps (their results only fed steps left for manual
    // work), so the stage would be unreachable.
    for (const d of plan.decisions) {
      if (d.stage !== prepareName || d.action !== 'translated') continue;
      d.action = 'dropped';
      d.detail = `not needed: ${d.detail}, but nothing of it reaches the image (it only fed steps that need manual work)`;
      delete d.stage;
    }
  }
  plan.stages = [...needed].map((s) => s.index).sort((a, b) => a - b);
  return plan;
}

/** Context files copied into the Windows image are also inputs of later RUN steps. */
function registerContextCopy(state: PrepareState, step: Extract<TargetStep, { kind: 'copy' }>, copies: Map<ContextCopy, TargetStep>): void {
  state.contextCopies ??= [];
  const c: ContextCopy = { sources: step.sources, dest: step.dest.replace(/\/$/, '') || '/', target: step.dest, origin: step.origin };
  state.contextCopies.push(c);
  copies.set(c, step);
}

/** ENV pairs of a Windows build stage that still make sense on Linux (Windows paths translated). */
function linuxEnv(ins: Instruction): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < ins.args.length; i += 3) {
    const k = ins.args[i]?.value ?? '';
    const v = ins.args[i + 1]?.value ?? '';
    if (/^[A-Za-z]:[\\/]/.test(v)) {
      if (v.includes(';')) continue;
      const p = normalizeWindowsPath('/', v).path;
      if (p !== undefined) out.push([k, p]);
    } else if (k.toUpperCase() !== 'PATH') out.push([k, v]);
  }
  return out;
}

function runSummary(analysis: RunAnalysis, manual: number): string {
  const kinds = [...new Set(analysis.effects.map((e) => e.kind))];
  const what = kinds.length === 0 ? 'does nothing winfile can see' : `${kinds.join(', ')}`;
  return manual > 0 ? `${what}; ${manual} step(s) need manual work` : `${what}; translated to the ${'prepare'} stage or the image config`;
}

function convertStage(
  model: DockerfileModel,
  stage: Stage,
  options: PlanOptions,
  plan: BuildPlan,
  taken: Set<string>,
  converted: Map<Stage, Converted>,
  imageMap: Readonly<Record<string, string>>,
): Converted {
  const name = stage.name ?? uniqueName(`stage-${stage.index}`, taken);
  const decisions = plan.decisions;
  if (stage.os === 'linux') {
    const linux: LinuxStage = { name, image: stage.imageText, role: 'original', steps: [], verbatim: stage.instructions.slice(1).map((i) => writtenText(model, i)) };
    linux.platform = stage.platform?.raw ?? '$BUILDPLATFORM';
    plan.linux.push(linux);
    for (const ins of stage.instructions) {
      decisions.push(decision(originOf(ins), subjectOf(ins), 'kept', ins.keyword === 'FROM' && !stage.platform ? 'Linux stage, now with --platform=$BUILDPLATFORM so it runs on the build machine' : 'Linux stage, kept as written', { stage: name }));
    }
    return { name, kind: 'original', path: (p) => p };
  }
  const toolchain = linuxToolchain(stage);
  const steps: LinuxStep[] = [];
  let workdir = '/';
  const rootfs = toolchain === undefined;
  const mapPath = (p: string, keepSlash = false) => {
    const n = normalizeWindowsPath(workdir, p, keepSlash).path;
    return n === undefined ? undefined : rootfs ? `${ROOTFS}${n === '/' ? '' : n}` : n;
  };
  const state = newState();
  for (const ins of stage.instructions) {
    const origin = originOf(ins);
    const subject = subjectOf(ins);
    const moved = (detail: string) => decisions.push(decision(origin, subject, 'moved', detail, { stage: name }));
    switch (ins.keyword) {
      case 'FROM':
        moved(toolchain ? `Windows toolchain stage rebuilt on ${mapImage(toolchain.image, imageMap)} (Linux), cross-compiling for Windows` : `Windows stage rebuilt as a Linux stage (${mapImage(conversion.prepareImage, imageMap)}) whose ${ROOTFS} mirrors C:\\`);
        break;
      case 'WORKDIR': {
        const n = normalizeWindowsPath(workdir, ins.args[0]?.value ?? '/').path;
        if (n) {
          workdir = n;
          state.workdir = n;
          steps.push({ kind: 'workdir', path: rootfs ? `${ROOTFS}${n === '/' ? '' : n}` : n, origin });
        }
        moved(`WORKDIR ${n ?? ''}`);
        break;
      }
      case 'COPY':
      case 'ADD': {
        const values = ins.args.map((a) => a.value);
        const dest = values.pop() ?? '.';
        const from = copySource(model, ins);
        const other = from && typeof from !== 'string' ? converted.get(from) : undefined;
        const sources = other ? values.map((v) => other.path(v) ?? v) : values.map((v) => v.replaceAll('\\', '/'));
        const d = copyDestination(workdir, dest).path;
        const mapped = d === undefined ? undefined : rootfs ? `${ROOTFS}${d}` : d;
        if (!mapped) {
          decisions.push(decision(origin, subject, 'manual', `the destination ${dest} is not a path BuildKit accepts`));
          break;
        }
        const step: LinuxStep = { kind: 'copy-in', sources, dest: mapped, origin };
        if (other) step.from = other.name;
        else if (typeof from === 'string') step.from = from;
        steps.push(step);
        if (rootfs && d) state.produced.set(d.toLowerCase(), { path: d.replace(/\/$/, '') || '/', by: ins.index });
        moved(`copied to ${mapped} in Linux stage ${name}`);
        break;
      }
      case 'ENV': {
        // Values that are Windows paths or path lists mean nothing in a Linux stage; the RUN
        // analysis already resolved them where scripts read them.
        const kept = toolchain ? linuxEnv(ins) : [];
        if (kept.length > 0) steps.push({ kind: 'env', pairs: kept, origin });
        if (kept.length > 0) moved('ENV kept in the Linux build stage');
        else decisions.push(decision(origin, subject, 'dropped', `configures the ${stage.name ?? 'intermediate'} Windows stage, which is not shipped; scripts that read it were resolved with its value`));
        break;
      }
      case 'ARG':
        for (const a of ins.args) {
          const eq = a.raw.indexOf('=');
          const s: LinuxStep = { kind: 'arg', name: eq < 0 ? a.raw : a.raw.slice(0, eq), origin };
          if (eq >= 0) s.default = a.value.slice(a.value.indexOf('=') + 1);
          steps.push(s);
        }
        moved('ARG kept in the Linux stage');
        break;
      case 'RUN': {
        const analysis = options.analyze(model, ins);
        if (toolchain) {
          const r = translateBuildRun(ins, analysis, workdir, name);
          steps.push(...r.steps);
          plan.manual.push(...r.manual);
          decisions.push(decision(origin, subject, r.manual.length > 0 ? 'manual' : 'moved', `RUN in Linux build stage ${name}`, { stage: name, summary: r.decisions.length > 0 }), ...r.decisions);
        } else {
          state.steps = steps;
          const r = translateRun(ins, analysis, state, name);
          plan.manual.push(...r.manual);
          decisions.push(decision(origin, subject, r.manual.length > 0 ? 'manual' : 'moved', `RUN in Linux stage ${name}`, { stage: name, summary: r.decisions.length > 0 }), ...r.decisions);

        }
        break;
      }
      default:
        decisions.push(decision(origin, subject, 'dropped', `${ins.keyword} only configures the ${stage.name ?? 'intermediate'} stage's image, which is not shipped`));
    }
  }
  const linux: LinuxStage = { name, image: mapImage(toolchain ? toolchain.image : conversion.prepareImage, imageMap), role: toolchain ? 'build' : 'prepare', steps };
  if (rootfs) linux.rootfs = ROOTFS;
  if (state.needs.size > 0) linux.packages = [...state.needs].sort();
  plan.linux.push(linux);
  return { name, kind: toolchain ? 'build' : 'prepare', path: (p) => mapPath(p, p.endsWith('\\') || p.endsWith('/')) };
}

export type { Decision, FileSource };
