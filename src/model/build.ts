import { parseBuildkit } from '../parse/buildkit.ts';
import { SourceText } from '../parse/source.ts';
import { expandWord, ExpansionError } from '../parse/words.ts';
import { Catalog } from './catalog.ts';
import { expandInstruction, Scope } from './expand.ts';
import { parseImageRef } from './image-ref.ts';
import { buildInstruction } from './instructions.ts';
import { markerEvidence, platformEvidence } from './os.ts';
import type { DockerfileModel, Instruction, ParseProblem, Stage } from './types.ts';

export interface ModelOptions {
  buildArgs?: Record<string, string>;
  catalog?: Catalog;
}

const WINDOWS_SHELL = ['cmd', '/S', '/C'];
const LINUX_SHELL = ['/bin/sh', '-c'];

/** BuildKit's automatic platform ARGs for a Windows image built on a Linux builder. */
function platformArgs(): Map<string, string | undefined> {
  return new Map<string, string | undefined>([
    ['TARGETPLATFORM', 'windows/amd64'],
    ['TARGETOS', 'windows'],
    ['TARGETARCH', 'amd64'],
    ['TARGETVARIANT', ''],
    ['BUILDPLATFORM', 'linux/amd64'],
    ['BUILDOS', 'linux'],
    ['BUILDARCH', 'amd64'],
    ['BUILDVARIANT', ''],
  ]);
}

let defaultCatalog: Catalog | undefined;

/** Reads one Dockerfile's text into the model every rule and emitter works from. */
export function buildModel(path: string, text: string, options: ModelOptions = {}): DockerfileModel {
  const catalog = options.catalog ?? (defaultCatalog ??= new Catalog());
  const buildArgs = options.buildArgs ?? {};
  const source = new SourceText(text);
  const bk = parseBuildkit(source);
  const errors: ParseProblem[] = [...bk.errors];
  const model: DockerfileModel = {
    path,
    source,
    escape: bk.directives.escape,
    directives: bk.directives.directives,
    lines: bk.lines,
    globalArgs: [],
    stages: [],
    instructions: [],
    errors,
    expansionProblems: [],
    buildArgs,
  };
  if (errors.length > 0) return model;

  const escape = model.escape;
  const global = new Scope(new Map(), platformArgs());
  const expansionProblems: ParseProblem[] = [];
  let stage: Stage | undefined;
  bk.nodes.forEach((node, index) => {
    const ins = buildInstruction(source, node, node.parsed, index);
    model.instructions.push(ins);
    if (ins.keyword === 'FROM') {
      stage = newStage(model, ins, global, escape, buildArgs, expansionProblems);
      model.stages.push(stage);
      return;
    }
    if (!stage) {
      if (ins.keyword === 'ARG') {
        model.globalArgs.push(ins);
        expandInstruction(ins, escape, global, buildArgs, expansionProblems);
      }
      return;
    }
    ins.stage = stage;
    stage.instructions.push(ins);
  });

  decideOs(model, catalog);
  for (const st of model.stages) {
    const scope = st.parent ? stageScopes.get(st.parent)?.child() ?? new Scope() : new Scope();
    // Global ARGs are only visible inside a stage that declares them again, with their defaults.
    const declared = new Scope(scope.env, scope.args);
    let shell = st.parent ? finalShell(st.parent) : baseShell(st);
    for (const ins of st.instructions) {
      ins.shell = shell;
      if (ins.keyword === 'ARG') {
        for (const a of ins.args) {
          const name = a.raw.split('=')[0] as string;
          if (!a.raw.includes('=') && global.args.has(name) && !declared.args.has(name)) declared.args.set(name, global.args.get(name));
        }
      }
      // A RUN's process sees the ENV and ARG values in effect as environment variables.
      if (ins.keyword === 'RUN' || ins.keyword === 'ONBUILD') ins.env = declared.snapshot();
      // An ONBUILD trigger runs in the child image with the shell this stage leaves behind; until
      // then, this stage's shell and environment are the best guess.
      if (ins.trigger) {
        ins.trigger.stage = st;
        ins.trigger.shell = shell;
        if (ins.env) ins.trigger.env = ins.env;
      }
      if (ins.keyword !== 'FROM') expandInstruction(ins, escape, declared, buildArgs, expansionProblems);
      if (ins.keyword === 'SHELL' && ins.form === 'exec' && ins.args.length > 0) shell = ins.args.map((a) => a.value);
    }
    stageScopes.set(st, declared);
  }
  stageScopes.clear();
  model.expansionProblems = expansionProblems;
  return model;
}

const stageScopes = new Map<Stage, Scope>();

function finalShell(stage: Stage): string[] {
  const last = [...stage.instructions].reverse().find((i) => i.keyword === 'SHELL' && i.form === 'exec' && i.args.length > 0);
  if (last) return last.args.map((a) => a.value);
  return stage.parent ? finalShell(stage.parent) : baseShell(stage);
}

// Several official images (golang, python, openjdk on Server Core) change SHELL themselves, so a
// RUN right after their FROM runs in PowerShell, not cmd.
function baseShell(stage: Stage): string[] {
  return stage.catalog?.variant.shell ?? (stage.os === 'windows' ? WINDOWS_SHELL : LINUX_SHELL);
}

function newStage(model: DockerfileModel, from: Instruction, global: Scope, escape: DockerfileModel['escape'], buildArgs: Record<string, string>, problems: ParseProblem[]): Stage {
  const imageArg = from.args[0];
  const imageText = imageArg?.raw ?? '';
  let image = imageText;
  let imageUnset: string[] = [];
  const lookup = (n: string) => (Object.hasOwn(buildArgs, n) ? buildArgs[n] : global.get(n));
  try {
    const e = expandWord(imageText, escape, lookup);
    image = e.value;
    imageUnset = e.unset;
  } catch (err) {
    if (!(err instanceof ExpansionError)) throw err;
    if (imageArg) problems.push({ message: `${err.message} in ${JSON.stringify(imageText)}`, range: imageArg.range });
  }
  if (imageArg) imageArg.value = image;
  const stage: Stage = {
    index: model.stages.length,
    from,
    imageText,
    image,
    imageRange: imageArg?.range ?? from.argsRange,
    imageUnset,
    os: 'unknown',
    evidence: [],
    instructions: [from],
  };
  from.stage = stage;
  const as = from.args[1];
  const name = from.args[2];
  if (as && name && as.raw.toLowerCase() === 'as') stage.name = name.raw.toLowerCase();
  const platform = from.flags.find((f) => f.name === 'platform');
  if (platform?.value !== undefined) {
    let value = platform.value;
    try {
      value = expandWord(platform.value, escape, lookup).value;
    } catch {
      // left as written; an unexpandable platform is reported with the other expansion problems
    }
    stage.platform = { raw: platform.value, value };
  }
  const lower = image.toLowerCase();
  const parent = model.stages.find((s) => s.name !== undefined && s.name === lower);
  if (parent) stage.parent = parent;
  else {
    const ref = parseImageRef(image);
    if (ref) stage.ref = ref;
  }
  return stage;
}

function decideOs(model: DockerfileModel, catalog: Catalog): void {
  for (const st of model.stages) {
    const evidence = [];
    if (st.platform) {
      const p = platformEvidence(st.platform.raw, st.platform.value);
      if (p) evidence.push(p);
    }
    if (st.parent) {
      evidence.push({ os: st.parent.os, kind: 'parent-stage' as const, detail: `FROM ${st.parent.name ?? st.parent.index} (stage ${st.parent.index})` });
      // A stage built on another has that stage's base image underneath (the catalog match stays
      // on the stage that names the image, so rules about the image report it once).
      if (st.parent.shells) st.shells = st.parent.shells;
      if (st.parent.baseUser) st.baseUser = st.parent.baseUser;
    }
    if (st.ref) {
      const match = catalog.lookup(st.ref);
      if (match) {
        st.catalog = match;
        if (match.variant.shells) st.shells = match.variant.shells;
        if (match.variant.user) st.baseUser = match.variant.user;
        if (match.variant.os !== 'multi') {
          evidence.push({ os: match.variant.os, kind: catalog.isConfigured(match.image) ? ('config' as const) : ('catalog' as const), detail: `${match.image.repository}${match.variant.tag ? ` (tag matches /${match.variant.tag}/)` : ''} is a ${match.variant.os} image` });
        }
      }
    }
    const marker = markerEvidence(st);
    if (marker) evidence.push(marker);
    st.evidence = evidence;
    st.os = evidence.find((e) => e.os !== 'unknown')?.os ?? 'unknown';
  }
  if (model.stages.some((s) => s.os === 'windows')) {
    for (const st of model.stages) {
      if (st.os !== 'unknown' || st.platform || st.image.toLowerCase() === 'scratch') continue;
      st.os = 'windows';
      st.evidence.push({ os: 'windows', kind: 'target-platform', detail: 'no --platform, so the stage is built for the target platform, which is Windows in this file' });
    }
  }
}
