import type { BuildPlan } from '../plan/types.ts';
import { pipelineYaml } from './argo.ts';
import { buildctlArgs, type SourceRefs } from './pipeline-buildctl.ts';
import { craneAssembleScript, cranePrepareScript, publishScript } from './pipeline-crane.ts';
import {
  BUILDKIT_SECURITY,
  BUILDKIT_STATE,
  BUILDKITD_FLAGS,
  buildParamNames,
  CLONE_SCRIPT,
  craneBase,
  DOCKER_CONFIG,
  envPairs,
  IMAGES,
  LINUX,
  needsSource,
  pipelineModel,
  type PipelineModel,
  type PipelineVersion,
  REGISTRY_MOUNT,
  REGISTRY_SECRET,
  REGISTRY_VOLUME,
  runParams,
  SRC,
  type Obj,
  WINDOWS,
  WORK,
} from './pipeline-model.ts';
import type { EmitContext, Emitted } from './types.ts';

// Plain Kubernetes, for clusters without Argo or Tekton: a ConfigMap with the values a run needs,
// one Job per Windows version, a Job that publishes the multi-version tag, and a smoke-test Job
// on a Windows node. Kubernetes has no step ordering, so the header gives the kubectl commands
// that apply each step after the previous one completed; Job names are fixed for `kubectl wait`.

const STEP = 'winfile.dev/step';

/** The parameter `git-url` as the ConfigMap key GIT_URL. */
const key = (param: string) => param.toUpperCase().replaceAll('-', '_');

/** Values from the ConfigMap arrive as environment variables, which Kubernetes expands in args as $(NAME). */
function fromConfig(config: string, params: string[]): Obj[] {
  return params.map((p) => ({ name: key(p), valueFrom: { configMapKeyRef: { name: config, key: key(p) } } }));
}

function labels(p: PipelineModel, step: string): Record<string, string> {
  return { 'app.kubernetes.io/name': `${p.name}-windows`, 'app.kubernetes.io/managed-by': 'winfile', [STEP]: step };
}

function job(p: PipelineModel, name: string, step: string, spec: Obj): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: labels(p, step) },
    spec: { backoffLimit: 1, template: { metadata: { labels: labels(p, step) }, spec: { restartPolicy: 'Never', ...spec } } },
  };
}

function cloneContainer(config: string): Obj {
  return {
    name: 'fetch-source',
    image: IMAGES.git,
    command: ['/bin/sh', '-c', CLONE_SCRIPT],
    workingDir: SRC,
    env: [
      { name: 'URL', valueFrom: { configMapKeyRef: { name: config, key: key('git-url') } } },
      { name: 'REVISION', valueFrom: { configMapKeyRef: { name: config, key: key('git-revision') } } },
    ],
    volumeMounts: [{ name: 'source', mountPath: SRC }],
  };
}

function buildJob(p: PipelineModel, config: string, v: PipelineVersion): Obj {
  const env = [...fromConfig(config, buildParamNames(p)), ...envPairs([['DOCKER_CONFIG', DOCKER_CONFIG]])];
  const volumes: Obj[] = [REGISTRY_VOLUME];
  const initContainers: Obj[] = [];
  if (needsSource(p)) {
    volumes.push({ name: 'source', emptyDir: {} });
    initContainers.push(cloneContainer(config));
  }
  const buildkit = (name: string, extra: Obj): Obj => ({
    name,
    image: IMAGES.buildkit,
    ...extra,
    securityContext: { ...BUILDKIT_SECURITY },
    volumeMounts: [{ name: 'buildkitd', mountPath: BUILDKIT_STATE }, REGISTRY_MOUNT, { name: 'source', mountPath: SRC, readOnly: true }, ...(extra['volumeMounts'] as Obj[] | undefined ?? [])],
  });
  const spec: Obj = { nodeSelector: { ...LINUX } };
  const versioned: [string, string][] = p.versioned ? [['VERSION', v.id], ['TOKEN', v.token]] : [];
  if (p.engine === 'buildkit') {
    volumes.push({ name: 'buildkitd', emptyDir: {} });
    const refs: SourceRefs = { context: `${SRC}/$(CONTEXT_DIR)`, image: '$(IMAGE)', tag: '$(TAG)', version: v.id, token: v.token, deps: '$(DEPS_IMAGE)', versioned: p.versioned };
    spec['initContainers'] = initContainers;
    spec['containers'] = [buildkit('build', { command: ['buildctl-daemonless.sh'], args: buildctlArgs(p, refs), env: [...env, ...envPairs([['BUILDKITD_FLAGS', BUILDKITD_FLAGS]])] })];
  } else {
    const base = p.deps?.use === 'base' ? [{ name: 'BASE', valueFrom: { configMapKeyRef: { name: config, key: 'DEPS_IMAGE' } } }] : envPairs([['BASE', craneBase(p)]]);
    const crane: Obj = {
      name: 'assemble',
      image: IMAGES.crane,
      command: ['/busybox/sh', '-c', craneAssembleScript(p)],
      env: [...fromConfig(config, ['image', 'tag']), ...base, ...envPairs([...versioned, ['WORK', WORK], ['DOCKER_CONFIG', DOCKER_CONFIG]])],
      volumeMounts: [REGISTRY_MOUNT, ...(p.dockerfile ? [{ name: 'work', mountPath: WORK }] : [])],
    };
    if (p.dockerfile) {
      // The files of the image come first: rootless BuildKit exports the prepare stage to $WORK.
      volumes.push({ name: 'buildkitd', emptyDir: {} }, { name: 'work', emptyDir: {} });
      initContainers.push(
        buildkit('prepare', {
          command: ['/bin/sh', '-c', cranePrepareScript(p)],
          env: [...env, ...envPairs([['BUILDKITD_FLAGS', BUILDKITD_FLAGS], ['CONTEXT', `${SRC}/$(CONTEXT_DIR)`], ['WORK', WORK], ...(p.versioned ? ([['TOKEN', v.token]] as [string, string][]) : [])])],
          volumeMounts: [{ name: 'work', mountPath: WORK }],
        }),
      );
    }
    if (initContainers.length > 0) spec['initContainers'] = initContainers;
    spec['containers'] = [crane];
  }
  spec['volumes'] = volumes;
  return job(p, `${p.name}-windows-build-${v.id}`, 'build', spec);
}

function publishJob(p: PipelineModel, config: string): Obj {
  return job(p, `${p.name}-windows-publish`, 'publish', {
    nodeSelector: { ...LINUX },
    containers: [
      {
        name: 'publish',
        image: IMAGES.crane,
        command: ['/busybox/sh', '-c', publishScript(p)],
        env: [...fromConfig(config, ['image', 'tag']), ...envPairs([['DOCKER_CONFIG', DOCKER_CONFIG]])],
        volumeMounts: [REGISTRY_MOUNT],
      },
    ],
    volumes: [REGISTRY_VOLUME],
  });
}

/** A pod's image cannot come from a ConfigMap: the smoke test names the default, to edit with the ConfigMap. */
function smokeJob(p: PipelineModel): Obj {
  const s = p.smokeTest as NonNullable<PipelineModel['smokeTest']>;
  const image = p.params.find((x) => x.name === 'image')?.value ?? '';
  const tag = p.params.find((x) => x.name === 'tag')?.value ?? '';
  return job(p, `${p.name}-windows-smoke-test`, 'smoke-test', {
    nodeSelector: { ...WINDOWS },
    securityContext: { windowsOptions: { runAsUserName: s.user } },
    imagePullSecrets: [{ name: REGISTRY_SECRET }],
    containers: [{ name: 'smoke-test', image: `${image}:${tag}`, command: ['cmd', '/S', '/C', s.command] }],
  });
}

/** The documents, in the order they are applied (exported for tests). */
export function kubernetesObjects(p: PipelineModel): Obj[] {
  const config = `${p.name}-windows-build`;
  const data: Record<string, string> = {};
  for (const x of runParams(p)) data[key(x.name)] = x.value;
  const objects: Obj[] = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: config, labels: labels(p, 'build') }, data }];
  objects.push(...p.versions.map((v) => buildJob(p, config, v)));
  if (p.versioned) objects.push(publishJob(p, config));
  if (p.smokeTest) objects.push(smokeJob(p));
  return objects;
}

/** The kubectl commands that run the steps in order. */
function runCommands(p: PipelineModel, file: string): string[] {
  const app = `app.kubernetes.io/name=${p.name}-windows`;
  const steps = ['build', ...(p.versioned ? ['publish'] : []), ...(p.smokeTest ? ['smoke-test'] : [])];
  const out = [`Run (edit the ConfigMap values first${p.smokeTest ? ", and the smoke test's image to match them" : ''}; delete the Jobs of an earlier run: kubectl delete job -l ${app}):`];
  for (const step of steps) {
    out.push(`  kubectl apply -f ${file} -l ${app},${STEP}=${step}`);
    out.push(`  kubectl wait --for=condition=complete --timeout=2h job -l ${app},${STEP}=${step}`);
  }
  return out;
}

/**
 * `winfile convert --to kubernetes`: the pipeline as plain Kubernetes objects (a ConfigMap and
 * Jobs), for clusters without Argo Workflows or Tekton.
 */
export function emitKubernetes(plan: BuildPlan, ctx: EmitContext): Emitted {
  const p = pipelineModel(plan, ctx, 'kubernetes');
  const file = ctx.outputName.split('/').pop() ?? ctx.outputName;
  const text = kubernetesObjects(p)
    .map((o, i) => pipelineYaml(o, i === 0 ? [...p.header, ...runCommands(p, file)] : []))
    .join('---\n');
  const out: Emitted = { primary: text, extras: p.extras };
  if (p.notes.length > 0) out.notes = p.notes;
  return out;
}
