import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDirs } from './helpers/files.ts';
import { cli } from './helpers/cli.ts';
import { CASES, ROOT, type ConvertCase, type Expectation } from './harness/cases.ts';
import { serve, type FixtureServer } from './harness/fixtures.ts';
import { assembleWindowsImage } from './harness/image.ts';
import { playLinuxStages, StepError } from './harness/play.ts';
import { bwrapArgs, missingTools, runSandboxed, sandboxAvailable } from './harness/sandbox.ts';

/**
 * The Linux stages of converted files really run: each is played in a bubblewrap sandbox (see
 * test/harness/play.ts and sandbox.ts) against archives served from 127.0.0.1, and the files the
 * Windows stage copies from them must exist with the expected content. URLs stay as generated;
 * the harness's curl and ADD send https://host/path to the local server (test/harness/stubs.ts),
 * so the converted text is exactly what users get. Only powershell-tool's checksum, which is the
 * real ripgrep release's, is swapped for the fixture archive's before converting.
 */
const sandbox = sandboxAvailable();
if (!sandbox.ok) console.warn(`convert-run: skipped: ${sandbox.reason}`);

const freshDir = scratchDirs('winfile-convert-run-');

async function converted(c: ConvertCase, text?: string): Promise<string> {
  const r = text === undefined ? await cli(['convert', '--to', 'buildkit', ...c.args, c.input], { cwd: ROOT }) : await cli(['convert', '--to', 'buildkit', ...c.args, '-'], { cwd: ROOT, stdin: text });
  expect(r.code, r.stderr).toBeLessThan(2);
  return r.stdout;
}

/** Names and modification times below `dir`: the context must come out of a run untouched. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => `${f} ${statSync(join(dir, f)).mtimeMs}`);
}

function check(path: string, actual: string | undefined, isDir: boolean, expected: Expectation): void {
  if (expected === null) return expect(actual === undefined && !isDir, `${path} must not reach the image`).toBe(true);
  expect(actual, `${path} in the image`).toBeDefined();
  if (typeof expected === 'string') expect(actual, path).toBe(expected);
  else expect(actual, path).toMatch(expected);
}

describe.skipIf(!sandbox.ok)('the Linux stages of converted files run (bubblewrap)', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    const files = new Map<string, Buffer>();
    for (const c of CASES) for (const [url, body] of c.downloads?.() ?? []) files.set(url, body);
    server = await serve(files);
  });
  afterAll(() => server?.close());

  for (const c of CASES.filter((x) => x.image)) {
    it(`${c.name}: the Windows stage gets the files it copies`, async ({ skip }) => {
      const missing = missingTools(c.tools ?? []);
      if (missing.length > 0) skip(`the host lacks ${missing.join(', ')} (what apk add installs in the real image)`);
      const before = snapshot(c.context);
      const input = readFileSync(join(ROOT, c.input), 'utf8');
      const text = await converted(c, c.variant ? c.variant(input) : undefined);
      const played = await playLinuxStages({ dockerfile: text, context: c.context, workdir: freshDir(), port: server.port });
      const image = assembleWindowsImage(played.model, played.roots, c.context);
      for (const [path, expected] of Object.entries(c.image ?? {})) check(path, image.files.get(path), image.dirs.has(path), expected);
      // Only cmd-style's broken COPY (reported as manual work) names files the context lacks.
      expect(image.missingContext).toEqual(c.name === 'sample cmd-style' ? ['C:nssmCMD', '[cmd,', '/S,', '/C,'] : []);
      expect(image.unverified).toEqual([]);
      expect(snapshot(c.context)).toEqual(before);
    });
  }

  it('an ADD --checksum that does not match the download fails the step', async () => {
    // powershell-tool as written: its checksum is the real ripgrep archive's, not the fixture's.
    const c = CASES.find((x) => x.name === 'sample powershell-tool') as ConvertCase;
    const text = await converted(c);
    const run = playLinuxStages({ dockerfile: text, context: c.context, workdir: freshDir(), port: server.port });
    await expect(run).rejects.toThrow(StepError);
    await expect(run).rejects.toThrow(/checksum mismatch: expected sha256:d0f534024c42/);
  });

  it('a download the server does not have fails the step (curl -f)', async () => {
    const c = CASES.find((x) => x.name === 'sample cmd-style') as ConvertCase;
    const text = (await converted(c)).replace('nssm-2.24.zip', 'nssm-9.99.zip');
    await expect(playLinuxStages({ dockerfile: text, context: c.context, workdir: freshDir(), port: server.port })).rejects.toThrow(/stage prepare, line \d+: exit 22/);
  });
});

describe.skipIf(!sandbox.ok)('the sandbox writes nowhere but the stage root', () => {
  it('binds only the root writable; every other host path is read-only', () => {
    const args = bwrapArgs({ root: '/tmp/r', cwd: '/', env: { PATH: '/bin' }, argv: ['/bin/true'], readOnly: [{ host: '/tmp/ctx', at: '/tmp/.harness/src' }] });
    const TWO = new Set(['--bind', '--ro-bind', '--symlink', '--setenv', '--dev-bind', '--bind-try', '--ro-bind-try', '--dev-bind-try']);
    const binds: [string, string, string][] = [];
    for (let i = 0; i < args.length && args[i] !== '--'; i++) {
      const a = args[i] as string;
      if (TWO.has(a)) binds.push([a, args[++i] as string, args[++i] as string]);
    }
    expect(binds.filter(([op]) => op === '--bind' || op.startsWith('--dev-bind') || op === '--bind-try')).toEqual([['--bind', '/tmp/r', '/']]);
    // Read-only: the host's programs and libraries, and the declared source directory.
    expect(binds.filter(([op]) => op === '--ro-bind').map(([, host]) => host)).toEqual([...['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64'].filter((d) => existsSync(d)), '/tmp/ctx']);
    expect(args).toEqual(expect.arrayContaining(['--unshare-all', '--share-net', '--clearenv', '--die-with-parent']));
    expect(args.slice(0, args.indexOf('--'))).not.toContain('--share-user');
  });

  it('a step cannot see or write host files, and its writes land in the root', async () => {
    const root = freshDir();
    // Outside /tmp, which the sandbox replaces with an empty tmpfs (a clone may live under /tmp).
    const probeDir = ROOT.startsWith('/tmp/') ? `/srv/winfile-${process.pid}` : ROOT;
    const probe = join(probeDir, `.winfile-sandbox-probe-${process.pid}`);
    const script = [
      `test -e ${ROOT}/package.json && echo "sees the repository"`,
      'test -e /etc/passwd && echo "sees /etc"',
      'touch /usr/.winfile-probe 2>/dev/null && echo "writes /usr"',
      `mkdir -p ${probeDir} && echo inside > ${probe}`,
      'echo tmp > /tmp/t',
      'exit 0',
    ].join('\n');
    const r = await runSandboxed({ root, cwd: '/', env: { PATH: '/usr/bin:/bin' }, argv: ['/bin/sh', '-c', script] });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(existsSync(probe)).toBe(false);
    expect(readFileSync(join(root, probe), 'utf8')).toBe('inside\n');
    expect(existsSync(join(root, 'tmp', 't'))).toBe(false);
    expect(existsSync('/usr/.winfile-probe')).toBe(false);
  });

  it('a played root holds the stage files plus the sandbox mount points, nothing else', async () => {
    const server = await serve(new Map());
    try {
      const c = CASES.find((x) => x.name === 'fixture escape-kept') as ConvertCase;
      const dir = freshDir();
      const played = await playLinuxStages({ dockerfile: await converted(c), context: c.context, workdir: dir, port: server.port });
      const mounts = new Set(['bin', 'sbin', 'lib', 'lib32', 'lib64', 'usr', 'dev', 'proc', 'tmp']);
      expect(readdirSync(played.roots.get('gen') as string).filter((e) => !mounts.has(e))).toEqual(['gen']);
      // Everything the harness itself writes is under its work directory.
      expect(readdirSync(dir).sort()).toEqual(['roots', 'stubs']);
    } finally {
      await server.close();
    }
  });
});
