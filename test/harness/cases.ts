import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sevenZip, sha256, tarGz, zip } from './fixtures.ts';

/**
 * Every conversion the convert-* tests check: the bundled samples, and Dockerfiles under
 * test/fixtures/convert that cover the other conversion paths. The fixtures' checksums are ARGs
 * whose real values (the SHA-256 of the archives below) are passed as --build-arg, so the files
 * stay ordinary Dockerfiles and the converted ADD --checksum matches what the test serves.
 */
export const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = 'test/fixtures/convert';

export const archives = {
  nssm: zip({ 'nssm-2.24/win64/nssm.exe': 'nssm 2.24 win64', 'nssm-2.24/win32/nssm.exe': 'nssm 2.24 win32' }),
  ripgrep: zip({ 'ripgrep-14.1.1-x86_64-pc-windows-msvc/rg.exe': 'rg 14.1.1', 'ripgrep-14.1.1-x86_64-pc-windows-msvc/README.md': 'ripgrep' }),
  tool: zip({ 'tool-1.2.3/tool.exe': 'tool 1.2.3' }),
  lib: tarGz({ 'lib-2.0/lib.dll': 'lib 2.0', 'lib-2.0/include/lib.h': '#define LIB 2' }),
  pkg: zip({ 'pkg/bin/app.exe': 'app 5', 'pkg/README.txt': 'read me' }),
  cli: tarGz({ 'cli/cli.exe': 'cli 3.1', 'cli/NOTICE': 'notice' }),
  agent: zip({ 'agent.exe': 'agent 7' }),
};
let data7z: Buffer | undefined | null = null;
/** Made by the host's 7z, so only when it is installed (and its bytes are not fixed). */
export function data7zArchive(): Buffer | undefined {
  if (data7z === null) data7z = sevenZip({ 'set/info.txt': 'seven' });
  return data7z;
}

/** Expected content of an image path; `null`: the path must not reach the image. */
export type Expectation = string | RegExp | null;

export interface ConvertCase {
  name: string;
  /** Input, relative to the repository root (as the CLI is run from there). */
  input: string;
  /** Build context on the host. */
  context: string;
  /** Extra `winfile convert` arguments. */
  args: string[];
  /** Exit code convert must give: 0 converted completely, 1 manual work left. */
  exit: 0 | 1;
  /** URL -> body the Linux stages download (served locally by convert-run). */
  downloads?: () => Map<string, Buffer>;
  /** Image paths (C:\x is /x) the Windows stage must receive, with their content. */
  image?: Record<string, Expectation>;
  /** For convert-run only: rewrites the input (a sample's checksum for the fixture archive's). */
  variant?: (text: string) => string;
  /** Host programs the played stages need (what `apk add` installs in the real image). */
  tools?: string[];
}

const sample = (name: string, c: Omit<ConvertCase, 'name' | 'input' | 'context' | 'args'> & { args?: string[] }): ConvertCase => ({
  name: `sample ${name}`,
  input: `samples/${name}/Dockerfile`,
  context: join(ROOT, 'samples', name),
  args: [],
  ...c,
});
const fixture = (name: string, c: Omit<ConvertCase, 'name' | 'input' | 'context' | 'args'> & { args?: string[]; suffix?: string }): ConvertCase => ({
  name: `fixture ${name}${c.suffix ? ` ${c.suffix}` : ''}`,
  input: `${FIXTURES}/${name}.Dockerfile`,
  context: join(ROOT, FIXTURES),
  args: [],
  ...c,
});

const downloads = (entries: Record<string, Buffer | undefined>) => () => new Map(Object.entries(entries).filter((e): e is [string, Buffer] => e[1] !== undefined));

export const CASES: ConvertCase[] = [
  sample('backtick-escaped', { exit: 0, image: { '/agent/bin/agent.exe': /./, '/agent/config/agent.yaml': /./ } }),
  // The original's `COPY service.cmd C:\nssm\` continues onto CMD (default escape): manual work.
  sample('cmd-style', {
    exit: 1,
    tools: ['curl', 'unzip'],
    downloads: downloads({ 'https://nssm.cc/release/nssm-2.24.zip': archives.nssm }),
    image: { '/nssm/nssm-2.24/win64/nssm.exe': 'nssm 2.24 win64', '/nssm/nssm.zip': null, '/logs/service.log': 'started\r\n' },
  }),
  sample('dotnet-nanoserver', { exit: 0, image: { '/app/app.dll': 'dotnet publish -c Release -o /app --no-restore -r win-x64\n' } }),
  sample('go-service', { exit: 0, image: { '/pinger/pinger.exe': 'go build -ldflags=-s -w -o /out/pinger.exe . GOOS=windows GOARCH=amd64 CGO_ENABLED=0\n' } }),
  sample('iis-site', { exit: 1, image: { '/sites/shop/index.html': /./ } }),
  sample('msi-install', {
    exit: 1,
    tools: ['curl'],
    downloads: downloads({ 'https://nodejs.org/dist/v20.18.0/node-v20.18.0-x64.msi': Buffer.from('msi') }),
    image: { '/node.msi': null, '/app/server.js': /./ },
  }),
  sample('powershell-tool', {
    exit: 0,
    tools: ['unzip'],
    downloads: downloads({ 'https://github.com/BurntSushi/ripgrep/releases/download/14.1.1/ripgrep-14.1.1-x86_64-pc-windows-msvc.zip': archives.ripgrep }),
    variant: (t) => t.replace(/RIPGREP_SHA256=[0-9a-f]{64}/, `RIPGREP_SHA256=${sha256(archives.ripgrep)}`),
    image: { '/tools/ripgrep/rg.exe': 'rg 14.1.1', '/tools/ripgrep-14.1.1-x86_64-pc-windows-msvc': null, '/ripgrep.zip': null },
  }),
  fixture('archives', {
    exit: 0,
    args: ['--build-arg', `TOOL_SHA256=${sha256(archives.tool)}`],
    tools: ['curl', 'unzip', 'tar', '7z'],
    downloads: downloads({
      'https://downloads.example.com/tool/v1.2.3/tool-1.2.3-win64.zip': archives.tool,
      'https://downloads.example.com/lib/lib-2.0.tar.gz': archives.lib,
      'https://downloads.example.com/data/data.7z': data7zArchive(),
    }),
    image: { '/tools/tool-1.2.3/tool.exe': 'tool 1.2.3', '/lib/lib-2.0/include/lib.h': '#define LIB 2', '/data/set/info.txt': 'seven', '/tool.zip': null, '/lib.tar.gz': null },
  }),
  fixture('archives', { suffix: '--image-map', exit: 0, args: ['--build-arg', `TOOL_SHA256=${sha256(archives.tool)}`, '--image-map', 'alpine:3.20=registry.example.com/mirror/alpine:3.20'] }),
  fixture('files', {
    exit: 0,
    args: ['--build-arg', `PKG_SHA256=${sha256(archives.pkg)}`],
    tools: ['unzip'],
    downloads: downloads({ 'https://downloads.example.com/pkg/pkg.zip': archives.pkg }),
    image: { '/app/app.exe': 'app 5', '/app/README.txt': 'read me', '/app/conf/app.ini': /^mode=prod/, '/app/conf/settings.ini': null, '/staging': null },
  }),
  fixture('cmd-setx', {
    exit: 0,
    tools: ['curl', 'tar'],
    downloads: downloads({ 'https://downloads.example.com/cli/cli-3.1.tgz': archives.cli }),
    image: { '/tools/cli/cli.exe': 'cli 3.1', '/etc/cli-backup.exe': 'cli 3.1', '/etc/NOTICE': 'notice', '/tools/cli/NOTICE': null, '/etc/cli.conf': 'enabled=yes \r\n', '/tools/cli.tgz': null },
  }),
  fixture('multi-stage', {
    exit: 0,
    args: ['--build-arg', `AGENT_SHA256=${sha256(archives.agent)}`],
    tools: ['unzip'],
    downloads: downloads({ 'https://downloads.example.com/agent/agent.zip': archives.agent }),
    image: { '/agent/agent.exe': 'agent 7', '/agent/certs/ca.pem': 'ca-bundle\n', '/agent/conf dir/app.yaml': 'listen: 8080\n' },
  }),
  fixture('multi-stage', {
    suffix: '--target installer',
    exit: 0,
    args: ['--build-arg', `AGENT_SHA256=${sha256(archives.agent)}`, '--target', 'installer'],
    tools: ['unzip'],
    downloads: downloads({ 'https://downloads.example.com/agent/agent.zip': archives.agent }),
    image: { '/agent/agent.exe': 'agent 7' },
  }),
  fixture('toolchains', { exit: 0, image: { '/probe/probe.exe': /^go build -trimpath -o \/out\/probe\.exe \. GOOS=windows GOARCH=amd64 CGO_ENABLED=0/, '/web/app.dll': 'dotnet publish -c Release -o /out/web -r win-x64\n' } }),
  fixture('toolchains', { suffix: '--image-map', exit: 0, args: ['--image-map', 'mcr.microsoft.com/dotnet/sdk:8.0=registry.example.com/mirror/dotnet-sdk:8.0'] }),
  fixture('escape-kept', { exit: 0, image: { '/info/info.txt': 'generated\n' } }),
  // Both RUNs use C:\temp and delete it: the second must recreate it before downloading into it.
  fixture('temp-dir', {
    exit: 0,
    tools: ['curl', 'unzip'],
    downloads: downloads({ 'https://downloads.example.com/tool/v1.2.3/tool-1.2.3-win64.zip': archives.tool, 'https://downloads.example.com/pkg/pkg.zip': archives.pkg }),
    image: { '/tools/tool-1.2.3/tool.exe': 'tool 1.2.3', '/pkg/pkg/bin/app.exe': 'app 5', '/temp': null },
  }),
  // Copy-Item/Move-Item of `dir\*`: the shell must expand the glob, so it cannot be quoted.
  fixture('globs', {
    exit: 0,
    args: ['--build-arg', `PKG_SHA256=${sha256(archives.pkg)}`],
    tools: ['unzip'],
    downloads: downloads({ 'https://downloads.example.com/pkg/pkg.zip': archives.pkg }),
    image: { '/app/pkg/bin/app.exe': 'app 5', '/app/pkg/README.txt': 'read me', '/bin/app.exe': 'app 5', '/staging/pkg/bin/app.exe': null, '/pkg.zip': null },
  }),
  // The RUN reads a context file the image got by COPY, and deletes it: it must not reach the image.
  fixture('context-input', {
    exit: 0,
    tools: ['unzip'],
    image: { '/app/bin/setup-app.exe': 'setup app 1', '/setup/setup.zip': null, "/Program Files/Tool/it's here.txt": /^it's \$HOME/ },
  }),
  fixture('path-in-stage', { exit: 0, image: { '/tools/version.txt': /^1\.0/ } }),
];

export const SAMPLE_NAMES = readdirSync(join(ROOT, 'samples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The samples whose Windows-only steps need a dependency image (convert --deps). */
export const DEPS_SAMPLES = ['iis-site', 'msi-install'];
/** The Windows versions the multi-version samples are converted for. */
export const VERSIONS = ['ltsc2019', 'ltsc2022', 'ltsc2025'];
