import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, scratchDirs } from './helpers/files.ts';
import { DEPS_SAMPLES } from './harness/cases.ts';
import { analyzeRun } from '../src/analyze/analyze-run.ts';
import { emitBuildkit } from '../src/emit/buildkit.ts';
import { emitDepsDockerfile } from '../src/emit/deps.ts';
import { buildModel } from '../src/model/build.ts';
import { Catalog } from '../src/model/catalog.ts';
import { buildPlan } from '../src/plan/build-plan.ts';
import { managerInstall, packageInstall, scriptInstall } from '../src/plan/deps-catalog.ts';
import { applyDeps } from '../src/plan/deps.ts';
import type { BuildPlan } from '../src/plan/types.ts';
import { cli } from './helpers/cli.ts';

// UPDATE_GOLDEN=1 npx vitest run test/deps.test.ts rewrites samples/*/deps/ after a deliberate change.
const ROOT = join(import.meta.dirname, '..');
const freshDir = scratchDirs('winfile-deps-');


/** Plans a Dockerfile the way `winfile convert` does, then splits off the dependency image. */
function plan(path: string, text: string, deps = true): BuildPlan {
  const catalog = new Catalog();
  const model = buildModel(path, text, { catalog });
  const p = buildPlan(model, { analyze: analyzeRun, catalog });
  if (deps) applyDeps(model, p, { analyze: analyzeRun, catalog });
  return p;
}

const cross = (p: BuildPlan, context = '.') => emitBuildkit(p, { outputName: 'Dockerfile.cross', context });
const depsFile = (p: BuildPlan, context = '.', windowsVersions?: string[]) => emitDepsDockerfile(p, { outputName: 'Dockerfile.cross', context, ...(windowsVersions ? { windowsVersions } : {}) });
/** The converted file without its header comments. */
const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();

/**
 * No silent gaps: every instruction and step has a decision, every manual decision has a manual
 * item with a workaround, and nothing moved to the dependency image is still manual work.
 */
function expectNoSilentGaps(p: BuildPlan): void {
  for (const d of p.decisions) expect(['kept', 'moved', 'translated', 'dropped', 'manual']).toContain(d.action);
  for (const m of p.manual) expect(m.workaround.length, m.reason).toBeGreaterThan(10);
  for (const d of p.decisions.filter((x) => x.action === 'manual')) {
    expect(p.manual.some((m) => m.origin.instruction === d.origin.instruction), d.subject).toBe(true);
  }
  const movedRuns = new Set(p.decisions.filter((d) => d.action === 'moved' && d.stage === 'Dockerfile.deps').map((d) => d.origin.instruction));
  for (const m of p.manual) if (m.kind !== 'lint' && !m.reason.startsWith('install location unknown') && !/no earlier step installs it/.test(m.reason)) expect(movedRuns.has(m.origin.instruction), m.reason).toBe(false);
}

describe('--deps on the bundled samples: Dockerfile.deps and the build on it match their golden files', () => {
  const VERSIONS = ['ltsc2019', 'ltsc2022', 'ltsc2025'];
  for (const name of DEPS_SAMPLES) {
    it(`${name}: Dockerfile.deps, Dockerfile.cross (FROM the dependency image), convert-report.md`, async () => {
      const file = `samples/${name}/Dockerfile`;
      const p = plan(file, readFileSync(join(ROOT, file), 'utf8'));
      expect(p.deps?.use).toBe('base');
      expectNoSilentGaps(p);
      // Written to samples/<name>/deps/: the build context is the sample's folder, one up.
      golden(join(ROOT, 'samples', name, 'deps', 'Dockerfile.deps'), depsFile(p, '..', VERSIONS));
      golden(join(ROOT, 'samples', name, 'deps', 'Dockerfile.cross'), cross(p, '..'));
      // The CLI writes the same files (without --windows-versions, build commands for the default version) and the report.
      const dir = freshDir();
      const r = await cli(['convert', '--to', 'buildkit', '--deps', file, '-o', join(dir, 'Dockerfile.cross'), '--report', join(dir, 'convert-report.md')], { cwd: ROOT });
      expect(r.code, r.stderr).toBe(name === 'iis-site' ? 0 : 1);
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile.cross', 'Dockerfile.deps', 'convert-report.md']);
      const context = relative(dir, join(ROOT, 'samples', name));
      expect(readFileSync(join(dir, 'Dockerfile.deps'), 'utf8')).toBe(depsFile(p, context));
      expect(readFileSync(join(dir, 'Dockerfile.cross'), 'utf8')).toBe(cross(p, context));
      golden(join(ROOT, 'samples', name, 'deps', 'convert-report.md'), readFileSync(join(dir, 'convert-report.md'), 'utf8').replaceAll(dir, `samples/${name}/deps`));
      expect(r.stderr).toContain('Dockerfile.deps holds what only Windows can run');
    });
  }

  it('iis-site: the RUN with Windows features, IIS and the registry moves whole; nothing is left to do by hand', () => {
    const p = plan('samples/iis-site/Dockerfile', readFileSync(join(ROOT, 'samples/iis-site/Dockerfile'), 'utf8'));
    expect(p.manual).toEqual([]);
    expect(p.target.image).toBe('${DEPS_IMAGE}:${WINDOWS_VERSION}');
    expect(p.globalArgs).toEqual([{ name: 'DEPS_IMAGE', default: 'registry.example.com/team/app-deps' }]);
    // Its mkdir only fed the moved RUN: no prepare stage is left.
    expect(p.linux).toEqual([]);
    const run = p.decisions.filter((d) => d.origin.range.start.line === 6);
    expect(run.map((d) => d.action)).toEqual(['moved', 'moved', 'moved', 'moved', 'moved', 'moved']);
    expect(p.deps?.reasons).toEqual([
      'line 6: Install-WindowsFeature enables Windows features',
      'line 6: Remove-Website configures a service or an IIS site',
      'line 6: New-Website configures a service or an IIS site',
      'line 6: Set-ItemProperty writes the registry',
    ]);
  });

  it('msi-install: the MSI and Chocolatey RUNs move; npm install stays manual', () => {
    const p = plan('samples/msi-install/Dockerfile', readFileSync(join(ROOT, 'samples/msi-install/Dockerfile'), 'utf8'));
    expect(p.deps?.movedRuns).toEqual([6, 11]);
    expect(p.manual.map((m) => [m.origin.range.start.line, m.reason.slice(0, 60)])).toEqual([
      [17, 'npm install builds with a toolchain installed in this Window'],
    ]);
    expect(depsFile(p)).toContain("ARG NODE_VERSION=20.18.0\n\n# line 6: only Windows can run this (moved whole)\nRUN Invoke-WebRequest");
  });

  it('reports a package manager that neither the base image nor an earlier step installs', () => {
    const text = `FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN choco install -y git --version 2.47.1
`;
    const p = plan('Dockerfile', text);
    expect(p.deps?.movedRuns).toEqual([3]);
    expect(p.manual.map((m) => [m.origin.range.start.line, m.reason.slice(0, 60)])).toEqual([
      [3, 'choco: choco is not part of mcr.microsoft.com/windows/server'],
    ]);
  });
});

const COPY_MODE = `# escape=\`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))
RUN choco install -y git --version 2.45.2; choco install -y jq
RUN Invoke-WebRequest -Uri https://example.com/tool.zip -OutFile C:\\tool.zip; \`
    Expand-Archive C:\\tool.zip -DestinationPath C:\\tools; \`
    Remove-Item C:\\tool.zip
WORKDIR C:\\app
COPY app/ .
CMD ["git", "--version"]
`;

const INSTALLER_STAGE = `# escape=\`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS installer
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -Uri https://nodejs.org/dist/v20.18.0/node-v20.18.0-x64.msi -OutFile C:\\node.msi; \`
    Start-Process msiexec.exe -ArgumentList '/i', 'C:\\node.msi', '/qn' -Wait

FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=installer ["C:/Program Files/nodejs", "C:/nodejs"]
USER ContainerUser
CMD ["C:\\\\nodejs\\\\node.exe", "--version"]
`;

const FEEDER = `# escape=\`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
COPY setup/install.ps1 C:/setup/
RUN Invoke-WebRequest -Uri https://example.com/agent.msi -OutFile C:\\agent.msi
RUN Start-Process msiexec.exe -ArgumentList '/i', 'C:\\agent.msi', '/qn' -Wait; & C:\\setup\\install.ps1
COPY app/ C:/app/
`;

describe('copy or base: what the converted build does with the dependency image', () => {
  it('only package managers and known install scripts: it keeps the base and copies their install locations, with PATH', () => {
    const p = plan('Dockerfile', COPY_MODE);
    expect(p.deps?.use).toBe('copy');
    expect(p.deps?.copies).toEqual(['C:\\ProgramData\\chocolatey', 'C:\\Program Files\\Git']);
    expect(p.manual).toEqual([]);
    expectNoSilentGaps(p);
    expect(body(cross(p))).toBe(
      [
        'ARG DEPS_IMAGE="registry.example.com/team/app-deps"',
        'ARG WINDOWS_VERSION=ltsc2022',
        '',
        'FROM --platform=$BUILDPLATFORM alpine:3.20 AS prepare',
        'RUN apk add --no-cache curl',
        "RUN <<'EOF'",
        'set -eu',
        'mkdir -p /rootfs',
        'curl -fsSL -o /rootfs/tool.zip https://example.com/tool.zip',
        'mkdir -p /rootfs/tools',
        'unzip -q -o /rootfs/tool.zip -d /rootfs/tools',
        'rm -rf /rootfs/tool.zip',
        'EOF',
        '',
        'FROM --platform=windows/amd64 ${DEPS_IMAGE}:${WINDOWS_VERSION} AS deps',
        '',
        'FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}',
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
        'COPY --link --from=deps /ProgramData/chocolatey /ProgramData/chocolatey',
        'ENV ChocolateyInstall="C:\\ProgramData\\chocolatey" PATH="C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;C:\\ProgramData\\chocolatey\\bin"',
        'COPY --link --from=deps ["/Program Files/Git", "/Program Files/Git"]',
        'ENV PATH="C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;C:\\ProgramData\\chocolatey\\bin;C:\\Program Files\\Git\\cmd"',
        'COPY --link --from=prepare /rootfs/tools /tools',
        'WORKDIR /app',
        'COPY --link app/ /app/',
        'CMD ["git", "--version"]',
      ].join('\n'),
    );
    // The download RUN stays translated: it is not Windows-only and Dockerfile.deps does not need it.
    expect(body(depsFile(p))).toBe(
      [
        'ARG WINDOWS_VERSION=ltsc2022',
        '',
        'FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}',
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
        '',
        "RUN iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))",
        '',
        'RUN choco install -y git --version 2.45.2; choco install -y jq',
      ].join('\n'),
    );
  });

  it('a package the catalog does not know: copied by hand, a clearly marked manual item', () => {
    const p = plan('Dockerfile', COPY_MODE.replace('choco install -y jq', 'choco install -y someunknownpkg'));
    expect(p.deps?.use).toBe('copy');
    expect(p.manual.map((m) => m.reason)).toEqual([
      'install location unknown: copy it from the dependency image by hand (choco someunknownpkg runs in Dockerfile.deps, but the install-locations catalog does not know this package)',
    ]);
    expectNoSilentGaps(p);
  });

  it('only unknown packages: the report and Dockerfile.deps say that nothing is copied yet', () => {
    const text = `FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN pip install someunknownpkg==1.0
`;
    const p = plan('Dockerfile', text);
    expect(p.deps?.use).toBe('copy');
    expect(p.deps?.copies).toEqual([]);
    expect(p.deps?.summary[1]).toBe('The converted build keeps mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION} but copies nothing from it yet: winfile knows no install location of what the moved steps install (see the manual items).');
    expect(depsFile(p)).toContain('# Dockerfile.cross copies nothing from it yet: the install locations of what it installs are unknown (see the report).');
  });

  it('names unnamed stages of Dockerfile.deps without clashing with a stage called stage-N', () => {
    const text = `FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS stage-1
RUN echo first
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Start-Process msiexec.exe -ArgumentList '/i', 'C:\\tools\\a.msi', '/qn' -Wait
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=1 ["C:/Program Files/A", "C:/Program Files/A"]
COPY --from=stage-1 C:/x C:/x
`;
    const p = plan('Dockerfile', text);
    const names = [...depsFile(p).matchAll(/ AS (\S+)/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(p.deps?.movedStages).toEqual(['stage-1-2']);
  });

  it('a package that registers itself with Windows (Visual Studio Build Tools) makes it the base', () => {
    const p = plan('Dockerfile', COPY_MODE.replace('choco install -y jq', 'choco install -y visualstudio2022buildtools'));
    expect(p.deps?.use).toBe('base');
    expect(p.deps?.reasons).toEqual(['line 5: choco visualstudio2022buildtools registers itself with Windows (rules/catalog/install-locations.yaml)']);
    // FROM the dependency image, the RUNs' own steps no longer reach the converted build.
    expect(body(cross(p))).toContain('FROM ${DEPS_IMAGE}:${WINDOWS_VERSION}\nSHELL');
    expect(body(cross(p))).not.toContain('--from=deps');
  });

  it('an installer stage the final image copies from moves whole; its files come from the dependency image', () => {
    const p = plan('Dockerfile', INSTALLER_STAGE);
    expect(p.deps?.use).toBe('copy');
    expect(p.deps?.movedStages).toEqual(['installer']);
    expect(p.manual).toEqual([]);
    expectNoSilentGaps(p);
    expect(body(cross(p))).toBe(
      [
        'ARG DEPS_IMAGE="registry.example.com/team/app-deps"',
        'ARG WINDOWS_VERSION=ltsc2022',
        '',
        'FROM --platform=windows/amd64 ${DEPS_IMAGE}:${WINDOWS_VERSION} AS deps',
        '',
        'FROM mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}',
        'COPY --link --from=deps ["/Program Files/nodejs", "/nodejs"]',
        'USER ContainerUser',
        'CMD ["C:\\\\nodejs\\\\node.exe", "--version"]',
      ].join('\n'),
    );
    expect(body(depsFile(p))).toBe(
      [
        'ARG WINDOWS_VERSION=ltsc2022',
        '',
        'FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION} AS installer',
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
        'RUN Invoke-WebRequest -Uri https://nodejs.org/dist/v20.18.0/node-v20.18.0-x64.msi -OutFile C:\\node.msi; `',
        "    Start-Process msiexec.exe -ArgumentList '/i', 'C:\\node.msi', '/qn' -Wait",
        '',
        'FROM mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}',
        'COPY --from=installer ["C:/Program Files/nodejs", "C:/Program Files/nodejs"]',
      ].join('\n'),
    );
  });

  it('a moved RUN takes along the earlier RUN and the context COPY whose files it reads, not the others', () => {
    const p = plan('Dockerfile', FEEDER);
    expect(p.deps?.use).toBe('base');
    expectNoSilentGaps(p);
    expect(body(depsFile(p))).toBe(
      [
        'ARG WINDOWS_VERSION=ltsc2022',
        '',
        'FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}',
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
        '',
        'COPY setup/install.ps1 C:/setup/',
        '',
        'RUN Invoke-WebRequest -Uri https://example.com/agent.msi -OutFile C:\\agent.msi',
        '',
        "RUN Start-Process msiexec.exe -ArgumentList '/i', 'C:\\agent.msi', '/qn' -Wait; & C:\\setup\\install.ps1",
      ].join('\n'),
    );
    expect(depsFile(p)).toContain('# line 4: line 6 reads its output\nCOPY setup/install.ps1 C:/setup/');
    const detail = (line: number) => p.decisions.find((d) => d.origin.range.start.line === line && d.origin.effect === undefined)?.detail;
    expect(detail(4)).toMatch(/; also in Dockerfile\.deps, because line 6 reads its output$/);
    expect(detail(5)).toMatch(/; also in Dockerfile\.deps, because line 6 reads its output$/);
  });

  it('a moved stage that needs a Linux stage cannot be built on Windows: a manual item says so', () => {
    const text = `FROM alpine:3.20 AS tools
RUN echo hi > /hi.txt
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS installer
COPY --from=tools /hi.txt C:/hi.txt
RUN msiexec /i C:\\x.msi /qn
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=installer C:/app C:/app
`;
    const p = plan('Dockerfile', text);
    expect(p.deps).toBeUndefined();
    expect(p.manual.some((m) => m.reason.includes('it needs stage tools, which is not a Windows stage'))).toBe(true);
  });

  it('nothing Windows-only: no dependency image, and convert --deps writes no Dockerfile.deps', async () => {
    expect(plan('samples/go-service/Dockerfile', readFileSync(join(ROOT, 'samples/go-service/Dockerfile'), 'utf8')).deps).toBeUndefined();
    const dir = freshDir();
    const r = await cli(['convert', '--to', 'buildkit', '--deps', 'samples/go-service/Dockerfile', '-o', join(dir, 'Dockerfile.cross')], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['Dockerfile.cross']);
  });

  it('the report says when to rebuild the image and how it is tagged, in every format', async () => {
    const dir = freshDir();
    const r = await cli(['convert', '--to', 'crane', '--deps', 'samples/iis-site/Dockerfile', '-o', join(dir, 'crane-plan.sh'), '--report', join(dir, 'report.json')], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(1); // crane cannot set SHELL/HEALTHCHECK without --allow-edit-config
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile.deps', 'Dockerfile.prepare', 'crane-plan.sh', 'report.json']);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.dependencyImage.use).toBe('base');
    expect(report.dependencyImage.summary.join(' ')).toMatch(/Patch Tuesday.*/);
    expect(report.dependencyImage.summary.join(' ')).toContain('Tag it once per Windows version with the value of WINDOWS_VERSION');
    // crane appends onto the dependency image.
    expect(readFileSync(join(dir, 'crane-plan.sh'), 'utf8')).toContain(': "${BASE:=registry.example.com/team/app-deps}"');
  });
});

describe('rules/catalog/install-locations.yaml', () => {
  const vars = { user: 'ContainerAdministrator' };
  it('fills in versions, names and users, and says why a location is unknown', () => {
    expect(packageInstall('choco', { name: 'python3', version: '3.12.1' }, vars)).toEqual({
      kind: 'files',
      install: { what: 'choco python3 3.12.1', paths: ['C:\\Python312'], path: ['C:\\Python312', 'C:\\Python312\\Scripts'], env: [], provides: { python: 'C:\\Python312' } },
    });
    expect(packageInstall('choco', { name: 'python3' }, vars)).toEqual({ kind: 'unknown', what: 'choco python3', why: 'its folder depends on the version, which the step does not pin' });
    expect(packageInstall('psgallery', { name: 'Pester' }, vars)).toMatchObject({ kind: 'files', install: { paths: ['C:\\Program Files\\WindowsPowerShell\\Modules\\Pester'] } });
    expect(packageInstall('pip', { name: 'requests' }, vars)).toEqual({ kind: 'unknown', what: 'pip requests', why: 'winfile does not know which Python it installs into' });
    expect(packageInstall('pip', { name: 'requests' }, { ...vars, python: 'C:\\Python' })).toMatchObject({ kind: 'files', install: { paths: ['C:\\Python\\Lib\\site-packages', 'C:\\Python\\Scripts'] } });
    expect(packageInstall('choco', { name: 'VCRedist140' }, vars)).toEqual({ kind: 'base', what: 'choco VCRedist140' });
    expect(packageInstall('npm', { name: 'yarn' }, { user: 'ContainerUser' })).toMatchObject({ kind: 'files', install: { paths: ['C:\\Users\\ContainerUser\\AppData\\Roaming\\npm'] } });
    expect(managerInstall('choco', vars)?.paths).toEqual(['C:\\ProgramData\\chocolatey']);
    expect(scriptInstall("iwr -useb get.scoop.sh | iex", vars)).toMatchObject({ kind: 'files', install: { paths: ['C:\\Users\\ContainerAdministrator\\scoop'], provides: { tool: 'scoop' } } });
    expect(scriptInstall('iex (iwr https://example.com/setup.ps1)', vars)).toBeUndefined();
  });
});
