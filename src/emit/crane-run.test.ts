import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRANE_LATEST, craneHas } from '../model/crane-flags.ts';
import type { BuildPlan } from '../plan/types.ts';
import { parseVersion, type Version } from '../util/version.ts';
import { adversarial, adversarialCrlf, adversarialExpected } from './crane-adversarial.ts';
import { emitCrane } from './crane.ts';
import { BASE_CONFIG, decodeMutate, planOf, runPlan, type Call, type Run } from './crane-testkit.ts';
import type { EmitContext } from './types.ts';

const root = join(import.meta.dirname, '../..');
const IMG = 'registry.example.com/team/app';
const TAR = ['tar', '-cf', '$W/layer.tar', '--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--hard-dereference', '-C', '$W/rootfs', '--'];
const DOCKER = ['docker', 'buildx', 'build', '-f', '$H/Dockerfile.prepare', '--target', 'rootfs', '-o', 'type=local,dest=$W/rootfs', '.'];
const append = (base: string, v: string) => ['crane', 'append', '--platform', 'windows/amd64', '-b', base, '-f', '$W/layer.tar', '-t', `${IMG}:latest-${v}`];
const config = (base: string) => ['crane', 'config', '--platform', 'windows/amd64', base];
const mutate = (v: string, ...flags: string[]) => ['crane', 'mutate', '--platform', 'windows/amd64', `${IMG}:latest-${v}`, ...flags, '-t', `${IMG}:latest-${v}`];
const index = (...versions: string[]) => ['crane', 'index', 'append', ...versions.flatMap((v) => ['-m', `${IMG}:latest-${v}`]), '-t', `${IMG}:latest`, '--docker-empty-base'];

function samplePlan(name: string): BuildPlan {
  const path = `samples/${name}/Dockerfile`;
  return planOf(path, readFileSync(join(root, path), 'utf8'));
}

function run(plan: BuildPlan, ctx: Partial<EmitContext> = {}, options: Parameters<typeof runPlan>[1] = {}): Run {
  const out = emitCrane(plan, { outputName: 'crane-plan.sh', ...ctx });
  const r = runPlan(out.primary, { prepare: out.extras[0]?.content ?? '', ...options });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r;
}

/** The recorded argv with the run's directories written as $W (work) and $H (the script's). */
function argvs(r: Run): string[][] {
  return r.calls.map((c) => c.argv.map((a) => a.replaceAll(r.work, '$W').replaceAll(join(r.dir, 'plan'), '$H')));
}

// What BuildKit's local export of the rootfs stage holds for each sample (the fake docker writes it).
const SAMPLES: Record<string, { rootfs: string[]; calls: string[][] }> = {
  'backtick-escaped': {
    rootfs: ['agent/bin/agent.exe', 'agent/config/agent.yaml'],
    calls: [
      DOCKER,
      [...TAR, 'agent'],
      append('mcr.microsoft.com/windows/nanoserver:ltsc2022', 'ltsc2022'),
      config('mcr.microsoft.com/windows/nanoserver:ltsc2022'),
      mutate('ltsc2022', '--env=AGENT_HOME=C:\\agent', '--env=AGENT_DATA=C:\\agent\\data', '--label=org.opencontainers.image.title=agent', '--label=org.opencontainers.image.source=https://example.com/agent', '--user=ContainerUser', '--workdir=C:\\agent', '--entrypoint=C:\\agent\\bin\\agent.exe', '--cmd=run', '--cmd=--config', '--cmd=C:\\agent\\config\\agent.yaml', '--exposed-ports=8443/tcp', '--exposed-ports=9090/tcp', '--exposed-ports=443/tcp'),
      index('ltsc2022'),
    ],
  },
  'cmd-style': {
    rootfs: ['logs/service.log', 'nssm/nssm-2.24/win64/nssm.exe'],
    calls: [
      DOCKER,
      [...TAR, 'logs', 'nssm'],
      append('mcr.microsoft.com/windows/servercore:ltsc2019', 'ltsc2019'),
      mutate('ltsc2019', '--env=NSSM_VERSION=2.24', '--env=PATH=C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;C:\\nssm\\nssm-2.24\\win64', '--workdir=C:\\nssm'),
      index('ltsc2019'),
    ],
  },
  'dotnet-nanoserver': {
    rootfs: ['app/Hello.dll'],
    calls: [
      DOCKER,
      [...TAR, 'app'],
      append('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'ltsc2022'),
      config('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022'),
      mutate('ltsc2022', '--env=ASPNETCORE_URLS=http://+:8080', '--user=ContainerUser', '--workdir=C:\\app', '--entrypoint=dotnet', '--entrypoint=Hello.dll', '--exposed-ports=8080/tcp', '--exposed-ports=443/tcp'),
      index('ltsc2022'),
    ],
  },
  'go-service': {
    rootfs: ['pinger/pinger.exe'],
    calls: [
      DOCKER,
      [...TAR, 'pinger'],
      append('mcr.microsoft.com/windows/nanoserver:ltsc2022', 'ltsc2022'),
      config('mcr.microsoft.com/windows/nanoserver:ltsc2022'),
      mutate('ltsc2022', '--user=ContainerUser', '--entrypoint=C:\\pinger\\pinger.exe', '--entrypoint=--listen', '--entrypoint=:9100', '--exposed-ports=9100/tcp', '--exposed-ports=443/tcp'),
      index('ltsc2022'),
    ],
  },
  'iis-site': {
    rootfs: ['sites/shop/index.html'],
    calls: [
      DOCKER,
      [...TAR, 'sites'],
      append('mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022', 'ltsc2022'),
      config('mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022'),
      mutate('ltsc2022', '--exposed-ports=80/tcp', '--exposed-ports=443/tcp'),
      index('ltsc2022'),
    ],
  },
  'msi-install': {
    rootfs: ['app/package.json', 'app/server.js'],
    calls: [DOCKER, [...TAR, 'app'], append('mcr.microsoft.com/windows/servercore:ltsc2022', 'ltsc2022'), mutate('ltsc2022', '--workdir=C:\\app', '--cmd=node', '--cmd=server.js'), index('ltsc2022')],
  },
  'powershell-tool': {
    rootfs: ['tools/ripgrep/rg.exe', 'work/'],
    calls: [
      DOCKER,
      [...TAR, 'tools', 'work'],
      append('mcr.microsoft.com/windows/servercore:ltsc2022', 'ltsc2022'),
      mutate('ltsc2022', '--env=RIPGREP_VERSION=14.1.1', '--env=RIPGREP_SHA256=d0f534024c42afd6cb4d38907c25cd2b249b79bbe6cc1dbee8e3e37c2b6e25a1', '--env=PATH=C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;C:\\tools\\ripgrep', '--workdir=C:\\work', '--entrypoint=rg.exe', '--cmd=--help'),
      index('ltsc2022'),
    ],
  },
};

describe('the bash plans run with fake crane, docker and tar and make exactly these calls', () => {
  it('covers every sample', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(['backtick-escaped', 'cmd-style', 'dotnet-nanoserver', 'go-service', 'iis-site', 'msi-install', 'powershell-tool']);
  });
  for (const [name, s] of Object.entries(SAMPLES)) {
    it(name, () => {
      expect(argvs(run(samplePlan(name), {}, { rootfs: s.rootfs }))).toEqual(s.calls);
    });
  }

  it('one tag over several versions, each with its tag token (Nano Server: 1809) and the tag prefix', () => {
    const r = run(samplePlan('dotnet-nanoserver'), { windowsVersions: ['ltsc2019', 'ltsc2022'] }, { rootfs: ['app/Hello.dll'] });
    const flags = ['--env=ASPNETCORE_URLS=http://+:8080', '--user=ContainerUser', '--workdir=C:\\app', '--entrypoint=dotnet', '--entrypoint=Hello.dll', '--exposed-ports=8080/tcp', '--exposed-ports=443/tcp'];
    expect(argvs(r)).toEqual([
      DOCKER,
      [...TAR, 'app'],
      append('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809', 'ltsc2019'),
      config('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809'),
      mutate('ltsc2019', ...flags),
      append('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'ltsc2022'),
      config('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022'),
      mutate('ltsc2022', ...flags),
      index('ltsc2019', 'ltsc2022'),
    ]);
  });

  it('the environment overrides IMAGE, TAG, WINDOWS_VERSIONS and BASE', () => {
    const r = run(samplePlan('go-service'), {}, { rootfs: ['pinger/pinger.exe'], env: { IMAGE: 'reg.local/x', TAG: 'v1', WINDOWS_VERSIONS: 'ltsc2019 20H2', BASE: 'mirror.local/nanoserver' } });
    const crane = argvs(r).filter((a) => a[0] === 'crane' && a[1] === 'append');
    expect(crane.map((a) => [a[5], a[9]])).toEqual([
      ['mirror.local/nanoserver:1809', 'reg.local/x:v1-ltsc2019'],
      ['mirror.local/nanoserver:20H2', 'reg.local/x:v1-20H2'],
    ]);
    expect(argvs(r).at(-1)).toEqual(['crane', 'index', 'append', '-m', 'reg.local/x:v1-ltsc2019', '-m', 'reg.local/x:v1-20H2', '-t', 'reg.local/x:v1', '--docker-empty-base']);
  });

  it('keeps every port of the base, CSV-quoting the odd ones for pflag', () => {
    const cfg = { ...BASE_CONFIG, config: { ...BASE_CONFIG.config, ExposedPorts: { '443/tcp': {}, '9100/tcp': {}, 'a,"b"': {} } } };
    const r = run(samplePlan('go-service'), {}, { config: cfg, rootfs: ['pinger/pinger.exe'] });
    const m = r.calls.find((c) => c.argv[1] === 'mutate') as Call;
    expect(m.argv.filter((a) => a.startsWith('--exposed-ports='))).toEqual(['--exposed-ports=9100/tcp', '--exposed-ports=443/tcp', '--exposed-ports="a,""b"""']);
    expect(decodeMutate(m.argv).exposedPorts?.sort()).toEqual(['443/tcp', '9100/tcp', 'a,"b"']);
  });

  it('sets what crane has no flag for with crane edit config, jq values passed as JSON arguments', () => {
    const r = run(samplePlan('backtick-escaped'), { allowEditConfig: true }, { rootfs: ['agent/x'] });
    const calls = argvs(r);
    expect(calls.slice(-3)).toEqual([['crane', 'config', `${IMG}:latest-ltsc2022`], ['crane', 'edit', 'config', `${IMG}:latest-ltsc2022`, '-t', `${IMG}:latest-ltsc2022`], index('ltsc2022')]);
    const edited = JSON.parse(r.calls.at(-2)?.stdin ?? '');
    expect(edited.config).toEqual({ ...BASE_CONFIG.config, Volumes: { 'C:\\agent\\data': {} }, Healthcheck: { Test: ['CMD', 'C:\\agent\\bin\\agent.exe', 'health'], Interval: 60e9, Timeout: 5e9 }, StopSignal: 'SIGTERM' });
    expect(edited['os.version']).toBe('10.0.20348.2700');
  });

  it('a base without per-version tags is one image, no index', () => {
    const plan = planOf('Dockerfile', 'FROM registry.local/windows/base@sha256:0000000000000000000000000000000000000000000000000000000000000000\nCOPY a.exe C:/a/\nUSER ContainerUser\n');
    expect(argvs(run(plan, {}, { rootfs: ['a/a.exe'] }))).toEqual([
      DOCKER,
      [...TAR, 'a'],
      ['crane', 'append', '--platform', 'windows/amd64', '-b', 'registry.local/windows/base@sha256:0000000000000000000000000000000000000000000000000000000000000000', '-f', '$W/layer.tar', '-t', `${IMG}:latest`],
      ['crane', 'mutate', '--platform', 'windows/amd64', `${IMG}:latest`, '--user=ContainerUser', '-t', `${IMG}:latest`],
    ]);
  });

  it('with no file to add, mutates the base into the tag', () => {
    const plan = planOf('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV A=1\n');
    expect(argvs(run(plan))).toEqual([['crane', 'mutate', '--platform', 'windows/amd64', 'mcr.microsoft.com/windows/nanoserver:ltsc2022', '--env=A=1', '-t', `${IMG}:latest-ltsc2022`], index('ltsc2022')]);
  });

  it('PREPARE=buildctl builds the tree in a BuildKit pod, PREPARE=skip uses the one there', () => {
    const plan = samplePlan('go-service');
    const b = argvs(run(plan, {}, { env: { PREPARE: 'buildctl' } }));
    expect(b[0]).toEqual(['buildctl-daemonless.sh', 'build', '--frontend', 'dockerfile.v0', '--local', 'context=.', '--local', 'dockerfile=$H', '--opt', 'filename=Dockerfile.prepare', '--opt', 'target=rootfs', '--output', 'type=local,dest=$W/rootfs']);
    const out = emitCrane(plan, { outputName: 'crane-plan.sh' });
    const skipped = runPlan(out.primary, { env: { PREPARE: 'skip' } });
    expect(skipped.status).toBe(1);
    expect(skipped.stderr).toMatch(/there is no .*\/rootfs to make the layer from/);
    expect(skipped.calls).toEqual([]);
  });

  it('with the real GNU tar the layer has no ./ entry and no hardlinks', () => {
    const out = emitCrane(samplePlan('go-service'), { outputName: 'crane-plan.sh' });
    const r = runPlan(out.primary.replace('tar -cf', '/usr/bin/tar -cf'), { rootfs: ['pinger/pinger.exe', 'pinger/b/', 'z.txt'] });
    expect(r.status).toBe(0);
    const list = spawnSync('tar', ['-tvf', join(r.work, 'layer.tar')], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(list.map((l) => l.split(/\s+/).slice(5).join(' '))).toEqual(['pinger/', 'pinger/b/', 'pinger/pinger.exe', 'z.txt']);
    expect(list.every((l) => /^[d-]/.test(l) && / 0\/0 /.test(l) && l.includes('1970-01-01 00:00'))).toBe(true);
  });
});

describe('adversarial values never run and reach crane byte for byte', () => {
  it('through flags', () => {
    const dir = runPlan('').dir;
    const canary = join(dir, 'pwned');
    const plan = planOf('Dockerfile', adversarial(canary));
    const want = adversarialExpected(canary);
    const out = emitCrane(plan, { outputName: 'crane-plan.sh' });
    const r = runPlan(out.primary, { prepare: out.extras[0]?.content ?? '', rootfs: ['my dir/app.exe'] });
    expect(r.stderr).toBe('');
    expect(existsSync(canary)).toBe(false);
    expect(r.calls.map((c) => c.name)).toEqual(['docker', 'tar', 'crane', 'crane', 'crane', 'crane']);
    expect(r.calls[1]?.argv.at(-1)).toBe('my dir');
    const m = decodeMutate((r.calls[4] as Call).argv);
    expect(m.unknown).toEqual([]);
    expect(m.env).toEqual(want.env);
    // Two values end in a quote, which no --label text with one "=" carries: reported, the rest set.
    expect(m.labels).toEqual(new Map([...want.labels].filter(([k]) => k !== 'end' && k !== "q'uote")));
    expect(out.notes?.map((n) => n.reason)).toEqual([expect.stringMatching(/^LABEL q'uote, end: crane's flag parsing/), expect.stringMatching(/^VOLUME/), expect.stringMatching(/^STOPSIGNAL/)]);
    expect(m.user).toBe(want.user);
    expect(m.workdir).toBe(want.workdir);
    expect(m.entrypoint).toEqual(want.entrypoint);
    expect(m.cmd).toEqual(want.cmd);
    expect(m.exposedPorts?.sort()).toEqual([...want.exposedPorts, '443/tcp'].sort());
  });

  it('through crane edit config when crane cannot carry a value (CRLF in CMD, a quote ending a label)', () => {
    const dir = runPlan('').dir;
    const canary = join(dir, 'pwned');
    const want = adversarialExpected(canary);
    const out = emitCrane(planOf('Dockerfile', adversarialCrlf(canary)), { outputName: 'crane-plan.sh', allowEditConfig: true });
    expect(out.notes).toBeUndefined();
    const r = runPlan(out.primary, { prepare: out.extras[0]?.content ?? '' });
    expect(r.stderr).toBe('');
    expect(existsSync(canary)).toBe(false);
    const m = decodeMutate((r.calls.find((c) => c.argv[1] === 'mutate') as Call).argv);
    expect(m.entrypoint).toBeUndefined();
    expect(m.labels.size).toBe(0);
    const edited = JSON.parse(r.calls.find((c) => c.argv[1] === 'edit')?.stdin ?? '').config;
    expect(edited.Cmd).toEqual(want.cmd.map((a) => (a === 'line1\nline2' ? 'line1\r\nline2' : a)));
    expect(edited.Entrypoint).toEqual(want.entrypoint);
    expect(new Map(Object.entries(edited.Labels))).toEqual(want.labels);
    expect(edited.Volumes).toEqual(Object.fromEntries(want.volumes.map((v) => [v, {}])));
    expect(edited.StopSignal).toBe(want.stopSignal);
  });
});

describe('values that end in a backslash', () => {
  it('reach crane unchanged, in a script shellcheck passes without notes', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\nENV TOOLS=C:\\tools\\ ODD="a\\\'b"\nCOPY app.exe .\n';
    const out = emitCrane(planOf('Dockerfile', text), { outputName: 'crane-plan.sh' });
    expect(out.primary).toContain("'--workdir=C:'\\\\");
    if (spawnSync('shellcheck', ['--version']).status === 0) {
      expect(spawnSync('shellcheck', ['-s', 'bash', '-'], { input: out.primary, encoding: 'utf8' }).stdout).toBe('');
    }
    const r = run(planOf('Dockerfile', text), {}, { rootfs: ['app.exe'] });
    const m = decodeMutate((r.calls.find((c) => c.argv[1] === 'mutate') as Call).argv);
    expect(m.workdir).toBe('C:\\');
    expect(m.env).toEqual([['TOOLS', 'C:\\tools\\'], ['ODD', "a\\'b"]]);
  });
});

describe('every crane flag used exists in the targeted release', () => {
  const SHORT: Record<string, Record<string, string>> = { append: { b: 'base', f: 'new_layer', t: 'new_tag' }, mutate: { t: 'tag' }, 'index append': { m: 'manifest', t: 'tag' }, 'edit config': { t: 'tag' }, config: {} };
  const commandOf = (argv: string[]) => (argv[1] === 'index' || argv[1] === 'edit' ? `${argv[1]} ${argv[2]}` : (argv[1] as string));
  const versions = ['v0.8.0', 'v0.9.0', 'v0.15.0', 'v0.19.2', CRANE_LATEST];
  const plans: [string, () => BuildPlan, string[]][] = [
    ...Object.entries(SAMPLES).map(([n, s]): [string, () => BuildPlan, string[]] => [n, () => samplePlan(n), s.rootfs]),
    ['adversarial', () => planOf('Dockerfile', adversarial('/nonexistent/canary')), ['my dir/app.exe']],
  ];
  for (const version of versions) {
    it(version, () => {
      const v = parseVersion(version) as Version;
      let checked = 0;
      for (const [name, plan, rootfs] of plans) {
        for (const allowEditConfig of [false, true]) {
          const r = run(plan(), { craneVersion: version, allowEditConfig, windowsVersions: ['ltsc2019', 'ltsc2022'] }, { rootfs });
          for (const c of r.calls.filter((x) => x.name === 'crane')) {
            const command = commandOf(c.argv);
            expect(craneHas(v, command), `${name}: crane ${command} in ${version}`).toBe(true);
            for (const a of c.argv.slice(command.split(' ').length + 1)) {
              const long = /^--([a-z_-]+)/.exec(a)?.[1];
              const short = /^-([a-z])$/.exec(a)?.[1];
              const flag = long ?? (short !== undefined ? SHORT[command]?.[short] : undefined);
              if (short !== undefined) expect(flag, `${name}: -${short} of crane ${command}`).toBeDefined();
              if (flag === undefined) continue;
              expect(craneHas(v, command, flag), `${name}: crane ${command} --${flag} in ${version}`).toBe(true);
              checked++;
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});
