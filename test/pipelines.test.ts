import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import AjvModule from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { golden, scratchDirs } from './helpers/files.ts';
import { argoWorkflow, emitArgo } from '../src/emit/argo.ts';
import { craneAssembleScript, cranePrepareScript, publishScript } from '../src/emit/pipeline-crane.ts';
import { pipelineModel, type PipelineModel } from '../src/emit/pipeline-model.ts';
import { emitTekton, tektonPipelineRun } from '../src/emit/tekton.ts';
import type { Emitted } from '../src/emit/types.ts';
import { cli } from './helpers/cli.ts';
import { DEPS_SAMPLES, ROOT, SAMPLE_NAMES, VERSIONS } from './harness/cases.ts';
import { ctxFor, PIPELINE_VARIANTS, planOf } from './helpers/convert.ts';

// UPDATE_GOLDEN=1 npx vitest run test/pipelines.test.ts rewrites samples/*/workflow.yaml,
// samples/*/pipelinerun.yaml and samples/*/deps/ after a deliberate change.
const SMOKE: Record<string, string> = { 'iis-site': 'dir C:\\sites\\shop', 'msi-install': 'node --version' };

const freshDir = scratchDirs('winfile-pipelines-');


// ---- Schema validation with the setup of ../shared/schemas/validate.mjs -----------------------
const SCHEMAS = join(ROOT, '..', 'shared', 'schemas');
const ARGO_SCHEMA = join(SCHEMAS, 'argo-workflows-v4.1.2.schema.json');
const TEKTON_SCHEMA = join(SCHEMAS, 'tekton-pipelines-v1.15.0.schema.json');
const HAVE_SCHEMAS = existsSync(ARGO_SCHEMA) && existsSync(TEKTON_SCHEMA);
if (!HAVE_SCHEMAS) console.log(`Argo/Tekton schema validation skipped: ${SCHEMAS} not found (../shared is not checked out)`);

type Schema = Record<string, unknown>;
/** validate.mjs --strict: additionalProperties:false on every object schema that lists properties. */
function closeObjects(s: unknown): void {
  if (!s || typeof s !== 'object') return;
  if (Array.isArray(s)) return s.forEach(closeObjects);
  const o = s as Schema;
  if (o['properties'] && !('additionalProperties' in o)) o['additionalProperties'] = false;
  for (const k of ['properties', 'definitions', '$defs', 'patternProperties']) Object.values((o[k] as Schema | undefined) ?? {}).forEach(closeObjects);
  for (const k of ['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']) closeObjects(o[k]);
}
type Validate = ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: unknown }[] | null };
let validators: { argo: Validate; tekton: Validate } | undefined;
function schemaValidators(): { argo: Validate; tekton: Validate } {
  if (validators) return validators;
  // Argo: Ajv2020, IntOrString widened to integer|string, strict (closed objects).
  const a = JSON.parse(readFileSync(ARGO_SCHEMA, 'utf8'));
  a.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { type: ['integer', 'string'] };
  closeObjects(a);
  const ajvA = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajvA);
  ajvA.addSchema(a);
  // Tekton: the composed v1 schema with the default (draft-07) Ajv.
  const t = JSON.parse(readFileSync(TEKTON_SCHEMA, 'utf8'));
  const ajvT = new AjvModule.default({ strict: false, allErrors: true });
  addFormats.default(ajvT);
  ajvT.addSchema(t);
  validators = {
    argo: ajvA.getSchema(`${a.$id}#/definitions/io.argoproj.workflow.v1alpha1.Workflow`) as Validate,
    tekton: ajvT.getSchema(`${t.$id}#/definitions/tekton.v1.PipelineRun`) as Validate,
  };
  return validators;
}

/** Parses YAML the way validate.mjs does (any document error fails) and validates every document. */
function expectValid(kind: 'argo' | 'tekton', text: string, label: string): void {
  const docs = parseAllDocuments(text);
  expect(Array.isArray(docs), label).toBe(true);
  for (const doc of docs as ReturnType<typeof parseAllDocuments> & unknown[]) {
    expect(doc.errors.map((e) => e.message), label).toEqual([]);
    const v = schemaValidators()[kind];
    const ok = v(doc.toJS());
    expect(ok ? [] : (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), label).toEqual([]);
  }
}

const extra = (e: Emitted, name: string) => e.extras.find((x) => x.name === name)?.content;

describe('convert --to argo / --to tekton: bundled samples match their golden files', () => {
  for (const name of SAMPLE_NAMES) {
    it(`${name}: workflow.yaml and pipelinerun.yaml, written next to the Dockerfile`, () => {
      const file = `samples/${name}/Dockerfile`;
      const plan = planOf(file, false);
      const argo = emitArgo(plan, ctxFor(file, `samples/${name}/workflow.yaml`));
      const tekton = emitTekton(plan, ctxFor(file, `samples/${name}/pipelinerun.yaml`));
      golden(join(ROOT, 'samples', name, 'workflow.yaml'), argo.primary);
      golden(join(ROOT, 'samples', name, 'pipelinerun.yaml'), tekton.primary);
      // The converted Dockerfile the pipelines read is the one --to buildkit writes there.
      expect(extra(argo, 'Dockerfile.cross')).toBe(readFileSync(join(ROOT, 'samples', name, 'Dockerfile.cross'), 'utf8'));
      expect(extra(tekton, 'Dockerfile.cross')).toBe(extra(argo, 'Dockerfile.cross'));
      if (HAVE_SCHEMAS) {
        expectValid('argo', argo.primary, `${name} workflow.yaml`);
        expectValid('tekton', tekton.primary, `${name} pipelinerun.yaml`);
      }
    });
  }
  for (const name of DEPS_SAMPLES) {
    it(`${name} --deps: deps/workflow.yaml and deps/pipelinerun.yaml build on the dependency image, with a smoke test`, () => {
      const file = `samples/${name}/Dockerfile`;
      const plan = planOf(file, true);
      const opts = { windowsVersions: VERSIONS, smokeTest: SMOKE[name] as string };
      const argo = emitArgo(plan, ctxFor(file, `samples/${name}/deps/workflow.yaml`, opts));
      const tekton = emitTekton(plan, ctxFor(file, `samples/${name}/deps/pipelinerun.yaml`, opts));
      golden(join(ROOT, 'samples', name, 'deps', 'workflow.yaml'), argo.primary);
      golden(join(ROOT, 'samples', name, 'deps', 'pipelinerun.yaml'), tekton.primary);
      // The companion files are the deps goldens (test/deps.test.ts writes them the same way).
      expect(extra(argo, 'Dockerfile.cross')).toBe(readFileSync(join(ROOT, 'samples', name, 'deps', 'Dockerfile.cross'), 'utf8'));
      expect(extra(argo, 'Dockerfile.deps')).toBe(readFileSync(join(ROOT, 'samples', name, 'deps', 'Dockerfile.deps'), 'utf8'));
      expect(extra(tekton, 'Dockerfile.deps')).toBe(extra(argo, 'Dockerfile.deps'));
      expect(argo.primary).toContain('is built separately on Windows');
      if (HAVE_SCHEMAS) {
        expectValid('argo', argo.primary, `${name} deps/workflow.yaml`);
        expectValid('tekton', tekton.primary, `${name} deps/pipelinerun.yaml`);
      }
    });
  }
});

describe.skipIf(!HAVE_SCHEMAS)('every sample, every variant: the CLI writes a pipeline that validates (Argo --strict, Tekton composed v1)', () => {
  for (const name of SAMPLE_NAMES) {
    it(name, async () => {
      for (const args of PIPELINE_VARIANTS) {
        for (const to of ['argo', 'tekton'] as const) {
          const dir = freshDir();
          const out = join(dir, to === 'argo' ? 'workflow.yaml' : 'pipelinerun.yaml');
          const r = await cli(['convert', '--to', to, ...args, `samples/${name}/Dockerfile`, '-o', out], { cwd: ROOT });
          const label = `${name} --to ${to} ${args.join(' ')}`;
          expect([0, 1], `${label}: ${r.stderr}`).toContain(r.code);
          expectValid(to, readFileSync(out, 'utf8'), label);
          const crane = args.includes('crane');
          const files = readdirSync(dir);
          expect(files.includes('Dockerfile.cross'), label).toBe(!crane);
          if (args.includes('--deps')) expect(files.includes('Dockerfile.deps'), label).toBe(DEPS_SAMPLES.includes(name));
        }
      }
    });
  }
});

describe('the CLI and the emitters agree', () => {
  it('convert --to argo/tekton -o elsewhere writes what the emitter makes for that place', async () => {
    for (const to of ['argo', 'tekton'] as const) {
      const dir = freshDir();
      const out = join(dir, to === 'argo' ? 'workflow.yaml' : 'pipelinerun.yaml');
      const r = await cli(['convert', '--to', to, '--deps', '--windows-versions', 'ltsc2019,ltsc2022', 'samples/msi-install/Dockerfile', '-o', out], { cwd: ROOT });
      expect(r.code, r.stderr).toBe(1);
      const rel = relative(ROOT, out);
      const e = (to === 'argo' ? emitArgo : emitTekton)(planOf('samples/msi-install/Dockerfile', true), ctxFor('samples/msi-install/Dockerfile', rel, { windowsVersions: ['ltsc2019', 'ltsc2022'] }));
      expect(readFileSync(out, 'utf8')).toBe(e.primary);
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile.cross', 'Dockerfile.deps', basename(out)].sort());
    }
  });

  it('without -o the companion files have nowhere to go: a usage error, nothing written', async () => {
    const r = await cli(['convert', '--to', 'argo', 'samples/go-service/Dockerfile'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Dockerfile.cross must be written next to the output: give -o FILE');
  });
});

type Obj = Record<string, any>;
const workflow = (p: PipelineModel): Obj => argoWorkflow(p);
const pipelineRun = (p: PipelineModel): Obj => tektonPipelineRun(p);
const parse = (text: string): Obj => (parseAllDocuments(text) as unknown as { toJS(): Obj }[])[0]?.toJS() ?? {};

describe('what the Argo Workflow does', () => {
  const wf = () => parse(readFileSync(join(ROOT, 'samples/msi-install/deps/workflow.yaml'), 'utf8'));

  it('builds every version in parallel on Linux with rootless BuildKit, then publishes, then smoke-tests on Windows', () => {
    const w = wf();
    const tasks = w.spec.templates[0].dag.tasks;
    expect(tasks.map((t: Obj) => [t.name, t.depends ?? t.when])).toEqual([
      ['build-from-git', "'{{workflow.parameters.git-url}}' != ''"],
      ['build-from-volume', "'{{workflow.parameters.git-url}}' == ''"],
      ['publish', 'build-from-git && build-from-volume'],
      ['smoke-test', 'publish'],
    ]);
    expect(tasks[0].withItems).toEqual(VERSIONS.map((v) => ({ version: v, token: v })));
    const build = w.spec.templates.find((t: Obj) => t.name === 'build-from-git');
    expect(build.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(build.inputs.artifacts).toEqual([{ name: 'source', path: '/workspace/src', git: { repo: '{{workflow.parameters.git-url}}', revision: '{{workflow.parameters.git-revision}}' } }]);
    expect(build.container.image).toBe('moby/buildkit:v0.32.2-rootless');
    expect(build.container.securityContext).toEqual({ seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' }, runAsUser: 1000, runAsGroup: 1000 });
    expect(build.container.env).toEqual([
      { name: 'BUILDKITD_FLAGS', value: '--oci-worker-no-process-sandbox' },
      { name: 'DOCKER_CONFIG', value: '/docker-config' },
    ]);
    expect([build.container.command, ...build.container.args].join(' ')).toBe(
      'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=/workspace/src/{{workflow.parameters.context-dir}} --local dockerfile=/workspace/src/{{workflow.parameters.context-dir}}/deps ' +
        '--opt filename=Dockerfile.cross --opt platform=windows/amd64 --opt build-arg:WINDOWS_VERSION={{inputs.parameters.token}} --opt build-arg:DEPS_IMAGE={{workflow.parameters.deps-image}} ' +
        '--output type=image,name={{workflow.parameters.image}}:{{workflow.parameters.tag}}-{{inputs.parameters.version}},push=true,oci-mediatypes=true',
    );
    expect(build.volumes).toEqual([{ name: 'buildkitd', emptyDir: {} }]);
    expect(build.container.volumeMounts).toEqual([
      { name: 'buildkitd', mountPath: '/home/user/.local/share/buildkit' },
      { name: 'registry-auth', mountPath: '/docker-config', readOnly: true },
    ]);
    expect(w.spec.volumes).toEqual([{ name: 'registry-auth', secret: { secretName: 'registry-credentials', items: [{ key: '.dockerconfigjson', path: 'config.json' }] } }]);
    const volume = w.spec.templates.find((t: Obj) => t.name === 'build-from-volume');
    expect(volume.volumes[1]).toEqual({ name: 'source', persistentVolumeClaim: { claimName: '{{workflow.parameters.context-pvc}}', readOnly: true } });
    const smoke = w.spec.templates.find((t: Obj) => t.name === 'smoke-test');
    expect(smoke).toEqual({
      name: 'smoke-test',
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      container: { image: '{{workflow.parameters.image}}:{{workflow.parameters.tag}}', command: ['cmd', '/S', '/C', 'node --version'] },
    });
    expect(w.spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    expect(w.spec.arguments.parameters.map((p: Obj) => `${p.name}=${p.value}`)).toEqual([
      'image=registry.example.com/team/app',
      'tag=latest',
      'git-url=https://git.example.com/team/app.git',
      'git-revision=main',
      'context-pvc=winfile-context',
      'context-dir=samples/msi-install',
      'deps-image=registry.example.com/team/app-deps',
    ]);
  });

  it('smoke-tests as ContainerAdministrator only when the Dockerfile makes the image run as one', () => {
    const plan = planOf('test/fixtures/convert/multi-stage.Dockerfile', false); // USER ContainerAdministrator
    const w = workflow(pipelineModel(plan, ctxFor('test/fixtures/convert/multi-stage.Dockerfile', 'test/fixtures/convert/workflow.yaml', { smokeTest: 'ver' }), 'argo'));
    expect(w.spec.templates.find((t: Obj) => t.name === 'smoke-test').securityContext).toEqual({ windowsOptions: { runAsUserName: 'ContainerAdministrator' } });
  });

  it('with crane: BuildKit exports the files and crane assembles them, in one pod per version (a container set)', () => {
    const plan = planOf('samples/go-service/Dockerfile', false);
    const w = workflow(pipelineModel(plan, ctxFor('samples/go-service/Dockerfile', 'samples/go-service/workflow.yaml', { engine: 'crane' }), 'argo'));
    const build = w.spec.templates.find((t: Obj) => t.name === 'build-from-git');
    expect(build.containerSet.containers.map((c: Obj) => [c.name, c.image, c.command, c.dependencies])).toEqual([
      ['main', 'moby/buildkit:v0.32.2-rootless', ['/bin/sh', '-c'], undefined],
      ['crane', 'gcr.io/go-containerregistry/crane:debug', ['/busybox/sh', '-c'], ['main']],
    ]);
    expect(build.containerSet.volumeMounts).toEqual([{ name: 'work', mountPath: '/work' }]);
    const publish = w.spec.templates.find((t: Obj) => t.name === 'publish');
    expect(publish.container.args[0]).toBe('set -eu\ncrane index append -m "${IMAGE}:${TAG}-ltsc2022" -t "${IMAGE}:${TAG}" --docker-empty-base\ncrane manifest "${IMAGE}:${TAG}"\n');
  });

  it('with crane and nothing to add (config only): one crane container, no source', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APP_MODE=prod\nCMD ["cmd", "/c", "echo", "hi"]\n');
    const file = relative(ROOT, join(dir, 'Dockerfile'));
    const p = pipelineModel(planOf(file, false), ctxFor(file, relative(ROOT, join(dir, 'workflow.yaml')), { engine: 'crane' }), 'argo');
    expect(p.dockerfile).toBeUndefined();
    const w = workflow(p);
    expect(w.spec.templates.map((t: Obj) => t.name)).toEqual(['main', 'build', 'publish']);
    const build = w.spec.templates[1];
    expect(build.inputs).toEqual({ parameters: [{ name: 'version' }, { name: 'token' }] });
    expect(build.container.args[0]).toBe(
      [
        'set -eu',
        'base_ref="${BASE}:${TOKEN}"',
        'ref="${IMAGE}:${TAG}-${VERSION}"',
        'crane mutate --platform windows/amd64 "${base_ref}" \\',
        '  --env=APP_MODE=prod \\',
        '  --cmd=cmd \\',
        '  --cmd=/c \\',
        '  --cmd=echo \\',
        '  --cmd=hi \\',
        '  -t "${ref}"',
        'echo "pushed ${ref}"',
        '',
      ].join('\n'),
    );
    expect(workflow(p).spec.arguments.parameters.map((x: Obj) => x.name)).toEqual(['image', 'tag', 'git-url', 'git-revision', 'context-pvc', 'context-dir']);
  });
});

describe('what the Tekton PipelineRun does', () => {
  const pr = () => parse(readFileSync(join(ROOT, 'samples/msi-install/deps/pipelinerun.yaml'), 'utf8'));

  it('clones, fans out with a matrix, publishes and smoke-tests, placing pods with v1 taskRunSpecs[].podTemplate', () => {
    const r = pr();
    expect(r.apiVersion).toBe('tekton.dev/v1');
    const tasks = r.spec.pipelineSpec.tasks;
    expect(tasks.map((t: Obj) => [t.name, t.runAfter ?? null])).toEqual([
      ['fetch-source', null],
      ['build', ['fetch-source']],
      ['publish', ['build']],
      ['smoke-test', ['publish']],
    ]);
    expect(tasks[0].when).toEqual([{ input: '$(params.git-url)', operator: 'notin', values: [''] }]);
    expect(tasks[1].matrix).toEqual({
      include: VERSIONS.map((v) => ({ name: v, params: [{ name: 'version', value: v }, { name: 'token', value: v }] })),
    });
    expect(r.spec.taskRunSpecs).toEqual([
      { pipelineTaskName: 'fetch-source', podTemplate: { nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      { pipelineTaskName: 'build', podTemplate: { nodeSelector: { 'kubernetes.io/os': 'linux' }, securityContext: { fsGroup: 1000 } } },
      { pipelineTaskName: 'publish', podTemplate: { nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      {
        pipelineTaskName: 'smoke-test',
        podTemplate: { nodeSelector: { 'kubernetes.io/os': 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } }, imagePullSecrets: [{ name: 'registry-credentials' }] },
      },
    ]);
    const step = tasks[1].taskSpec.steps[0];
    expect(step.securityContext).toEqual({ seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' }, runAsUser: 1000, runAsGroup: 1000 });
    expect(step.args).toContain('build-arg:DEPS_IMAGE=$(params.deps-image)');
    expect(step.args).toContain('context=$(workspaces.source.path)/$(params.context-dir)');
    expect(step.env).toContainEqual({ name: 'DOCKER_CONFIG', value: '$(workspaces.registry-auth.path)' });
    expect(r.spec.workspaces).toEqual([
      { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
      { name: 'registry-auth', secret: { secretName: 'registry-credentials', items: [{ key: '.dockerconfigjson', path: 'config.json' }] } },
    ]);
    // The smoke test shares no workspace, so Tekton's affinity assistant never pins it to a Linux node.
    expect(tasks[3].workspaces).toBeUndefined();
  });

  it('never uses v1beta1 field names', () => {
    for (const name of SAMPLE_NAMES) {
      const text = readFileSync(join(ROOT, 'samples', name, 'pipelinerun.yaml'), 'utf8');
      for (const old of ['taskPodTemplate', 'taskServiceAccountName', 'stepOverrides', 'sidecarOverrides', 'resources:\n      inputs']) expect(text).not.toContain(old);
      expect(parse(text).spec.podTemplate).toBeUndefined();
    }
  });

  it('with crane: a prepare step (BuildKit) and an assemble step (crane) share an emptyDir', () => {
    const plan = planOf('samples/go-service/Dockerfile', false);
    const r = pipelineRun(pipelineModel(plan, ctxFor('samples/go-service/Dockerfile', 'samples/go-service/pipelinerun.yaml', { engine: 'crane' }), 'tekton'));
    const spec = r.spec.pipelineSpec.tasks[1].taskSpec;
    expect(spec.steps.map((s: Obj) => [s.name, s.image, s.script.split('\n')[0]])).toEqual([
      ['prepare', 'moby/buildkit:v0.32.2-rootless', '#!/bin/sh'],
      ['assemble', 'gcr.io/go-containerregistry/crane:debug', '#!/busybox/sh'],
    ]);
    expect(spec.volumes).toEqual([
      { name: 'buildkitd', emptyDir: {} },
      { name: 'work', emptyDir: {} },
    ]);
  });
});

describe('the crane steps run in a POSIX sh (busybox in crane:debug) and call crane as the crane plan does', () => {
  const sh = spawnSync('dash', ['-c', 'true']).status === 0 ? 'dash' : 'sh';
  /** A stand-in for crane and buildctl-daemonless.sh that logs its arguments. */
  function stubs(dir: string): string {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'log');
    writeFileSync(
      join(bin, 'crane'),
      `#!/bin/sh\nfor a in "$@"; do printf '[%s]' "$a"; done >>"${log}"\necho >>"${log}"\n` +
        `if [ "$1" = config ]; then printf '%s' '{"architecture":"amd64","config":{"Env":["A=1"],"ExposedPorts":{"80/tcp":{},"9100/tcp":{}}},"os":"windows","os.version":"10.0.20348.2527"}'; fi\n`,
    );
    writeFileSync(
      join(bin, 'buildctl-daemonless.sh'),
      `#!/bin/sh\nfor a in "$@"; do printf '[%s]' "$a"; done >>"${log}"\necho >>"${log}"\nmkdir -p "$WORK/rootfs/Program Files/app" "$WORK/rootfs/.hidden"\necho x >"$WORK/rootfs/Program Files/app/app.exe"\necho y >"$WORK/rootfs/.hidden/f"\n`,
    );
    chmodSync(join(bin, 'crane'), 0o755);
    chmodSync(join(bin, 'buildctl-daemonless.sh'), 0o755);
    return bin;
  }
  const run = (script: string, dir: string, env: Record<string, string>) => {
    const r = spawnSync(sh, ['-c', script], { env: { PATH: `${stubs(dir)}:${process.env['PATH']}`, ...env }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
  };

  it('go-service: prepare exports the files and tars the top-level entries; assemble appends and mutates, keeping the base ports', () => {
    const plan = planOf('samples/go-service/Dockerfile', false);
    const p = pipelineModel(plan, ctxFor('samples/go-service/Dockerfile', 'samples/go-service/workflow.yaml', { engine: 'crane' }), 'argo');
    const dir = freshDir();
    const work = join(dir, 'work');
    mkdirSync(work);
    const env = { WORK: work, CONTEXT: '/src/samples/go-service', TOKEN: 'ltsc2022', IMAGE: 'reg.example/app', TAG: '1.0', BASE: 'mcr.microsoft.com/windows/nanoserver', VERSION: 'ltsc2022' };
    const log = run(cranePrepareScript(p) + craneAssembleScript(p), dir, env);
    expect(log).toEqual([
      `[build][--frontend][dockerfile.v0][--local][context=/src/samples/go-service][--local][dockerfile=/src/samples/go-service][--opt][filename=Dockerfile.prepare][--opt][target=rootfs][--output][type=local,dest=${work}/rootfs]`,
      `[append][--platform][windows/amd64][-b][mcr.microsoft.com/windows/nanoserver:ltsc2022][-f][${work}/layer.tar][-t][reg.example/app:1.0-ltsc2022]`,
      '[config][--platform][windows/amd64][mcr.microsoft.com/windows/nanoserver:ltsc2022]',
      '[mutate][--platform][windows/amd64][reg.example/app:1.0-ltsc2022][--user=ContainerUser][--entrypoint=C:\\pinger\\pinger.exe][--entrypoint=--listen][--entrypoint=:9100][--exposed-ports=9100/tcp][--exposed-ports=80/tcp][-t][reg.example/app:1.0-ltsc2022]',
    ]);
    // No ./ entry (crane would write a second Files entry), dot-files included.
    const tar = spawnSync('tar', ['-tf', join(work, 'layer.tar')], { encoding: 'utf8' });
    expect(tar.stdout.split('\n').filter(Boolean).sort()).toEqual(['.hidden/', '.hidden/f', 'Program Files/', 'Program Files/app/', 'Program Files/app/app.exe']);
  });

  it('publish lists every version under one tag', () => {
    const plan = planOf('samples/msi-install/Dockerfile', true);
    const p = pipelineModel(plan, ctxFor('samples/msi-install/Dockerfile', 'samples/msi-install/workflow.yaml', { engine: 'crane', windowsVersions: VERSIONS }), 'argo');
    const dir = freshDir();
    expect(run(publishScript(p), dir, { IMAGE: 'reg.example/app', TAG: '1.0' })).toEqual([
      '[index][append][-m][reg.example/app:1.0-ltsc2019][-m][reg.example/app:1.0-ltsc2022][-m][reg.example/app:1.0-ltsc2025][-t][reg.example/app:1.0][--docker-empty-base]',
      '[manifest][reg.example/app:1.0]',
    ]);
  });

  it('--deps on crane: the dependency image is the base of crane append, and the prepare build gets its name', () => {
    const plan = planOf('samples/msi-install/Dockerfile', true);
    const p = pipelineModel(plan, ctxFor('samples/msi-install/Dockerfile', 'samples/msi-install/workflow.yaml', { engine: 'crane' }), 'argo');
    const dir = freshDir();
    const work = join(dir, 'work');
    mkdirSync(work);
    const log = run(cranePrepareScript(p) + craneAssembleScript(p), dir, { WORK: work, CONTEXT: '/src/samples/msi-install', TOKEN: 'ltsc2022', DEPS_IMAGE: 'reg.example/app-deps', IMAGE: 'reg.example/app', TAG: '1.0', BASE: 'reg.example/app-deps', VERSION: 'ltsc2022' });
    expect(log[0]).toContain('[--opt][build-arg:WINDOWS_VERSION=ltsc2022][--opt][build-arg:DEPS_IMAGE=reg.example/app-deps]');
    expect(log[1]).toBe(`[append][--platform][windows/amd64][-b][reg.example/app-deps:ltsc2022][-f][${work}/layer.tar][-t][reg.example/app:1.0-ltsc2022]`);
    const wf = workflow(p);
    const crane = wf.spec.templates.find((t: Obj) => t.name === 'build-from-git').containerSet.containers[1];
    expect(crane.env).toContainEqual({ name: 'BASE', value: '{{workflow.parameters.deps-image}}' });
  });

  it('every script of every sample parses as POSIX sh (and passes shellcheck -s sh where installed)', () => {
    const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
    const scripts: string[] = [];
    const collect = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      const x = o as Obj;
      if (typeof x['script'] === 'string') scripts.push(x['script']);
      if (Array.isArray(x['command']) && /sh$/.test(x['command'][0]) && Array.isArray(x['args'])) scripts.push(`#!/bin/sh\n${x['args'][0]}`);
      for (const v of Object.values(x)) collect(v);
    };
    for (const name of SAMPLE_NAMES) {
      for (const engine of ['buildkit', 'crane'] as const) {
        for (const deps of [false, true]) {
          const file = `samples/${name}/Dockerfile`;
          const p = pipelineModel(planOf(file, deps), ctxFor(file, `samples/${name}/workflow.yaml`, { engine, windowsVersions: VERSIONS }), 'argo');
          collect(argoWorkflow(p));
          collect(tektonPipelineRun(pipelineModel(planOf(file, deps), ctxFor(file, `samples/${name}/pipelinerun.yaml`, { engine, windowsVersions: VERSIONS }), 'tekton')));
        }
      }
    }
    expect(scripts.length).toBeGreaterThan(50);
    for (const script of new Set(scripts)) {
      const text = script.replace(/^#!\/busybox\/sh/, '#!/bin/sh');
      expect(spawnSync(sh, ['-n'], { input: text }).status, text).toBe(0);
      if (shellcheck) {
        const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: text, encoding: 'utf8' });
        expect(r.stdout, text).toBe('');
      }
    }
  });

  it('--allow-edit-config fields the pipeline cannot apply (no jq in crane:debug) are reported', async () => {
    const dir = freshDir();
    const r = await cli(['convert', '--to', 'argo', '--engine', 'crane', '--allow-edit-config', 'samples/backtick-escaped/Dockerfile', '-o', join(dir, 'workflow.yaml')], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the pipeline cannot apply the crane edit config changes (volumes, healthcheck, stopsignal): crane:debug has no jq');
  });
});
