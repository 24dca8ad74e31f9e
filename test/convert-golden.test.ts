import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, scratchDirs } from './helpers/files.ts';
import { cli } from './helpers/cli.ts';
import { CASES, ROOT, SAMPLE_NAMES } from './harness/cases.ts';

// UPDATE_GOLDEN=1 npx vitest run test/convert-golden.test.ts rewrites samples/*/Dockerfile.cross
// and samples/*/convert-report.md after a deliberate change (review the diff before committing).
const freshDir = scratchDirs('winfile-convert-golden-');


const convert = (args: string[]) => cli(['convert', '--to', 'buildkit', ...args], { cwd: ROOT });

describe('convert --to buildkit: bundled samples match their golden output', () => {
  it('has a case for every bundled sample', () => {
    expect(CASES.filter((c) => c.name.startsWith('sample ')).map((c) => c.name.slice(7))).toEqual(SAMPLE_NAMES);
  });
  for (const c of CASES.filter((x) => x.name.startsWith('sample '))) {
    const name = c.name.slice(7);
    it(`${name}: Dockerfile.cross, convert-report.md, exit ${c.exit}`, async () => {
      const dir = freshDir();
      const r = await convert([c.input, '-o', join(dir, 'Dockerfile.cross'), '--report', join(dir, 'convert-report.md')]);
      expect(r.code, r.stderr).toBe(c.exit);
      expect(r.stdout).toBe('');
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile.cross', 'convert-report.md']);
      const cross = readFileSync(join(dir, 'Dockerfile.cross'), 'utf8');
      // The report lists where it wrote; the golden names the files as if written next to the sample.
      golden(join(ROOT, 'samples', name, 'convert-report.md'), readFileSync(join(dir, 'convert-report.md'), 'utf8').replaceAll(dir, `samples/${name}`));
      // Without -o the text goes to standard output, assumed to be saved next to the input; with
      // -o elsewhere only the build context in the header's build command differs.
      const out = await convert([c.input]);
      golden(join(ROOT, 'samples', name, 'Dockerfile.cross'), out.stdout);
      const context = relative(dir, join(ROOT, 'samples', name));
      expect(cross).toBe(out.stdout.replace(/ --push \.\n/, ` --push ${context}\n`));
    });
  }
});

describe('convert --to buildkit: exit codes of the extra conversion paths', () => {
  for (const c of CASES.filter((x) => !x.name.startsWith('sample '))) {
    it(`${c.name}: exit ${c.exit}`, async () => {
      const r = await convert([c.input, ...c.args]);
      expect(r.code, r.stderr).toBe(c.exit);
      expect(r.stdout).toMatch(/^# syntax=docker\/dockerfile:1\.\d+\n/);
    });
  }

  it('a stage --target names that is not a Windows stage, or does not exist, is a usage error', async () => {
    const linux = await convert(['test/fixtures/convert/multi-stage.Dockerfile', '--target', 'certs']);
    expect([linux.code, linux.stdout]).toEqual([2, '']);
    expect(linux.stderr).toContain('not a Windows stage');
    const none = await convert(['test/fixtures/convert/multi-stage.Dockerfile', '--target', 'nope']);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toContain('there is no stage named "nope"');
  });
});

describe('convert safety', () => {
  const input = () => {
    const dir = freshDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, readFileSync(join(ROOT, 'samples/go-service/Dockerfile')));
    return { dir, file, text: readFileSync(file, 'utf8') };
  };

  it('never writes over the input: same path, ./ path, symlink, --report, even with --force', async () => {
    const { dir, file, text } = input();
    symlinkSync(file, join(dir, 'link'));
    const viaDot = `./${relative(process.cwd(), file)}`;
    for (const args of [['-o', file], ['-o', viaDot], ['-o', join(dir, 'link')], ['-o', join(dir, '.', 'Dockerfile'), '--force'], ['-o', join(dir, 'link'), '--force'], ['--report', file, '--force']]) {
      const r = await convert([file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('refusing to overwrite the input Dockerfile');
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    // The input given through a symlink is protected the same way.
    const r = await convert([join(dir, 'link'), '-o', file, '--force']);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'link']);
  });

  it('refuses an existing -o without --force and leaves it untouched', async () => {
    const { dir, file } = input();
    const out = join(dir, 'Dockerfile.cross');
    writeFileSync(out, 'precious\n');
    const before = statSync(out).mtimeMs;
    const r = await convert([file, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; use --force');
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it('refuses before writing anything when one companion file exists', async () => {
    const { dir, file } = input();
    writeFileSync(join(dir, 'docker-bake.json'), '{}\n');
    const r = await convert([file, '-o', join(dir, 'Dockerfile.cross'), '--windows-versions', 'ltsc2022,ltsc2025']);
    expect(r.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'docker-bake.json']);
    expect(readFileSync(join(dir, 'docker-bake.json'), 'utf8')).toBe('{}\n');
  });

  it('creates the folder of -o, and reports one line (exit 2) when it cannot write there', async () => {
    const { dir, file } = input();
    const made = await convert([file, '-o', join(dir, 'ci', 'Dockerfile.cross')]);
    expect(made.code).toBe(0);
    expect(readdirSync(join(dir, 'ci'))).toEqual(['Dockerfile.cross']);
    const blocked = await convert([file, '-o', join(dir, 'Dockerfile', 'out')]);
    expect([blocked.code, blocked.stdout]).toEqual([2, '']);
    expect(blocked.stderr).toBe(`winfile: cannot write ${join(dir, 'Dockerfile', 'out')}: a parent is not a directory\n`);
  });

  it('writes no output at all when one of them cannot be written', async () => {
    const { dir, file } = input();
    const r = await convert([file, '-o', join(dir, 'Dockerfile.cross'), '--report', join(dir, 'Dockerfile', 'report.md')]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`winfile: cannot write ${join(dir, 'Dockerfile', 'report.md')}: a parent is not a directory\n`);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('replaces an existing -o with --force, atomically (no temporary file left)', async () => {
    const { dir, file } = input();
    const out = join(dir, 'Dockerfile.cross');
    writeFileSync(out, 'old\n');
    const r = await convert([file, '-o', out, '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await convert([file])).stdout);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'Dockerfile.cross']);
  });

  it('leaves no temporary file when the write fails', async () => {
    const { dir, file } = input();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep'), 'x');
    // -o names a non-empty directory: the rename fails after the temporary file was written.
    const r = await convert([file, '-o', join(dir, 'out'), '--force']);
    expect(r.code).not.toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'out']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['keep']);
  });

  it('refuses two outputs with the same path (-o and --report), rather than one overwriting the other', async () => {
    const { dir, file } = input();
    const out = join(dir, 'out.txt');
    const r = await convert([file, '-o', out, '--report', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('--windows-versions without -o is a usage error and writes nothing', async () => {
    const { dir, file } = input();
    const r = await convert([file, '--windows-versions', 'ltsc2022,ltsc2025']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('must be written next to the output: give -o FILE');
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    expect(existsSync(join(ROOT, 'docker-bake.json'))).toBe(false);
  });
});

describe('--windows-versions: bake file and publish script', () => {
  // Tags the base images have for each version (research/buildkit-windows.md §5.2).
  const KNOWN_TAGS: Record<string, string[]> = {
    'mcr.microsoft.com/windows/nanoserver': ['1809', 'ltsc2022', 'ltsc2025'],
    'mcr.microsoft.com/windows/servercore': ['ltsc2019', 'ltsc2022', 'ltsc2025'],
    'mcr.microsoft.com/dotnet/aspnet': ['8.0-nanoserver-1809', '8.0-nanoserver-ltsc2022', '8.0-nanoserver-ltsc2025'],
  };
  for (const name of ['go-service', 'dotnet-nanoserver', 'powershell-tool']) {
    it(`${name}: one bake target per version whose base image tag exists`, async () => {
      const dir = freshDir();
      const out = join(dir, 'Dockerfile.cross');
      const r = await convert([`samples/${name}/Dockerfile`, '-o', out, '--windows-versions', 'ltsc2019,ltsc2022,ltsc2025']);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile.cross', 'docker-bake.json', 'publish.sh']);
      const cross = readFileSync(out, 'utf8');
      const from = /^FROM (\S+)$/m.exec(cross.slice(cross.lastIndexOf('\nFROM ') + 1))?.[1] ?? '';
      const bake = JSON.parse(readFileSync(join(dir, 'docker-bake.json'), 'utf8')) as { group: { default: { targets: string[] } }; target: Record<string, { context: string; dockerfile: string; platforms: string[]; args: Record<string, string>; tags: string[] }> };
      expect(bake.group.default.targets).toEqual(['ltsc2019', 'ltsc2022', 'ltsc2025']);
      for (const v of bake.group.default.targets) {
        const t = bake.target[v];
        // Bake resolves the context against the bake file's folder and the Dockerfile against the
        // context: together they must name the converted file, and the context is the sample's folder.
        expect(resolve(dir, t?.context ?? '', t?.dockerfile ?? '')).toBe(out);
        expect(resolve(dir, t?.context ?? '')).toBe(resolve(`samples/${name}`));
        expect(t?.platforms).toEqual(['windows/amd64']);
        expect(t?.tags).toEqual([`\${IMAGE}:\${TAG}-${v}`]);
        const arg = Object.entries(t?.args ?? {});
        expect(arg).toHaveLength(1);
        expect(cross).toMatch(new RegExp(`^ARG ${arg[0]?.[0]}=`, 'm'));
        const image = from.replace(`\${${arg[0]?.[0]}}`, arg[0]?.[1] ?? '');
        const [repo = '', tag = ''] = image.split(':');
        expect(KNOWN_TAGS[repo], image).toContain(tag);
      }
      const publish = join(dir, 'publish.sh');
      const script = readFileSync(publish, 'utf8');
      expect(spawnSync('bash', ['-n', publish]).status).toBe(0);
      for (const v of bake.group.default.targets) expect(script).toContain(`"$IMAGE:$TAG-"${v}`);
      expect(script).toContain('docker buildx bake -f docker-bake.json --push');
    });
  }

  it('publish.sh is executable (the emitter marks it so)', async () => {
    const dir = freshDir();
    await convert(['samples/go-service/Dockerfile', '-o', join(dir, 'Dockerfile.cross'), '--windows-versions', 'ltsc2022,ltsc2025']);
    expect(statSync(join(dir, 'publish.sh')).mode & 0o111).not.toBe(0);
  });
});
