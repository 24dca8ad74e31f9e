import { VERSION } from '../version.ts';
import type { BuildPlan } from '../plan/types.ts';
import { emitBuildkit } from './buildkit.ts';
import { craneModel, PREPARE_FILE, type CraneModel } from './crane-model.ts';
import { prepareDockerfile } from './crane-prepare.ts';
import { DEPS_FILE, emitDepsDockerfile } from './deps.ts';
import type { EmitContext, Emitted } from './types.ts';

/** Images the pipelines run (pinned; `--image-map` does not apply to them). */
export const IMAGES = {
  buildkit: 'moby/buildkit:v0.32.2-rootless',
  crane: 'gcr.io/go-containerregistry/crane:debug',
  git: 'alpine/git:2.45.2',
} as const;

/** The `kubernetes.io/dockerconfigjson` secret with the registry credentials, mounted as config.json. */
export const REGISTRY_SECRET = 'registry-credentials';
/** Where the pods see it (DOCKER_CONFIG): buildctl and crane read `$DOCKER_CONFIG/config.json`. */
export const DOCKER_CONFIG = '/docker-config';
/** Rootless BuildKit's state; an emptyDir, since the image's VOLUME may be nosuid/nodev. */
export const BUILDKIT_STATE = '/home/user/.local/share/buildkit';
/** Scratch space of the crane engine: rootfs/ and layer.tar. */
export const WORK = '/work';
/** Where Argo and plain Kubernetes pods see the repository (Tekton names a workspace instead). */
export const SRC = '/workspace/src';

/** A manifest object being built. */
export type Obj = Record<string, unknown>;
export const CONVERTED_FILE = 'Dockerfile.cross';
/** Fetches one revision of URL (branch, tag or commit) into the working directory. */
export const CLONE_SCRIPT = ['#!/bin/sh', 'set -eu', 'git init -q .', 'git fetch -q --depth 1 "$URL" "$REVISION"', 'git checkout -q FETCH_HEAD', 'git log -1 --format="%H %s"', ''].join('\n');

/** The pipeline outputs, and the file name each is written to by default. */
export type PipelineKind = 'argo' | 'tekton' | 'kubernetes';
export const PIPELINE_FILES: Record<PipelineKind, string> = { argo: 'workflow.yaml', tekton: 'pipelinerun.yaml', kubernetes: 'jobs.yaml' };

/** Environment entries from name/value pairs. */
export const envPairs = (pairs: [string, string][]): { name: string; value: string }[] => pairs.map(([name, value]) => ({ name, value }));

/** The registry secret as a pod volume with config.json, and where containers mount it. */
export const REGISTRY_VOLUME = { name: 'registry-auth', secret: { secretName: REGISTRY_SECRET, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } };
export const REGISTRY_MOUNT = { name: 'registry-auth', mountPath: DOCKER_CONFIG, readOnly: true };

export const LINUX = { 'kubernetes.io/os': 'linux' } as const;
export const WINDOWS = { 'kubernetes.io/os': 'windows' } as const;

/** The securityContext rootless BuildKit needs in a pod (moby/buildkit examples/kubernetes). */
export const BUILDKIT_SECURITY = {
  seccompProfile: { type: 'Unconfined' },
  appArmorProfile: { type: 'Unconfined' },
  runAsUser: 1000,
  runAsGroup: 1000,
} as const;
export const BUILDKITD_FLAGS = '--oci-worker-no-process-sandbox';

export interface PipelineParam {
  name: string;
  value: string;
  description: string;
}

export interface PipelineVersion {
  /** Windows version id (`ltsc2019`): the tag suffix `<tag>-<id>`. */
  id: string;
  /** The base image's tag for it (`1809` for Nano Server ltsc2019): the WINDOWS_VERSION build arg. */
  token: string;
}

/** Everything the Argo and Tekton renderings share. */
export interface PipelineModel {
  /** For metadata.generateName: `<name>-windows-`. */
  name: string;
  source: string;
  engine: 'buildkit' | 'crane';
  /** One entry per Windows version; a single one without per-version tags (then `versioned` is false). */
  versions: PipelineVersion[];
  versioned: boolean;
  versionArg?: string;
  /** The converted Dockerfile (BuildKit) or Dockerfile.prepare (crane), relative to the build context. */
  dockerfile?: { dir: string; file: string };
  deps?: { use: 'base' | 'copy'; arg: string };
  smokeTest?: { command: string; user: 'ContainerUser' | 'ContainerAdministrator' };
  crane?: CraneModel;
  params: PipelineParam[];
  /** Lines for the YAML header comment. */
  header: string[];
  extras: Emitted['extras'];
  notes: NonNullable<Emitted['notes']>;
}

/** `samples/msi-install/Dockerfile` -> `msi-install`, as a DNS label. */
function baseName(source: string): string {
  const parts = source.replaceAll('\\', '/').split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  parts.pop();
  const name = (parts[parts.length - 1] ?? 'app').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return name === '' ? 'app' : name;
}

function posixDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

function joinPosix(dir: string, file: string): string {
  return dir === '.' ? file : `${dir}/${file}`;
}

/** The folder of the build context in the repository: the input's folder, when given as a relative path. */
function contextDir(source: string): string {
  const s = source.replaceAll('\\', '/');
  if (s.startsWith('/') || /^[A-Za-z]:/.test(s) || s.split('/').includes('..')) return '.';
  const d = posixDir(s);
  return d === '' ? '.' : d.replace(/^\.\//, '');
}

/** The user a smoke test runs as: ContainerUser unless the Dockerfile itself makes the image run as an administrator. */
function smokeUser(plan: BuildPlan): 'ContainerUser' | 'ContainerAdministrator' {
  const users = plan.target.steps.filter((s) => s.kind === 'user');
  const last = users[users.length - 1];
  return last && last.kind === 'user' && /^containeradministrator$/i.test(last.user) ? 'ContainerAdministrator' : 'ContainerUser';
}

/**
 * The shared part of `--to argo` and `--to tekton`: the versions to fan out over, the parameters,
 * the companion files the pipeline reads from the repository (the converted Dockerfile, or
 * Dockerfile.prepare for crane, and Dockerfile.deps), and what cannot be expressed.
 */
export function pipelineModel(plan: BuildPlan, ctx: EmitContext, kind: PipelineKind): PipelineModel {
  const engine = ctx.engine ?? 'buildkit';
  const notes: NonNullable<Emitted['notes']> = [];
  const extras: Emitted['extras'] = [];
  const wv = plan.windowsVersion;
  const requested = ctx.windowsVersions ?? [];
  let versions: PipelineVersion[];
  if (wv) {
    const defaultId = Object.keys(wv.tokens).find((id) => wv.tokens[id] === wv.default) ?? wv.default;
    const ids = requested.length > 0 ? requested : [defaultId];
    versions = ids.map((id) => ({ id, token: wv.tokens[id] ?? id }));
  } else {
    versions = [{ id: 'default', token: '' }];
    if (requested.length > 0) notes.push({ reason: `the base image ${plan.target.image} has no per-version tags winfile knows, so --windows-versions cannot switch it`, workaround: 'Parameterise the base image tag yourself (ARG WINDOWS_VERSION in its tag) and convert again.' });
  }
  // The companion files sit next to the pipeline file, which convert writes where -o says.
  const outDir = posixDir(ctx.dockerfile ?? ctx.outputName);
  const model: PipelineModel = {
    name: baseName(plan.source),
    source: plan.source,
    engine,
    versions,
    versioned: wv !== undefined,
    params: [],
    header: [],
    extras,
    notes,
  };
  if (wv) model.versionArg = wv.arg;
  if (engine === 'buildkit') {
    extras.push({ name: CONVERTED_FILE, content: emitBuildkit(plan, { outputName: CONVERTED_FILE, context: ctx.context ?? '.' }) });
    model.dockerfile = { dir: outDir, file: CONVERTED_FILE };
  } else {
    const m = craneModel(plan, { ...ctx, windowsVersions: wv ? versions.map((v) => v.id) : [] });
    model.crane = m;
    notes.push(...m.notes);
    if (m.rootfsStage) {
      extras.push({ name: PREPARE_FILE, content: prepareDockerfile(plan, m.rootfsStage, PIPELINE_FILES[kind]) });
      model.dockerfile = { dir: outDir, file: PREPARE_FILE };
    }
    if (m.edits.length > 0) {
      notes.push({ reason: `the pipeline cannot apply the crane edit config changes (${m.edits.map((e) => e.field).join(', ')}): crane:debug has no jq`, workaround: 'Run the crane plan script (winfile convert --to crane --allow-edit-config) where jq is installed, or set those fields at deployment.' });
    }
  }
  if (plan.deps) {
    model.deps = { use: plan.deps.use, arg: plan.deps.arg };
    extras.push({ name: DEPS_FILE, content: emitDepsDockerfile(plan, { outputName: engine === 'buildkit' ? CONVERTED_FILE : `the crane steps of ${ctx.outputName}`, context: ctx.context ?? '.', windowsVersions: wv ? versions.map((v) => v.id) : [] }) });
  }
  if (ctx.smokeTest !== undefined) model.smokeTest = { command: ctx.smokeTest, user: smokeUser(plan) };

  const p = (name: string, value: string, description: string) => model.params.push({ name, value, description });
  p('image', 'registry.example.com/team/app', model.versioned ? 'Repository to push to: each Windows version as <tag>-<version>, all of them as <tag>.' : 'Repository to push to, as <tag>.');
  p('tag', 'latest', 'Tag of the published image.');
  const empty = { argo: 'empty: build from the volume context-pvc instead', tekton: 'empty: use the source workspace as it is (bind it to your volume)', kubernetes: 'it is cloned into each build pod' }[kind];
  p('git-url', 'https://git.example.com/team/app.git', `Repository with the Dockerfile and the files convert wrote next to it; ${empty}.`);
  p('git-revision', 'main', 'Branch, tag or commit to build.');
  if (kind === 'argo') p('context-pvc', 'winfile-context', 'PersistentVolumeClaim holding the repository when git-url is empty (ReadOnlyMany or ReadWriteMany: the versions build in parallel).');
  p('context-dir', contextDir(plan.source), 'Folder of the build context inside the repository.');
  if (plan.deps) p('deps-image', plan.deps.image, model.versioned ? `Repository of the dependency image built from ${DEPS_FILE} on Windows, tagged per Windows version (${versions.map((v) => v.token).join(', ')}).` : `The dependency image built from ${DEPS_FILE} on Windows.`);

  const h = model.header;
  h.push(`Generated by winfile ${VERSION} from ${plan.source}; edit that file and convert again.`);
  const what = engine === 'buildkit' ? `rootless BuildKit (${IMAGES.buildkit}) builds ${joinPosix(outDir, CONVERTED_FILE)}` : `crane (${IMAGES.crane}) assembles the image${model.dockerfile ? ` from the files ${joinPosix(outDir, PREPARE_FILE)} builds with rootless BuildKit` : ''}`;
  const fanOut = versions.length > 1 ? `Windows ${versions.map((v) => v.id).join(', ')} in parallel, then crane publishes one tag that lists them all` : `Windows ${versions[0]?.id}, then crane publishes the tag as an index of it`;
  h.push(`On Linux nodes, ${what} for ${model.versioned ? `${fanOut} (os.version from each image)` : 'Windows'}${model.smokeTest ? `; then a Windows node runs \`${model.smokeTest.command}\` in the published image as ${model.smokeTest.user}` : ''}.`);
  if (model.dockerfile || plan.deps) {
    const files = [...(model.dockerfile ? [joinPosix(outDir, model.dockerfile.file)] : []), ...(plan.deps ? [joinPosix(outDir, DEPS_FILE)] : [])];
    h.push(`Commit ${files.join(' and ')} (written next to this file) to the repository: the pipeline reads ${files.length > 1 ? 'them' : 'it'} from there, relative to the build context (parameter context-dir).`);
  }
  if (plan.deps) h.push(`The dependency image (${DEPS_FILE}) is built separately on Windows (docker build on a Windows host, once per Windows version; see that file) and pushed to the repository in deps-image before this runs.`);
  h.push(`Needs a kubernetes.io/dockerconfigjson secret named ${REGISTRY_SECRET} with push rights (mounted as config.json, DOCKER_CONFIG=${DOCKER_CONFIG}):`);
  h.push(`  kubectl create secret docker-registry ${REGISTRY_SECRET} --docker-server=REGISTRY --docker-username=USER --docker-password=TOKEN`);
  return model;
}

/** The crane plan's base repository (BASE), when the pipeline does not build on a dependency image. */
export function craneBase(p: PipelineModel): string {
  const b = p.crane?.base;
  if (!b) return '';
  return b.versioned ? b.repo : b.image;
}

/** Whether the build reads the repository (the converted Dockerfile, or Dockerfile.prepare). */
export function needsSource(p: PipelineModel): boolean {
  return p.dockerfile !== undefined;
}

const SOURCE_PARAMS = ['git-url', 'git-revision', 'context-dir'];

/** The parameters of a run: those about the repository only when the build reads it. */
export function runParams(p: PipelineModel): PipelineParam[] {
  return needsSource(p) ? p.params : p.params.filter((x) => !SOURCE_PARAMS.includes(x.name));
}

/** The parameters a build step reads. */
export function buildParamNames(p: PipelineModel): string[] {
  return ['image', 'tag', ...(needsSource(p) ? ['context-dir'] : []), ...(p.deps ? ['deps-image'] : [])];
}
