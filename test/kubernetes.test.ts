import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitKubernetes, kubernetesObjects } from '../src/emit/kubernetes.ts';
import { pipelineModel } from '../src/emit/pipeline-model.ts';
import { cli } from './helpers/cli.ts';
import { DEPS_SAMPLES, ROOT, SAMPLE_NAMES, VERSIONS } from './harness/cases.ts';
import { ctxFor, PIPELINE_VARIANTS, planOf } from './helpers/convert.ts';
import { golden, scratchDirs } from './helpers/files.ts';

// UPDATE_GOLDEN=1 npx vitest run test/kubernetes.test.ts rewrites samples/*/jobs.yaml and
// samples/*/deps/jobs.yaml after a deliberate change.
const JOB_SCHEMA = join(ROOT, '..', 'shared', 'schemas', 'kubernetes-v1.32.2', 'job-batch-v1.json');
const HAVE_SCHEMA = existsSync(JOB_SCHEMA);
const freshDir = scratchDirs('winfile-kubernetes-');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked by the assertions
type Obj = Record<string, any>;

let validateJob: ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
function docs(text: string, label: string): Obj[] {
  const all = parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[];
  for (const d of all) expect(d.errors.map((e) => e.message), label).toEqual([]);
  return all.map((d) => (d as { toJS(): unknown }).toJS() as Obj);
}

/** Every Job valid against Kubernetes' own strict schema; the ConfigMap holds strings only. */
function expectValid(text: string, label: string): Obj[] {
  const objects = docs(text, label);
  if (HAVE_SCHEMA) {
    if (!validateJob) {
      const ajv = new AjvModule.default({ strict: false, allErrors: true });
      addFormats.default(ajv);
      validateJob = ajv.compile(JSON.parse(readFileSync(JOB_SCHEMA, 'utf8')));
    }
    for (const o of objects.filter((x) => x.kind === 'Job')) {
      const ok = validateJob(o);
      expect(ok ? [] : (validateJob.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`), `${label} ${o.metadata.name}`).toEqual([]);
    }
  }
  const config = objects[0] as Obj;
  expect([config.apiVersion, config.kind], label).toEqual(['v1', 'ConfigMap']);
  expect(Object.values(config.data).every((v) => typeof v === 'string'), label).toBe(true);
  return objects;
}

/** Kubernetes expands $(NAME) in command and args only from the container's own env; anything else stays literal. */
function unexpandable(objects: Obj[]): string[] {
  const out: string[] = [];
  for (const o of objects.filter((x) => x.kind === 'Job')) {
    const spec = o.spec.template.spec;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      const names = new Set((c.env ?? []).map((e: Obj) => e.name));
      for (const word of [...(c.command ?? []), ...(c.args ?? [])] as string[]) {
        for (const m of word.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) if (!names.has(m[1])) out.push(`${o.metadata.name}/${c.name}: $(${m[1]})`);
      }
      const before = new Set<string>();
      for (const e of c.env ?? []) {
        // In an env value, only variables defined earlier in the list expand.
        for (const m of String(e.value ?? '').matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) if (!before.has(m[1] as string)) out.push(`${o.metadata.name}/${c.name}: ${e.name}=$(${m[1]})`);
        before.add(e.name);
        const ref = e.valueFrom?.configMapKeyRef;
        if (ref && !(ref.key in (objects[0] as Obj).data)) out.push(`${o.metadata.name}/${c.name}: ConfigMap key ${ref.key}`);
      }
    }
  }
  return out;
}

describe('convert --to kubernetes: bundled samples match their golden files', () => {
  for (const name of SAMPLE_NAMES) {
    it(`${name}: jobs.yaml`, () => {
      const file = `samples/${name}/Dockerfile`;
      const out = emitKubernetes(planOf(file, false), ctxFor(file, `samples/${name}/jobs.yaml`));
      golden(join(ROOT, 'samples', name, 'jobs.yaml'), out.primary);
      expect(out.extras.find((e) => e.name === 'Dockerfile.cross')?.content).toBe(readFileSync(join(ROOT, 'samples', name, 'Dockerfile.cross'), 'utf8'));
      expect(unexpandable(expectValid(out.primary, name))).toEqual([]);
    });
  }
  for (const name of DEPS_SAMPLES) {
    it(`${name} --deps: deps/jobs.yaml builds on the dependency image, with a smoke test`, () => {
      const file = `samples/${name}/Dockerfile`;
      const out = emitKubernetes(planOf(file, true), ctxFor(file, `samples/${name}/deps/jobs.yaml`, { windowsVersions: VERSIONS, smokeTest: 'ver' }));
      golden(join(ROOT, 'samples', name, 'deps', 'jobs.yaml'), out.primary);
      expect(out.extras.find((e) => e.name === 'Dockerfile.deps')?.content).toBe(readFileSync(join(ROOT, 'samples', name, 'deps', 'Dockerfile.deps'), 'utf8'));
      expect(unexpandable(expectValid(out.primary, name))).toEqual([]);
    });
  }
});

describe('every sample, every variant: the CLI writes Jobs that validate and reference only what they define', () => {
  for (const name of SAMPLE_NAMES) {
    it(name, async () => {
      for (const args of PIPELINE_VARIANTS) {
        const dir = freshDir();
        const out = join(dir, 'jobs.yaml');
        const r = await cli(['convert', '--to', 'kubernetes', ...args, `samples/${name}/Dockerfile`, '-o', out], { cwd: ROOT });
        const label = `${name} ${args.join(' ')}`;
        expect([0, 1], `${label}: ${r.stderr}`).toContain(r.code);
        expect(unexpandable(expectValid(readFileSync(out, 'utf8'), label)), label).toEqual([]);
        expect(readdirSync(dir).includes('Dockerfile.cross'), label).toBe(!args.includes('crane'));
      }
    });
  }
});

describe('what the Jobs do', () => {
  const objects = () => kubernetesObjects(pipelineModel(planOf('samples/msi-install/Dockerfile', true), ctxFor('samples/msi-install/Dockerfile', 'samples/msi-install/deps/jobs.yaml', { windowsVersions: VERSIONS, smokeTest: 'node --version' }), 'kubernetes')) as Obj[];

  it('one build Job per Windows version on Linux, a publish Job, a smoke-test Job on Windows, each labelled with its step', () => {
    const o = objects();
    expect(o.map((x) => [x.kind, x.metadata.name, x.metadata.labels['winfile.dev/step']])).toEqual([
      ['ConfigMap', 'msi-install-windows-build', 'build'],
      ['Job', 'msi-install-windows-build-ltsc2019', 'build'],
      ['Job', 'msi-install-windows-build-ltsc2022', 'build'],
      ['Job', 'msi-install-windows-build-ltsc2025', 'build'],
      ['Job', 'msi-install-windows-publish', 'publish'],
      ['Job', 'msi-install-windows-smoke-test', 'smoke-test'],
    ]);
    expect(o[0]?.data).toEqual({
      IMAGE: 'registry.example.com/team/app',
      TAG: 'latest',
      GIT_URL: 'https://git.example.com/team/app.git',
      GIT_REVISION: 'main',
      CONTEXT_DIR: 'samples/msi-install',
      DEPS_IMAGE: 'registry.example.com/team/app-deps',
    });
    const build = o[2]?.spec.template.spec;
    expect(build.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(build.initContainers.map((c: Obj) => [c.name, c.image])).toEqual([['fetch-source', 'alpine/git:2.45.2']]);
    const c = build.containers[0];
    expect([...c.command, ...c.args].join(' ')).toBe(
      'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=/workspace/src/$(CONTEXT_DIR) --local dockerfile=/workspace/src/$(CONTEXT_DIR)/deps ' +
        '--opt filename=Dockerfile.cross --opt platform=windows/amd64 --opt build-arg:WINDOWS_VERSION=ltsc2022 --opt build-arg:DEPS_IMAGE=$(DEPS_IMAGE) ' +
        '--output type=image,name=$(IMAGE):$(TAG)-ltsc2022,push=true,oci-mediatypes=true',
    );
    expect(c.securityContext).toEqual({ seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' }, runAsUser: 1000, runAsGroup: 1000 });
    const publish = o[4]?.spec.template.spec.containers[0];
    expect(publish.command.slice(0, 2)).toEqual(['/busybox/sh', '-c']);
    expect(publish.command[2].replaceAll(' \\\n ', '')).toContain('crane index append -m "${IMAGE}:${TAG}-ltsc2019" -m "${IMAGE}:${TAG}-ltsc2022" -m "${IMAGE}:${TAG}-ltsc2025" -t "${IMAGE}:${TAG}"');
    const smoke = o[5]?.spec.template.spec;
    expect(smoke).toEqual({
      restartPolicy: 'Never',
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      imagePullSecrets: [{ name: 'registry-credentials' }],
      containers: [{ name: 'smoke-test', image: 'registry.example.com/team/app:latest', command: ['cmd', '/S', '/C', 'node --version'] }],
    });
  });

  it('with crane: BuildKit exports the files in an init container, crane assembles them from the shared emptyDir', () => {
    const p = pipelineModel(planOf('samples/go-service/Dockerfile', false), ctxFor('samples/go-service/Dockerfile', 'samples/go-service/jobs.yaml', { engine: 'crane', windowsVersions: ['ltsc2019', 'ltsc2025'] }), 'kubernetes');
    const spec = (kubernetesObjects(p)[1] as Obj).spec.template.spec;
    expect(spec.initContainers.map((c: Obj) => c.name)).toEqual(['fetch-source', 'prepare']);
    expect(spec.containers.map((c: Obj) => [c.name, c.image])).toEqual([['assemble', 'gcr.io/go-containerregistry/crane:debug']]);
    expect(spec.containers[0].env.filter((e: Obj) => 'value' in e)).toEqual([
      { name: 'BASE', value: 'mcr.microsoft.com/windows/nanoserver' },
      { name: 'VERSION', value: 'ltsc2019' },
      { name: 'TOKEN', value: '1809' },
      { name: 'WORK', value: '/work' },
      { name: 'DOCKER_CONFIG', value: '/docker-config' },
    ]);
    expect(spec.volumes.map((v: Obj) => v.name)).toEqual(['registry-auth', 'source', 'buildkitd', 'work']);
  });

  it('without per-version tags there is nothing to publish: build, then smoke test', async () => {
    const dir = join(freshDir(), 'shop');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mcr.microsoft.com/dotnet/framework/runtime:4.8\nCOPY app.exe /app/\nCMD ["C:\\\\app\\\\app.exe"]\n');
    const r = await cli(['convert', '--to', 'kubernetes', '--smoke-test', 'ver', join(dir, 'Dockerfile'), '-o', join(dir, 'jobs.yaml')]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'jobs.yaml'), 'utf8');
    expect(docs(text, 'unversioned').map((x) => [x.kind, x.metadata.name])).toEqual([
      ['ConfigMap', 'shop-windows-build'],
      ['Job', 'shop-windows-build-default'],
      ['Job', 'shop-windows-smoke-test'],
    ]);
    expect(text).not.toContain('step=publish');
  });
});
