import type { BuildPlan } from '../plan/types.ts';
import { pipelineYaml } from './argo.ts';
import { buildctlArgs } from './pipeline-buildctl.ts';
import { craneAssembleScript, cranePrepareScript, publishScript } from './pipeline-crane.ts';
import { BUILDKIT_SECURITY, BUILDKIT_STATE, BUILDKITD_FLAGS, buildParamNames, CLONE_SCRIPT, envPairs, IMAGES, LINUX, needsSource, type Obj, pipelineModel, type PipelineModel, REGISTRY_SECRET, REGISTRY_VOLUME, runParams, WINDOWS, WORK } from './pipeline-model.ts';
import type { EmitContext, Emitted } from './types.ts';

const pp = (name: string) => `$(params.${name})`;
const DOCKER_CONFIG = '$(workspaces.registry-auth.path)';
const CONTEXT = '$(workspaces.source.path)/$(params.context-dir)';

/** Pipeline parameters a task takes from the pipeline, by the same names. */
function passParams(names: string[]): Obj[] {
  return names.map((n) => ({ name: n, value: pp(n) }));
}
function declareParams(names: string[]): Obj[] {
  return names.map((n) => ({ name: n, type: 'string' }));
}

function cloneTask(): Obj {
  return {
    name: 'fetch-source',
    // An empty git-url skips this: the source workspace is used as it is (bound to your volume).
    when: [{ input: pp('git-url'), operator: 'notin', values: [''] }],
    params: [
      { name: 'url', value: pp('git-url') },
      { name: 'revision', value: pp('git-revision') },
    ],
    workspaces: [{ name: 'source', workspace: 'source' }],
    taskSpec: {
      params: declareParams(['url', 'revision']),
      workspaces: [{ name: 'source' }],
      steps: [
        {
          name: 'clone',
          image: IMAGES.git,
          workingDir: '$(workspaces.source.path)',
          env: envPairs([
            ['URL', pp('url')],
            ['REVISION', pp('revision')],
          ]),
          script: CLONE_SCRIPT,
        },
      ],
    },
  };
}

function buildTask(p: PipelineModel, after: string[]): Obj {
  const source = needsSource(p);
  const shared = buildParamNames(p);
  const own = p.versioned ? ['version', 'token'] : [];
  const workspaces: Obj[] = [{ name: 'registry-auth', readOnly: true }];
  if (source) workspaces.unshift({ name: 'source', readOnly: true });
  const steps: Obj[] = [];
  const volumes: Obj[] = [];
  const buildkitStep = (name: string, extra: Obj): Obj => ({
    name,
    image: IMAGES.buildkit,
    ...extra,
    securityContext: { ...BUILDKIT_SECURITY },
    volumeMounts: [{ name: 'buildkitd', mountPath: BUILDKIT_STATE }, ...(p.engine === 'crane' ? [{ name: 'work', mountPath: WORK }] : [])],
  });
  if (source) volumes.push({ name: 'buildkitd', emptyDir: {} });
  if (p.engine === 'buildkit') {
    steps.push(
      buildkitStep('build', {
        command: ['buildctl-daemonless.sh'],
        args: buildctlArgs(p, { context: CONTEXT, image: pp('image'), tag: pp('tag'), version: pp('version'), token: pp('token'), deps: pp('deps-image'), versioned: p.versioned }),
        env: envPairs([
          ['BUILDKITD_FLAGS', BUILDKITD_FLAGS],
          ['DOCKER_CONFIG', DOCKER_CONFIG],
        ]),
      }),
    );
  } else {
    if (p.dockerfile) {
      volumes.push({ name: 'work', emptyDir: {} });
      steps.push(
        buildkitStep('prepare', {
          env: envPairs([
            ['BUILDKITD_FLAGS', BUILDKITD_FLAGS],
            ['DOCKER_CONFIG', DOCKER_CONFIG],
            ['CONTEXT', CONTEXT],
            ['WORK', WORK],
            ...(p.versioned ? ([['TOKEN', pp('token')]] as [string, string][]) : []),
            ...(p.deps ? ([['DEPS_IMAGE', pp('deps-image')]] as [string, string][]) : []),
          ]),
          script: `#!/bin/sh\n${cranePrepareScript(p)}`,
        }),
      );
    }
    const b = p.crane?.base;
    const base = p.deps?.use === 'base' ? pp('deps-image') : b ? (b.versioned ? b.repo : b.image) : '';
    const step: Obj = {
      name: 'assemble',
      image: IMAGES.crane,
      env: envPairs([
        ['IMAGE', pp('image')],
        ['TAG', pp('tag')],
        ['BASE', base],
        ...(p.versioned ? ([['VERSION', pp('version')], ['TOKEN', pp('token')]] as [string, string][]) : []),
        ['WORK', WORK],
        ['DOCKER_CONFIG', DOCKER_CONFIG],
      ]),
      script: `#!/busybox/sh\n${craneAssembleScript(p)}`,
    };
    if (p.dockerfile) step['volumeMounts'] = [{ name: 'work', mountPath: WORK }];
    steps.push(step);
  }
  const taskSpec: Obj = { params: declareParams([...own, ...shared]), workspaces, steps };
  if (volumes.length > 0) taskSpec['volumes'] = volumes;
  const task: Obj = { name: 'build' };
  if (after.length > 0) task['runAfter'] = after;
  if (p.versioned) {
    task['matrix'] = {
      include: p.versions.map((v) => ({
        name: v.id,
        params: [
          { name: 'version', value: v.id },
          { name: 'token', value: v.token },
        ],
      })),
    };
  }
  task['params'] = passParams(shared);
  task['workspaces'] = workspaces.map((w) => ({ name: w['name'], workspace: w['name'] }));
  task['taskSpec'] = taskSpec;
  return task;
}

function publishTask(p: PipelineModel): Obj {
  return {
    name: 'publish',
    runAfter: ['build'],
    params: passParams(['image', 'tag']),
    workspaces: [{ name: 'registry-auth', workspace: 'registry-auth' }],
    taskSpec: {
      params: declareParams(['image', 'tag']),
      workspaces: [{ name: 'registry-auth', readOnly: true }],
      steps: [
        {
          name: 'index',
          image: IMAGES.crane,
          env: envPairs([
            ['IMAGE', pp('image')],
            ['TAG', pp('tag')],
            ['DOCKER_CONFIG', DOCKER_CONFIG],
          ]),
          script: `#!/busybox/sh\n${publishScript(p)}`,
        },
      ],
    },
  };
}

function smokeTask(p: PipelineModel, after: string): Obj {
  const s = p.smokeTest as NonNullable<PipelineModel['smokeTest']>;
  return {
    name: 'smoke-test',
    runAfter: [after],
    params: passParams(['image', 'tag']),
    taskSpec: {
      params: declareParams(['image', 'tag']),
      steps: [{ name: 'run', image: `${pp('image')}:${pp('tag')}`, command: ['cmd', '/S', '/C', s.command] }],
    },
  };
}

/** The Tekton v1 PipelineRun object (exported for tests). */
export function tektonPipelineRun(p: PipelineModel): Obj {
  const source = needsSource(p);
  const tasks: Obj[] = [];
  const runSpecs: Obj[] = [];
  const linux = (name: string, extra: Obj = {}) => runSpecs.push({ pipelineTaskName: name, podTemplate: { nodeSelector: { ...LINUX }, ...extra } });
  if (source) {
    tasks.push(cloneTask());
    linux('fetch-source');
  }
  tasks.push(buildTask(p, source ? ['fetch-source'] : []));
  // fsGroup 1000: rootless BuildKit (uid 1000) can use files on the source volume.
  linux('build', source ? { securityContext: { fsGroup: 1000 } } : {});
  let last = 'build';
  if (p.versioned) {
    tasks.push(publishTask(p));
    linux('publish');
    last = 'publish';
  }
  if (p.smokeTest) {
    tasks.push(smokeTask(p, last));
    runSpecs.push({
      pipelineTaskName: 'smoke-test',
      podTemplate: {
        nodeSelector: { ...WINDOWS },
        securityContext: { windowsOptions: { runAsUserName: p.smokeTest.user } },
        imagePullSecrets: [{ name: REGISTRY_SECRET }],
      },
    });
  }
  const params = runParams(p);
  const pipelineWorkspaces: Obj[] = [];
  const bindings: Obj[] = [];
  if (source) {
    pipelineWorkspaces.push({ name: 'source', description: 'The repository: cloned here from git-url, or your volume with it when git-url is empty.' });
    bindings.push({ name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
  }
  pipelineWorkspaces.push({ name: 'registry-auth', description: `A kubernetes.io/dockerconfigjson secret, mounted as config.json (DOCKER_CONFIG).` });
  bindings.push(REGISTRY_VOLUME);
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { generateName: `${p.name}-windows-` },
    spec: {
      params: params.map((x) => ({ name: x.name, value: x.value })),
      pipelineSpec: {
        params: params.map((x) => ({ name: x.name, type: 'string', description: x.description, default: x.value })),
        workspaces: pipelineWorkspaces,
        tasks,
      },
      taskRunSpecs: runSpecs,
      workspaces: bindings,
    },
  };
}

/**
 * `winfile convert --to tekton`: a Tekton v1 PipelineRun (inline Pipeline and Tasks) that clones
 * the repository, builds every Windows version in parallel (a matrix) on Linux nodes with
 * rootless BuildKit or crane, publishes one tag for all of them, and optionally runs a smoke test
 * on a Windows node (taskRunSpecs[].podTemplate).
 */
export function emitTekton(plan: BuildPlan, ctx: EmitContext): Emitted {
  const p = pipelineModel(plan, ctx, 'tekton');
  const header = [...p.header, 'Run: kubectl create -f pipelinerun.yaml (generateName: create, not apply); change the params below or the source workspace binding first.'];
  const out: Emitted = { primary: pipelineYaml(tektonPipelineRun(p), header), extras: p.extras };
  if (p.notes.length > 0) out.notes = p.notes;
  return out;
}
