import { Document } from 'yaml';
import type { BuildPlan } from '../plan/types.ts';
import { craneAssembleScript, cranePrepareScript, publishScript } from './pipeline-crane.ts';
import { buildctlArgs, type SourceRefs } from './pipeline-buildctl.ts';
import {
  BUILDKIT_SECURITY,
  BUILDKIT_STATE,
  BUILDKITD_FLAGS,
  craneBase,
  DOCKER_CONFIG,
  envPairs,
  IMAGES,
  LINUX,
  needsSource,
  pipelineModel,
  type PipelineModel,
  REGISTRY_MOUNT,
  REGISTRY_SECRET,
  REGISTRY_VOLUME,
  SRC,
  type Obj,
  WINDOWS,
  WORK,
} from './pipeline-model.ts';
import type { EmitContext, Emitted } from './types.ts';

const wp = (name: string) => `{{workflow.parameters.${name}}}`;
const ip = (name: string) => `{{inputs.parameters.${name}}}`;

/** Where each build pod gets the repository: a git input artifact, or the volume named by context-pvc. */
type Source = 'git' | 'volume';

function refs(p: PipelineModel): SourceRefs {
  return {
    context: `${SRC}/${wp('context-dir')}`,
    image: wp('image'),
    tag: wp('tag'),
    version: ip('version'),
    token: ip('token'),
    deps: wp('deps-image'),
    versioned: p.versioned,
  };
}

function sourceInputs(p: PipelineModel, source: Source | undefined): Obj {
  const inputs: Obj = {};
  if (p.versioned) inputs['parameters'] = [{ name: 'version' }, { name: 'token' }];
  if (source === 'git') inputs['artifacts'] = [{ name: 'source', path: SRC, git: { repo: wp('git-url'), revision: wp('git-revision') } }];
  return inputs;
}

/** The build of one Windows version: rootless BuildKit, or crane (after BuildKit's prepare export). */
function buildTemplate(p: PipelineModel, name: string, source: Source | undefined): Obj {
  const r = refs(p);
  const volumes: Obj[] = [{ name: 'buildkitd', emptyDir: {} }];
  const sourceMount = source === 'volume' ? [{ name: 'source', mountPath: SRC, readOnly: true }] : [];
  if (source === 'volume') volumes.push({ name: 'source', persistentVolumeClaim: { claimName: wp('context-pvc'), readOnly: true } });
  const t: Obj = { name, nodeSelector: { ...LINUX } };
  const inputs = sourceInputs(p, source);
  if (Object.keys(inputs).length > 0) t['inputs'] = inputs;
  const buildkitContainer = (extra: Obj) => ({
    image: IMAGES.buildkit,
    ...extra,
    securityContext: { ...BUILDKIT_SECURITY },
    volumeMounts: [{ name: 'buildkitd', mountPath: BUILDKIT_STATE }, REGISTRY_MOUNT, ...sourceMount],
  });
  if (p.engine === 'buildkit') {
    t['volumes'] = volumes;
    t['container'] = buildkitContainer({
      command: ['buildctl-daemonless.sh'],
      args: buildctlArgs(p, r),
      env: envPairs([
        ['BUILDKITD_FLAGS', BUILDKITD_FLAGS],
        ['DOCKER_CONFIG', DOCKER_CONFIG],
      ]),
    });
    return t;
  }
  const craneEnv: [string, string][] = [
    ['IMAGE', wp('image')],
    ['TAG', wp('tag')],
    ['BASE', p.deps?.use === 'base' ? wp('deps-image') : craneBase(p)],
    ...(p.versioned ? ([['VERSION', ip('version')], ['TOKEN', ip('token')]] as [string, string][]) : []),
    ['WORK', WORK],
    ['DOCKER_CONFIG', DOCKER_CONFIG],
  ];
  const crane = {
    image: IMAGES.crane,
    command: ['/busybox/sh', '-c'],
    args: [craneAssembleScript(p)],
    env: envPairs(craneEnv),
    volumeMounts: [REGISTRY_MOUNT],
  };
  if (!p.dockerfile) {
    // No files to add: crane mutates the base's config, in one container.
    delete t['inputs'];
    if (p.versioned) t['inputs'] = { parameters: [{ name: 'version' }, { name: 'token' }] };
    t['container'] = crane;
    return t;
  }
  volumes.push({ name: 'work', emptyDir: {} });
  t['volumes'] = volumes;
  // Input artifacts reach only the container named main (Argo's container set rule).
  const prepareEnv: [string, string][] = [
    ['BUILDKITD_FLAGS', BUILDKITD_FLAGS],
    ['DOCKER_CONFIG', DOCKER_CONFIG],
    ['CONTEXT', r.context],
    ['WORK', WORK],
    ...(p.versioned ? ([['TOKEN', ip('token')]] as [string, string][]) : []),
    ...(p.deps ? ([['DEPS_IMAGE', wp('deps-image')]] as [string, string][]) : []),
  ];
  t['containerSet'] = {
    volumeMounts: [{ name: 'work', mountPath: WORK }],
    containers: [
      { name: 'main', ...buildkitContainer({ command: ['/bin/sh', '-c'], args: [cranePrepareScript(p)], env: envPairs(prepareEnv) }) },
      { name: 'crane', ...crane, dependencies: ['main'] },
    ],
  };
  return t;
}

function publishTemplate(): Obj {
  return {
    name: 'publish',
    nodeSelector: { ...LINUX },
    container: {
      image: IMAGES.crane,
      command: ['/busybox/sh', '-c'],
      args: [''],
      env: envPairs([
        ['IMAGE', wp('image')],
        ['TAG', wp('tag')],
        ['DOCKER_CONFIG', DOCKER_CONFIG],
      ]),
      volumeMounts: [REGISTRY_MOUNT],
    },
  };
}

function smokeTemplate(p: PipelineModel): Obj {
  const s = p.smokeTest as NonNullable<PipelineModel['smokeTest']>;
  return {
    name: 'smoke-test',
    nodeSelector: { ...WINDOWS },
    securityContext: { windowsOptions: { runAsUserName: s.user } },
    container: {
      image: `${wp('image')}:${wp('tag')}`,
      command: ['cmd', '/S', '/C', s.command],
    },
  };
}

/** The Argo Workflow object (exported for tests). */
export function argoWorkflow(p: PipelineModel): Obj {
  const items = p.versions.map((v) => ({ version: v.id, token: v.token }));
  const fanOut = (task: Obj): Obj =>
    p.versioned
      ? {
          ...task,
          arguments: {
            parameters: [
              { name: 'version', value: '{{item.version}}' },
              { name: 'token', value: '{{item.token}}' },
            ],
          },
          withItems: items,
        }
      : task;
  const tasks: Obj[] = [];
  const templates: Obj[] = [];
  let built: string;
  if (needsSource(p)) {
    tasks.push(fanOut({ name: 'build-from-git', template: 'build-from-git', when: `'${wp('git-url')}' != ''` }));
    tasks.push(fanOut({ name: 'build-from-volume', template: 'build-from-volume', when: `'${wp('git-url')}' == ''` }));
    templates.push(buildTemplate(p, 'build-from-git', 'git'), buildTemplate(p, 'build-from-volume', 'volume'));
    built = 'build-from-git && build-from-volume';
  } else {
    tasks.push(fanOut({ name: 'build', template: 'build' }));
    templates.push(buildTemplate(p, 'build', undefined));
    built = 'build';
  }
  let last = built;
  if (p.versioned) {
    tasks.push({ name: 'publish', template: 'publish', depends: built });
    const t = publishTemplate();
    ((t['container'] as Obj)['args'] as string[])[0] = publishScript(p);
    templates.push(t);
    last = 'publish';
  }
  if (p.smokeTest) {
    tasks.push({ name: 'smoke-test', template: 'smoke-test', depends: last });
    templates.push(smokeTemplate(p));
  }
  const spec: Obj = {
    entrypoint: 'main',
    arguments: { parameters: p.params.map((x) => ({ name: x.name, value: x.value, description: x.description })) },
    volumes: [REGISTRY_VOLUME],
  };
  // The Windows node pulls the published image with the same credentials.
  if (p.smokeTest) spec['imagePullSecrets'] = [{ name: REGISTRY_SECRET }];
  spec['templates'] = [{ name: 'main', dag: { tasks } }, ...templates];
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: `${p.name}-windows-` }, spec };
}

/** The pipeline as YAML with its header comment (values never pasted into YAML text: the yaml package writes them). */
export function pipelineYaml(object: Obj, header: string[]): string {
  const doc = new Document(object, { aliasDuplicateObjects: false });
  if (header.length > 0) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/**
 * `winfile convert --to argo`: an Argo Workflow that builds the converted image on Linux nodes
 * for every Windows version in parallel, publishes one tag for all of them, and optionally runs a
 * smoke test on a Windows node. The converted Dockerfile (or Dockerfile.prepare) is written next
 * to it and must be committed there.
 */
export function emitArgo(plan: BuildPlan, ctx: EmitContext): Emitted {
  const p = pipelineModel(plan, ctx, 'argo');
  const header = [...p.header, `Submit: argo submit workflow.yaml -p image=REGISTRY/REPO -p git-url=URL -p git-revision=REV${p.deps ? ' -p deps-image=REGISTRY/REPO-deps' : ''}`];
  const out: Emitted = { primary: pipelineYaml(argoWorkflow(p), header), extras: p.extras };
  if (p.notes.length > 0) out.notes = p.notes;
  return out;
}
