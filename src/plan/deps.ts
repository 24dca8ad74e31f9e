import type { Effect, RunAnalysis, Value } from '../analyze/effects/types.ts';
import conversion from '../generated/conversion.json' with { type: 'json' };
import type { Catalog } from '../model/catalog.ts';
import { copyDestination, normalizeWindowsPath } from '../model/paths.ts';
import type { DockerfileModel, Instruction, Stage } from '../model/types.ts';
import { parameterise, rootStage, stageChain, stageWindowsVersion } from '../model/versions.ts';
import { imageProvides, managerInstall, packageInstall, scriptInstall, TOOL_OF_MANAGER, type Install, type InstallVars } from './deps-catalog.ts';
import { DEFAULT_DEPS_IMAGE, DEPS_ARG, DEPS_FILE, type DependencyImage } from './deps-types.ts';
import { ROOTFS, imagePath, isWithin } from './paths.ts';
import type { BuildPlan, LinuxStage, ManualItem, Origin, TargetStep } from './types.ts';

export { DEPS_FILE, DEPS_ARG, DEFAULT_DEPS_IMAGE, type DependencyImage } from './deps-types.ts';

export interface DepsOptions {
  analyze(model: DockerfileModel, run: Instruction): RunAnalysis;
  catalog: Catalog;
  /** Repository of the dependency image (default registry.example.com/team/app-deps). */
  image?: string;
}

const PRAGMA = /^(?:winfile|hadolint)\s|^check\s*=|^(?:syntax|escape)\s*=/i;
const KINDS_NEEDING_BASE: Partial<Record<Effect['kind'], string>> = {
  installer: 'runs an installer',
  feature: 'enables Windows features',
  registry: 'writes the registry',
  service: 'configures a service or an IIS site',
  user: 'changes users, groups or file permissions',
  build: 'builds with a Windows toolchain',
  unknown: 'runs commands winfile does not know',
};

/** A step of the Windows dependency image: what only Windows can do, with the steps it needs. */
function needsDeps(m: ManualItem): boolean {
  return m.kind !== 'lint' && m.effect !== undefined && m.effect.portability === 'windows-only' && m.effect.destinations.includes('dependency-image');
}

/** Paths an effect reads (unresolved values are left out). */
function readValues(e: Effect): Value[] {
  switch (e.kind) {
    case 'installer':
      return [e.installer, ...e.args];
    case 'extract':
      return [e.archive];
    case 'verify':
      return e.file ? [e.file] : [];
    case 'file':
      return e.op === 'mkdir' || e.op === 'write' ? [] : e.paths;
    case 'run':
      return [e.program, ...e.args];
    case 'build':
      return [...(e.project ? [e.project] : []), ...e.args];
    case 'registry':
      return e.action === 'import' && e.key ? [e.key] : [];
    default:
      return [];
  }
}

/** Paths an effect writes. */
function producedValues(e: Effect): Value[] {
  switch (e.kind) {
    case 'download':
      return e.output ? [e.output] : [];
    case 'extract':
      return e.destination ? [e.destination] : [];
    case 'file':
      return e.op === 'mkdir' || e.op === 'write' ? e.paths : e.destination && e.op !== 'remove' ? [e.destination] : [];
    case 'build':
      return e.output ? [e.output] : [];
    default:
      return [];
  }
}

function resolveAll(values: Value[], workdir: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    // Switches (`/qn`, `-Wait`) are not paths.
    if (v.text === undefined || v.text === '' || v.text.startsWith('-') || /^\/[A-Za-z?]+$/.test(v.text)) continue;
    const p = imagePath(workdir, v.text);
    if (p !== undefined && p !== '/') out.push(p);
  }
  return out;
}

function overlaps(produced: string[], reads: string[]): boolean {
  return produced.some((p) => reads.some((r) => isWithin(r, p) || isWithin(p, r)));
}

/** The Windows form of an image path, with forward slashes (`/Program Files/Git` -> `C:/Program Files/Git`). */
function windowsForm(path: string): string {
  return `C:${path}`;
}

function imageForm(windowsPath: string): string | undefined {
  return normalizeWindowsPath('/', windowsPath).path;
}

interface ChainStep {
  ins: Instruction;
  workdir: string;
  user: string;
  reads: string[];
  produces: string[];
  analysis?: RunAnalysis;
  /** For COPY/ADD --from: the stage (or image text) it copies from. */
  from?: Stage | string;
}

function fromOf(model: DockerfileModel, ins: Instruction): Stage | string | undefined {
  const from = ins.flags.find((f) => f.name === 'from')?.value;
  if (from === undefined) return undefined;
  const lower = from.toLowerCase();
  return model.stages.find((s) => (s.name === lower || String(s.index) === from) && s.index < (ins.stage?.index ?? Infinity)) ?? from;
}

/** The stage and every stage it needs (its FROM chain and what it copies from), in file order. */
function closure(model: DockerfileModel, stage: Stage): Stage[] {
  const out = new Set<Stage>();
  const visit = (s: Stage) => {
    if (out.has(s)) return;
    out.add(s);
    if (s.parent) visit(s.parent);
    for (const ins of s.instructions) {
      const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? fromOf(model, ins) : undefined;
      if (from && typeof from !== 'string') visit(from);
    }
  };
  visit(stage);
  return [...out].sort((a, b) => a.index - b.index);
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Splits the steps only Windows can run off into a dependency image (`Dockerfile.deps`, built
 * natively on Windows once per Windows version) and rewrites the plan to build on it:
 *
 * - A RUN of the final image with a Windows-only step moves there whole and verbatim (its
 *   commands depend on each other: a download feeding msiexec stays with it), with the SHELL,
 *   ARG, ENV, WORKDIR and USER context before it, the context files it reads (COPY) and earlier
 *   RUNs whose output it reads. Its other steps stay translated only when files are copied.
 * - An intermediate Windows stage with a Windows-only step (the "installer stage" pattern) is
 *   built there as written; the files the build copies from it come from the dependency image.
 * - The converted build starts FROM the dependency image when a moved step changes more than
 *   files (installers, features, registry, services, users, unknown commands); otherwise it keeps
 *   the original base and copies the install locations (rules/catalog/install-locations.yaml).
 *
 * Returns undefined, leaving the plan as it is, when nothing needs Windows.
 */
export function applyDeps(model: DockerfileModel, plan: BuildPlan, options: DepsOptions): DependencyImage | undefined {
  const finalIndex = Math.max(...plan.stages);
  const final = model.stages.find((s) => s.index === finalIndex);
  if (!final) return undefined;
  const chain = stageChain(final).reverse();
  const inChain = new Set(chain);
  const root = rootStage(final);
  const manualBy = new Map<number, ManualItem[]>();
  for (const m of plan.manual) {
    const list = manualBy.get(m.origin.instruction) ?? [];
    list.push(m);
    manualBy.set(m.origin.instruction, list);
  }
  const hasDepsStep = (ins: Instruction) => (manualBy.get(ins.index) ?? []).some(needsDeps);
  const newManual: ManualItem[] = [];
  const fileOrigin = (ins: Instruction): Origin => ({ instruction: ins.index, keyword: ins.keyword, range: ins.range });

  // Intermediate Windows stages that run Windows-only steps: built whole in Dockerfile.deps, when
  // everything they need is a Windows stage too (a Windows host cannot build Linux stages).
  const movedStages: Stage[] = [];
  const verbatimStages = new Set<Stage>();
  for (const stage of model.stages) {
    if (!plan.stages.includes(stage.index) || inChain.has(stage) || stage.os !== 'windows') continue;
    if (!stage.instructions.some(hasDepsStep)) continue;
    const needs = closure(model, stage);
    const linux = needs.find((s) => s.os === 'linux');
    if (linux) {
      newManual.push({ origin: fileOrigin(stage.from), kind: 'windows-only', reason: `stage ${stage.name ?? stage.index} runs steps only Windows can run, but it needs stage ${linux.name ?? linux.index}, which is not a Windows stage, so ${DEPS_FILE} cannot build it`, workaround: `Build stage ${stage.name ?? stage.index} natively on Windows by hand (with the files it takes from stage ${linux.name ?? linux.index} in its build context) and copy its results from that image.` });
      continue;
    }
    movedStages.push(stage);
    for (const s of needs) verbatimStages.add(s);
  }

  // The final image's chain: context and outputs of every instruction, then the RUNs that move.
  const steps: ChainStep[] = [];
  let workdir = '/';
  let user = plan.target.baseUser ?? 'ContainerAdministrator';
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') workdir = normalizeWindowsPath(workdir, ins.args[0]?.value ?? '/').path ?? workdir;
      if (ins.keyword === 'USER') user = ins.args[0]?.value.split(':')[0] ?? user;
      const step: ChainStep = { ins, workdir, user, reads: [], produces: [] };
      if (ins.keyword === 'RUN') {
        const analysis = options.analyze(model, ins);
        step.analysis = analysis;
        step.reads = resolveAll(analysis.effects.flatMap(readValues), workdir);
        step.produces = resolveAll(analysis.effects.flatMap(producedValues), workdir);
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const dest = copyDestination(workdir, ins.args[ins.args.length - 1]?.value ?? '.').path;
        if (dest !== undefined && dest !== '/') step.produces = [dest.replace(/\/$/, '')];
        const from = fromOf(model, ins);
        if (from !== undefined) step.from = from;
      }
      steps.push(step);
    }
  }
  const movedRuns = steps.filter((s) => s.ins.keyword === 'RUN' && hasDepsStep(s.ins));
  const addManual = () => {
    plan.manual.push(...newManual);
    for (const m of newManual) {
      const subject = model.instructions[m.origin.instruction]?.line.text.trim().slice(0, 120) ?? m.origin.keyword;
      plan.decisions.push({ origin: m.origin, subject, action: 'manual', detail: m.reason, workaround: m.workaround });
    }
  };
  if (movedRuns.length === 0 && movedStages.length === 0) {
    addManual();
    return undefined;
  }

  // What the moved RUNs need from earlier in the chain: RUNs and COPYs whose output they read.
  const included = new Map<number, { step: ChainStep; why: string }>();
  for (const s of movedRuns) included.set(s.ins.index, { step: s, why: 'moved' });
  const work = [...movedRuns];
  while (work.length > 0) {
    const r = work.pop() as ChainStep;
    for (const e of steps) {
      if (e.ins.index >= r.ins.index || included.has(e.ins.index)) continue;
      if (e.ins.keyword !== 'RUN' && e.ins.keyword !== 'COPY' && e.ins.keyword !== 'ADD') continue;
      if (!overlaps(e.produces, r.reads)) continue;
      included.set(e.ins.index, { step: e, why: `line ${r.ins.range.start.line} reads its output` });
      if (e.ins.keyword === 'RUN') work.push(e);
      if (e.from && typeof e.from !== 'string') {
        const needs = closure(model, e.from);
        const linux = needs.find((x) => x.os === 'linux');
        if (linux) newManual.push({ origin: fileOrigin(e.ins), kind: 'windows-only', reason: `the steps moved to ${DEPS_FILE} read files this COPY takes from stage ${e.from.name ?? e.from.index}, which needs stage ${linux.name ?? linux.index}, not a Windows stage`, workaround: `Put those files into the build context of ${DEPS_FILE} and COPY them from there.` });
        else for (const x of needs) verbatimStages.add(x);
      }
    }
  }

  // Stage names in Dockerfile.deps (unnamed stages get one, and --from=<index> is rewritten).
  const names = new Map<number, string>();
  for (const s of model.stages) names.set(s.index, s.name ?? `stage-${s.index}`);
  const verbatim = (ins: Instruction): string => {
    let text = model.source.text.slice(ins.range.start.offset, ins.range.end.offset);
    const flag = ins.flags.find((f) => f.name === 'from' && f.value !== undefined && /^\d+$/.test(f.value));
    if (flag) {
      const stageName = names.get(Number(flag.value));
      const start = flag.range.start.offset - ins.range.start.offset;
      const end = flag.range.end.offset - ins.range.start.offset;
      if (stageName) text = `${text.slice(0, start)}--from=${stageName}${text.slice(end)}`;
    }
    return text;
  };
  const commented = (ins: Instruction, note?: string): string[] => [
    ...ins.comments.map((c) => c.text).filter((t) => !PRAGMA.test(t)).map((t) => `# ${t}`),
    ...(note ? [`# ${note}`] : []),
    verbatim(ins),
  ];

  // The base of every Windows stage Dockerfile.deps builds follows WINDOWS_VERSION where it names
  // the same Windows version as the final image (a host runs only its own version's containers).
  const wv = plan.windowsVersion;
  const finalVersion = stageWindowsVersion(root, options.catalog)?.version.id;
  const fromLine = (stage: Stage): string => {
    const name = names.get(stage.index) as string;
    const platform = stage.platform ? `--platform=${stage.platform.raw} ` : '';
    let image = stage.imageText;
    const v = !stage.parent ? stageWindowsVersion(stage, options.catalog) : undefined;
    if (wv && v && stage.ref && v.version.id === finalVersion) image = parameterise(stage.imageText, stage.image, stage.ref.tag, v.token, wv.arg) ?? image;
    else if (stage.parent) image = names.get(stage.parent.index) ?? image;
    return `FROM ${platform}${image} AS ${name}`;
  };
  const depsStages = [...verbatimStages].sort((a, b) => a.index - b.index).map((s) => ({
    name: names.get(s.index) as string,
    lines: [fromLine(s), ...s.instructions.slice(1).flatMap((ins) => commented(ins))],
  }));

  // Names and paths of the converted build's stages for the moved intermediate stages.
  const convertedName = (s: Stage): string | undefined => plan.decisions.find((d) => d.origin.instruction === s.from.index && d.stage !== undefined)?.stage;
  const movedLinux = new Map<string, Stage>();
  for (const s of movedStages) {
    const n = convertedName(s);
    if (n) movedLinux.set(n, s);
  }
  const rootfsOf = (name: string) => plan.linux.find((l) => l.name === name)?.rootfs;
  const imagePathOf = (stageName: string, source: string): string => {
    const r = rootfsOf(stageName);
    return r && (source === r || source.startsWith(`${r}/`)) ? source.slice(r.length) || '/' : source;
  };
  const stageCopies = new Map<Stage, Set<string>>();
  const noteCopy = (stageName: string, sources: string[]) => {
    const s = movedLinux.get(stageName);
    if (!s) return;
    const set = stageCopies.get(s) ?? new Set<string>();
    for (const src of sources) set.add(imagePathOf(stageName, src).replace(/(.)\/$/, '$1'));
    stageCopies.set(s, set);
  };
  for (const t of plan.target.steps) if (t.kind === 'copy' && 'stage' in t.from) noteCopy(t.from.stage, t.sources);
  for (const l of plan.linux) for (const st of l.steps) if (st.kind === 'copy-in' && st.from) noteCopy(st.from, st.sources);

  // How the converted build uses the image: what each moved step installs.
  const provided = imageProvides(root.ref);
  const tools = new Set(provided.tools);
  let python = provided.python;
  const baseReasons: string[] = [];
  const installsByRun = new Map<number, Install[]>();
  const unknown: { run: ChainStep; what: string; why: string }[] = [];
  for (const s of movedRuns) {
    const vars = (): InstallVars => (python === undefined ? { user: s.user } : { user: s.user, python });
    const installs: Install[] = [];
    const line = s.ins.range.start.line;
    for (const m of manualBy.get(s.ins.index) ?? []) {
      if (m.kind === 'lint') continue;
      const e = m.effect;
      if (!e || !needsDeps(m)) {
        baseReasons.push(`line ${line}: ${e?.command ?? m.kind} (${m.kind}) has a result winfile cannot copy`);
        continue;
      }
      if (e.kind === 'package') {
        const tool = TOOL_OF_MANAGER[e.manager];
        if (tool && !tools.has(tool) && root.catalog) {
          newManual.push({ origin: m.origin, kind: 'windows-only', reason: `${e.command}: ${tool} is not part of ${root.image} and no earlier step installs it, so ${DEPS_FILE} fails here (as the original does)`, workaround: tool === 'choco' ? 'Install Chocolatey first (RUN its install script from https://community.chocolatey.org/install.ps1), or build on an image that has it.' : `Install ${tool} in an earlier RUN, or build on an image that has it.`, effect: e });
        }
        const manager = managerInstall(e.manager, vars());
        if (manager) installs.push(manager);
        if (e.packages.length === 0) unknown.push({ run: s, what: `${e.manager} packages`, why: 'the step does not name them (a requirements file or a manifest)' });
        for (const pkg of e.packages) {
          const r = packageInstall(e.manager, pkg, vars());
          if (r.kind === 'base') baseReasons.push(`line ${line}: ${r.what} registers itself with Windows (rules/catalog/install-locations.yaml)`);
          else if (r.kind === 'unknown') unknown.push({ run: s, what: r.what, why: r.why });
          else {
            installs.push(r.install);
            if (r.install.provides?.python) python = r.install.provides.python;
          }
        }
        continue;
      }
      if (e.kind === 'run') {
        const text = model.source.text.slice(s.ins.range.start.offset, s.ins.range.end.offset);
        const script = /^(?:iex|invoke-expression)$/i.test(e.command) || /script/i.test(e.reason) ? scriptInstall(text, vars()) : undefined;
        if (script?.kind === 'files') {
          installs.push(script.install);
          if (script.install.provides?.tool) tools.add(script.install.provides.tool);
          continue;
        }
        if (script?.kind === 'base') {
          baseReasons.push(`line ${line}: ${script.what} changes more than files`);
          continue;
        }
        baseReasons.push(`line ${line}: runs ${e.command}, whose effects winfile cannot see`);
        continue;
      }
      if (e.kind === 'file' && e.op === 'link') {
        baseReasons.push(`line ${line}: ${e.command} creates a link`);
        continue;
      }
      baseReasons.push(`line ${line}: ${e.command} ${KINDS_NEEDING_BASE[e.kind] ?? `(${e.kind}) changes Windows itself`}`);
    }
    installsByRun.set(s.ins.index, installs);
  }
  const use: DependencyImage['use'] = baseReasons.length > 0 ? 'base' : 'copy';

  // The converted build: DEPS_IMAGE, the stage or base that names the image, and the copies.
  const origBase = plan.target.image;
  const globalArgs = plan.globalArgs.map((a) => ({ ...a }));
  const arg = uniqueName(DEPS_ARG, new Set(plan.globalArgs.map((a) => a.name.toLowerCase())));
  const image = options.image ?? DEFAULT_DEPS_IMAGE;
  const ref = wv ? `\${${arg}}:\${${wv.arg}}` : `\${${arg}}`;
  const taken = new Set([...plan.linux.map((l) => l.name.toLowerCase()), ...model.stages.flatMap((s) => (s.name ? [s.name] : []))]);
  const depsStage = uniqueName('deps', taken);
  const movedIndex = new Set(movedRuns.map((s) => s.ins.index));
  const copies: string[] = [];
  let stageUsed = false;

  // Files of moved intermediate stages come from the dependency image, at the paths they had there.
  const rewrite = (stageName: string, sources: string[]) => sources.map((src) => imagePathOf(stageName, src));
  for (const t of plan.target.steps) {
    if (t.kind !== 'copy' || !('stage' in t.from) || !movedLinux.has(t.from.stage)) continue;
    t.sources = rewrite(t.from.stage, t.sources);
    t.from = { stage: depsStage };
    stageUsed = true;
  }
  for (const l of plan.linux) {
    for (const st of l.steps) {
      if (st.kind !== 'copy-in' || !st.from || !movedLinux.has(st.from)) continue;
      st.sources = rewrite(st.from, st.sources);
      st.from = depsStage;
      stageUsed = true;
    }
  }
  for (const set of stageCopies.values()) for (const p of set) copies.push(windowsForm(p).replaceAll('/', '\\'));
  plan.linux = plan.linux.filter((l) => !movedLinux.has(l.name));

  if (use === 'base') {
    plan.target.steps = plan.target.steps.filter((t) => !movedIndex.has(t.origin.instruction));
    plan.target.image = ref;
  } else {
    // Copy mode: after each moved RUN's own steps, its install locations and environment.
    const seen = new Set<string>();
    const out: TargetStep[] = [];
    const pending = [...movedRuns];
    const envOf = (upTo: TargetStep[], name: string): string | undefined => {
      for (let i = upTo.length - 1; i >= 0; i--) {
        const t = upTo[i] as TargetStep;
        const pair = t.kind === 'env' ? t.pairs.find(([k]) => k.toUpperCase() === name.toUpperCase()) : undefined;
        if (pair) return pair[1];
      }
      return undefined;
    };
    const pathOf = (upTo: TargetStep[]): string => {
      const defaults = conversion.defaultPath as Record<string, string>;
      return envOf(upTo, 'PATH') ?? defaults[plan.target.family ?? 'other'] ?? (defaults['other'] as string);
    };
    const flush = (s: ChainStep) => {
      const installs = installsByRun.get(s.ins.index) ?? [];
      const origin: Origin = { instruction: s.ins.index, keyword: 'RUN', range: s.ins.range, comments: [`RUN at line ${s.ins.range.start.line} moved to ${DEPS_FILE}: its files come from the dependency image`] };
      let first = true;
      for (const inst of installs) {
        for (const p of inst.paths) {
          const ip = imageForm(p);
          if (ip === undefined || [...seen].some((q) => isWithin(ip, q))) continue;
          seen.add(ip);
          copies.push(p);
          out.push({ kind: 'copy', from: { stage: depsStage }, sources: [ip], dest: ip, origin: first ? origin : { ...origin, comments: [] } });
          first = false;
          stageUsed = true;
        }
      }
      const env = new Map<string, string>();
      for (const inst of installs) for (const [k, v] of inst.env) if (envOf(out, k) !== v) env.set(k, v);
      const dirs = installs.flatMap((i) => i.path);
      const pairs: [string, string][] = [...env];
      if (dirs.length > 0) {
        const current = pathOf(out);
        const have = new Set(current.split(';').map((d) => d.toLowerCase().replace(/\\$/, '')));
        const add = [...new Set(dirs)].filter((d) => !have.has(d.toLowerCase().replace(/\\$/, '')));
        if (add.length > 0) pairs.push(['PATH', [current, ...add].join(';')]);
      }
      if (pairs.length > 0) out.push({ kind: 'env', pairs, origin: first ? origin : { ...origin, comments: [] } });
    };
    for (const t of plan.target.steps) {
      while (pending.length > 0 && t.origin.instruction > (pending[0] as ChainStep).ins.index) flush(pending.shift() as ChainStep);
      out.push(t);
    }
    while (pending.length > 0) flush(pending.shift() as ChainStep);
    plan.target.steps = out;
  }
  if (stageUsed) {
    const deps: LinuxStage = { name: depsStage, image: ref, role: 'original', platform: 'windows/amd64', steps: [], verbatim: [] };
    plan.linux.push(deps);
  }

  // The prepare stage of the final image may now be unused.
  const usedStages = new Set<string>();
  for (const t of plan.target.steps) if (t.kind === 'copy' && 'stage' in t.from) usedStages.add(t.from.stage);
  for (const l of plan.linux) for (const st of l.steps) if (st.kind === 'copy-in' && st.from) usedStages.add(st.from);
  const finalPrepare = plan.decisions.find((d) => d.action === 'translated' && d.stage !== undefined && steps.some((s) => s.ins.index === d.origin.instruction))?.stage;
  const prepareGone = finalPrepare !== undefined && !usedStages.has(finalPrepare) && plan.linux.some((l) => l.name === finalPrepare);
  if (prepareGone) plan.linux = plan.linux.filter((l) => l.name !== finalPrepare);

  // Decisions: moved RUNs and stages, the steps they needed, the base image.
  const moveDetail = (why: string) => `moved to the dependency image (${DEPS_FILE}), built natively on Windows: ${why}`;
  const movedStageIns = new Map<number, Stage>();
  for (const s of movedStages) for (const ins of s.instructions) movedStageIns.set(ins.index, s);
  for (const d of plan.decisions) {
    const i = d.origin.instruction;
    const stage = movedStageIns.get(i);
    if (stage) {
      d.action = 'moved';
      d.stage = DEPS_FILE;
      d.detail = `stage ${stage.name ?? stage.index} is built as written in ${DEPS_FILE} (it runs steps only Windows can run); the converted build copies its files from the dependency image`;
      continue;
    }
    if (movedIndex.has(i)) {
      const line = d.origin.range.start.line;
      if (d.origin.effect === undefined) {
        d.action = 'moved';
        d.stage = DEPS_FILE;
        d.detail = moveDetail(use === 'base' ? `the whole RUN runs there as written; the converted build starts FROM that image` : `the whole RUN runs there as written; the converted build copies what it installs (${[...new Set((installsByRun.get(i) ?? []).map((x) => x.what))].join(', ') || 'nothing winfile knows'})`);
      } else if (d.action === 'translated' && use === 'copy' && d.effect?.portability !== 'windows-only') {
        d.detail = `${d.detail}; the whole RUN (line ${line}) also runs in ${DEPS_FILE}`;
      } else {
        const was = d.action === 'manual' ? d.detail : d.action === 'dropped' ? `was dropped: ${d.detail}` : d.detail;
        d.action = 'moved';
        d.stage = DEPS_FILE;
        d.detail = moveDetail(`runs as part of the RUN at line ${line} (${was})`);
        delete d.workaround;
      }
      continue;
    }
    const inc = included.get(i);
    if (inc && inc.why !== 'moved' && d.origin.effect === undefined) {
      d.detail = `${d.detail}; also in ${DEPS_FILE}, because ${inc.why}`;
    }
    if (prepareGone && d.stage === finalPrepare && d.action === 'translated') {
      d.action = 'dropped';
      d.detail = `not needed: ${d.detail}, but nothing of it reaches the image any more (its result only fed steps moved to ${DEPS_FILE})`;
      delete d.stage;
    }
    if (use === 'base' && i === root.from.index) d.detail = `base image ${ref}: the dependency image, built from ${DEPS_FILE} on ${origBase}`;
  }

  // Manual items: what moved is no longer manual; what could not be copied is.
  const movedIns = (i: number) => movedIndex.has(i) || movedStageIns.has(i);
  plan.manual = plan.manual.filter((m) => m.kind === 'lint' || !movedIns(m.origin.instruction));
  if (use === 'copy') {
    for (const u of unknown) {
      newManual.push({
        origin: { instruction: u.run.ins.index, keyword: 'RUN', range: u.run.ins.range },
        kind: 'windows-only',
        reason: `install location unknown: copy it from the dependency image by hand (${u.what} runs in ${DEPS_FILE}, but ${u.why})`,
        workaround: `Add \`COPY --from=${depsStage} <install folder> <install folder>\` after the deps stage's files in the converted build (find the folder with \`docker run --rm <dependency image> ...\` on Windows), or add the package to rules/catalog/install-locations.yaml.`,
      });
    }
  } else {
    // A PATH written out in full replaces the registry PATH that the moved installers extended.
    for (const t of plan.target.steps) {
      if (t.kind !== 'env' || t.origin.keyword !== 'RUN' || !t.pairs.some(([k]) => k.toUpperCase() === 'PATH')) continue;
      newManual.push({
        origin: { instruction: t.origin.instruction, keyword: t.origin.keyword, range: t.origin.range },
        kind: 'windows-only',
        reason: `the converted build writes PATH out in full (from the RUN at line ${t.origin.range.start.line}), which replaces the PATH the steps in ${DEPS_FILE} stored in the registry`,
        workaround: `Add the directories the dependency image's installers put on PATH (\`docker run --rm <dependency image> cmd /c echo %PATH%\` on Windows) to that ENV PATH.`,
      });
    }
  }
  addManual();
  plan.globalArgs.push({ name: arg, default: image });

  // Dockerfile.deps' final stage: copies of moved stages' files, then the chain's context and RUNs.
  const lines: DependencyImage['lines'] = [];
  for (const [s, paths] of stageCopies) {
    lines.push(`# The files the image takes from stage ${names.get(s.index)}, at the paths they have there.`);
    for (const p of paths) {
      const dest = /[*?[]/.test(p) ? `${windowsForm(p.slice(0, p.lastIndexOf('/')))}/` : windowsForm(p);
      lines.push({ from: names.get(s.index) as string, source: windowsForm(p), dest });
    }
  }
  const last = Math.max(-1, ...included.keys());
  for (const s of steps) {
    if (s.ins.index > last || s.ins.keyword === 'FROM') continue;
    const inc = included.get(s.ins.index);
    if (['ARG', 'ENV', 'SHELL', 'WORKDIR', 'USER'].includes(s.ins.keyword)) lines.push(...commented(s.ins));
    else if (inc) {
      const line = s.ins.range.start.line;
      const note = inc.why === 'moved' ? `line ${line}: only Windows can run this (moved whole)` : `line ${line}: ${inc.why}`;
      lines.push('', ...commented(s.ins, note));
    }
  }

  const tagExample = wv ? `${image}:${wv.default}` : image;
  const summary: string[] = [];
  const what = [
    ...movedRuns.map((s) => `the RUN at line ${s.ins.range.start.line}`),
    ...movedStages.map((s) => `stage ${s.name ?? s.index}`),
  ];
  summary.push(`${DEPS_FILE} holds what only Windows can run (${what.join(', ')}); build it natively on a Windows host, or a Windows node of the pipeline, whose Windows version matches (process isolation), and push it before the converted build runs.`);
  summary.push(
    use === 'base'
      ? `The converted build starts FROM it (\`${ref}\`) because ${baseReasons.slice(0, 3).join('; ')}${baseReasons.length > 3 ? `; and ${baseReasons.length - 3} more` : ''}.`
      : `The converted build keeps ${origBase} and copies ${copies.length > 0 ? copies.join(', ') : 'nothing'} from it (\`COPY --from=${ref}\` through the stage ${depsStage}).`,
  );
  summary.push(
    wv
      ? `Tag it once per Windows version with the value of ${wv.arg} (the base image's tag for that version): ${tagExample} for the default; the converted build reads \`${ref}\` (set ${arg} to your repository).`
      : `The base image has no per-version tags winfile knows, so the dependency image has one tag: ${image} (set ${arg}).`,
  );
  summary.push('Rebuild it when its steps or the files they read change, for every new Windows version the image should serve, and every month after Microsoft updates the Windows base images (Patch Tuesday, the second Tuesday), so the security fixes reach the images built on it.');

  const info: DependencyImage = {
    use,
    reasons: use === 'base' ? baseReasons : copies,
    arg,
    image,
    ref,
    base: origBase,
    globalArgs,
    stages: depsStages,
    lines,
    movedRuns: movedRuns.map((s) => s.ins.range.start.line),
    movedStages: movedStages.map((s) => names.get(s.index) as string),
    copies,
    summary,
  };
  if (wv) info.versionArg = wv.arg;
  if (stageUsed) info.stage = depsStage;
  plan.deps = info;
  return info;
}

