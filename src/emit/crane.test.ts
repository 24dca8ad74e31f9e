import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parsePowerShell } from '../../grammar/powershell/index.ts';
import { cli } from '../../test/helpers/cli.ts';
import { CRANE_LATEST } from '../model/crane-flags.ts';
import type { BuildPlan } from '../plan/types.ts';
import { VERSION } from '../version.ts';
import { emitCrane } from './crane.ts';
import { have, planOf } from './crane-testkit.ts';
import { emitterFor, emitterForLazy } from './index.ts';
import type { EmitContext } from './types.ts';
import { ADVERSARIAL } from './crane-adversarial.ts';

const root = join(import.meta.dirname, '../..');
const samples = readdirSync(join(root, 'samples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
// UPDATE_GOLDEN=1 npx vitest run src/emit/crane.test.ts rewrites the expected files after a deliberate change.
const update = process.env['UPDATE_GOLDEN'] === '1';
const SHELLCHECK = have('shellcheck');

function samplePlan(name: string): BuildPlan {
  const path = `samples/${name}/Dockerfile`;
  return planOf(path, readFileSync(join(root, path), 'utf8'));
}

function emit(plan: BuildPlan, ctx: Partial<EmitContext> = {}) {
  return emitCrane(plan, { outputName: 'crane-plan.sh', ...ctx });
}

/** The version in the header changes with every release; the goldens say `<version>`. */
function golden(file: string, actual: string): void {
  const text = actual.replaceAll(`winfile ${VERSION} `, 'winfile <version> ');
  if (update || !existsSync(file)) writeFileSync(file, text);
  expect(text, relative(root, file)).toBe(readFileSync(file, 'utf8'));
}

function shellcheck(script: string): string {
  const r = spawnSync('shellcheck', ['-s', 'bash', '-'], { input: script, encoding: 'utf8' });
  return r.stdout + r.stderr;
}

function bashSyntax(script: string): string {
  const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

const validate = (() => {
  const ajv = new Ajv2020.default({ strict: true, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(root, 'rules/schema/crane-plan.schema.json'), 'utf8')));
})();

describe('emitterFor', () => {
  it('returns the crane emitter, and refuses targets it does not know', async () => {
    expect(emitterFor('crane')).toBe(emitCrane);
    expect(await emitterForLazy('crane')).toBe(emitCrane);
    expect(() => emitterFor('nope')).toThrow(/no emitter/);
  });
});

describe('crane plans of the samples match their golden files', () => {
  for (const name of samples) {
    it(`${name}: script and Dockerfile.prepare`, () => {
      const out = emit(samplePlan(name));
      golden(join(root, 'samples', name, 'crane.expected.sh'), out.primary);
      const prepare = out.extras.find((e) => e.name === 'Dockerfile.prepare');
      expect(out.extras.map((e) => e.name)).toEqual(prepare ? ['Dockerfile.prepare'] : []);
      if (prepare) golden(join(root, 'samples', name, 'crane.expected.prepare'), prepare.content);
    });
  }
  it('go-service as PowerShell and as JSON', () => {
    const plan = samplePlan('go-service');
    golden(join(root, 'samples/go-service/crane.expected.ps1'), emit(plan, { shell: 'pwsh' }).primary);
    golden(join(root, 'samples/go-service/crane.expected.json'), emit(plan, { format: 'json' }).primary);
  });
  it('backtick-escaped with --allow-edit-config over two versions (bash, PowerShell, JSON)', () => {
    const plan = samplePlan('backtick-escaped');
    const ctx = { allowEditConfig: true, windowsVersions: ['ltsc2019', 'ltsc2022'] };
    golden(join(root, 'samples/backtick-escaped/crane.edit-config.expected.sh'), emit(plan, ctx).primary);
    golden(join(root, 'samples/backtick-escaped/crane.edit-config.expected.ps1'), emit(plan, { ...ctx, shell: 'pwsh' }).primary);
    golden(join(root, 'samples/backtick-escaped/crane.edit-config.expected.json'), emit(plan, { ...ctx, format: 'json' }).primary);
  });
});

const VARIANTS: Partial<EmitContext>[] = [
  {},
  { allowEditConfig: true },
  { windowsVersions: ['ltsc2019', 'ltsc2022', 'ltsc2025'] },
  { craneVersion: 'v0.8.0' },
  { craneVersion: 'v0.9.0', allowEditConfig: true },
  { craneVersion: 'v0.15.0', allowEditConfig: true },
];
const PLANS: [string, () => BuildPlan][] = [...samples.map((n): [string, () => BuildPlan] => [n, () => samplePlan(n)]), ['adversarial', () => planOf('Dockerfile', ADVERSARIAL)]];

describe('every script is valid', () => {
  for (const [name, plan] of PLANS) {
    it(`${name}: bash -n${SHELLCHECK ? ', shellcheck' : ''}, PowerShell grammar, JSON schema`, () => {
      if (!SHELLCHECK) console.warn('shellcheck is not installed: only bash -n checks the scripts (apt-get install shellcheck)');
      for (const v of VARIANTS) {
        const p = plan();
        const bash = emit(p, v).primary;
        expect(bashSyntax(bash), `${name} ${JSON.stringify(v)}`).toBe('');
        if (SHELLCHECK) expect(shellcheck(bash), `${name} ${JSON.stringify(v)}`).toBe('');
        const ps = emit(p, { ...v, shell: 'pwsh' }).primary;
        expect(parsePowerShell(ps).errors, `${name} ${JSON.stringify(v)}`).toEqual([]);
        const json = JSON.parse(emit(p, { ...v, format: 'json' }).primary);
        expect(validate(json) ? [] : validate.errors, `${name} ${JSON.stringify(v)}`).toEqual([]);
      }
    });
  }
});

describe('what the plan cannot do is reported', () => {
  it('SHELL, VOLUME, HEALTHCHECK, STOPSIGNAL without --allow-edit-config, with deployment equivalents', () => {
    const notes = emit(samplePlan('backtick-escaped')).notes ?? [];
    expect(notes.map((n) => n.reason.replace(/: crane .*/, ''))).toEqual(['VOLUME ["C:\\\\agent\\\\data"]', 'HEALTHCHECK ["CMD","C:\\\\agent\\\\bin\\\\agent.exe","health"]', 'STOPSIGNAL SIGTERM']);
    expect(notes[0]?.workaround).toMatch(/volumeMounts/);
    expect(notes[1]?.workaround).toContain('livenessProbe/readinessProbe {exec: {command: ["C:\\\\agent\\\\bin\\\\agent.exe","health"]}, periodSeconds: 60, timeoutSeconds: 5}');
    expect(notes[2]?.workaround).toMatch(/stop-signal SIGTERM/);
    const shell = emit(samplePlan('powershell-tool')).notes ?? [];
    expect(shell.map((n) => n.reason)).toEqual([expect.stringMatching(/^SHELL \["powershell"/)]);
    expect(shell[0]?.workaround).toMatch(/exec form/);
    expect(emit(samplePlan('iis-site')).notes?.map((n) => n.workaround)).toEqual([expect.stringContaining('{exec: {command: ["cmd","/S","/C","powershell -Command'), expect.stringMatching(/repeat SHELL/)]);
  });

  it('uses crane edit config instead when allowed and the release has it', () => {
    expect(emit(samplePlan('backtick-escaped'), { allowEditConfig: true }).notes).toBeUndefined();
    const old = emit(samplePlan('backtick-escaped'), { allowEditConfig: true, craneVersion: 'v0.10.0' }).notes ?? [];
    expect(old.map((n) => n.reason.replace(/: crane .*/, ''))).toEqual(['WORKDIR C:\\agent', 'EXPOSE 8443/tcp 9090/tcp', 'VOLUME ["C:\\\\agent\\\\data"]', 'HEALTHCHECK ["CMD","C:\\\\agent\\\\bin\\\\agent.exe","health"]', 'STOPSIGNAL SIGTERM', expect.stringMatching(/^crane v0.10.0 has no `crane index append` \(v0.14.0\+\)/)]);
    expect(old[0]?.reason).toBe('WORKDIR C:\\agent: crane v0.10.0 lacks crane mutate --workdir (v0.15.0)');
    expect(old[0]?.workaround).toMatch(/^Use a newer crane.*workingDir: "C:\\\\agent".*edit config.*needs crane v0\.11\.0/);
  });

  it('flags newer than the release are left out and reported', () => {
    const out = emit(samplePlan('go-service'), { craneVersion: 'v0.8.0' });
    expect(out.primary).not.toMatch(/--user|--exposed-ports|index append/);
    expect(out.notes?.map((n) => n.reason)).toEqual([
      'USER ContainerUser: crane v0.8.0 lacks crane mutate --user (v0.9.0)',
      'EXPOSE 9100/tcp: crane v0.8.0 lacks crane mutate --exposed-ports (v0.15.0)',
      expect.stringMatching(/no `crane index append`/),
    ]);
  });

  it('a release without Windows layer conversion is reported', () => {
    expect(emit(samplePlan('go-service'), { craneVersion: 'v0.7.0' }).notes?.[0]?.reason).toMatch(/crane v0.7.0 appends layers to Windows bases unchanged/);
  });
});

describe('Dockerfile.prepare', () => {
  it('keeps the Linux stages of the BuildKit output and adds the C:\\ tree as a scratch stage', () => {
    const out = emit(samplePlan('powershell-tool'));
    const text = out.extras[0]?.content ?? '';
    expect(text).toContain('FROM --platform=$BUILDPLATFORM alpine:3.20 AS prepare\nADD --checksum=sha256:');
    expect(text).toMatch(/FROM scratch AS rootfs\nCOPY --link --from=prepare \/rootfs\/tools \/tools\nWORKDIR \/work\n$/);
    expect(out.primary).toContain('--target rootfs');
  });

  it('names the tree stage so it does not clash with a Dockerfile stage', () => {
    const plan = planOf('Dockerfile', 'FROM alpine:3.20 AS rootfs\nRUN echo hi > /x\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=rootfs /x /x\n');
    const out = emit(plan);
    expect(out.extras[0]?.content).toContain('FROM scratch AS rootfs-2\n');
    expect(out.primary).toContain('--target rootfs-2');
  });

  it('turns ADD of a URL into part of the tree', () => {
    const out = emit(planOf('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nADD --checksum=sha256:abc https://example.com/a.zip C:/dl/\n'));
    expect(out.extras[0]?.content).toMatch(/FROM scratch AS rootfs\nADD --checksum=sha256:abc https:\/\/example.com\/a.zip \/dl\/\n$/);
  });

  it('is not written when no file reaches the image', () => {
    const out = emit(planOf('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV A=1\n'));
    expect(out.extras).toEqual([]);
    expect(out.primary).not.toMatch(/docker buildx|tar -cf|crane append/);
  });
});

describe('the header never carries Dockerfile text onto a line of its own', () => {
  it('sanitises the source path', () => {
    const plan = samplePlan('go-service');
    plan.source = 'x\ntouch /tmp/pwned\r\n#';
    const bash = emit(plan).primary;
    expect(bash).not.toMatch(/^touch/m);
    const ps = emit(plan, { shell: 'pwsh' }).primary;
    expect(ps).not.toMatch(/^touch/m);
    expect(emit(plan).extras[0]?.content).not.toMatch(/^touch/m);
  });
});

describe('winfile convert --to crane', () => {
  it('writes the script and Dockerfile.prepare next to it, and reports the gaps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'winfile-crane-cli-'));
    const r = await cli(['convert', '--to', 'crane', '-o', join(dir, 'plan.sh'), 'samples/backtick-escaped/Dockerfile'], { cwd: root });
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile.prepare', 'plan.sh']);
    expect(readFileSync(join(dir, 'plan.sh'), 'utf8')).toMatch(/^#!\/usr\/bin\/env bash/);
    expect(r.stderr).toMatch(/STOPSIGNAL SIGTERM: crane mutate has no flag/);
    const j = await cli(['convert', '--to', 'crane', '--format', 'json', '--allow-edit-config', '--crane-version', CRANE_LATEST, '-o', join(dir, 'plan.json'), '--force', 'samples/backtick-escaped/Dockerfile'], { cwd: root });
    expect(j.code).toBe(0);
    expect(validate(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')))).toBe(true);
  });
});
