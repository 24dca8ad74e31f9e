import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.ts';

const WINDOWS_RUN = 'FROM mcr.microsoft.com/windows/servercore:ltsc2025\nRUN echo hi\n';
// ltsc2025 is in mainstream support, so only info-level findings can appear.
const CLEAN = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2025\nCOPY app.exe /app/app.exe\n';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'winfile-cli-'));
}

describe('winfile lint: inputs', () => {
  it('reads standard input with -', async () => {
    const r = await cli(['lint', '--format', 'json', '-'], { stdin: WINDOWS_RUN });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.files[0].path).toBe('-');
    expect(json.files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('WF101');
  });

  it('names stdin with --stdin-filename', async () => {
    const r = await cli(['lint', '-f', 'json', '--stdin-filename', 'build/Dockerfile', '-'], { stdin: CLEAN });
    expect(JSON.parse(r.stdout).files[0].path).toBe('build/Dockerfile');
  });

  it('walks directories for Dockerfile names, skipping .git and node_modules', async () => {
    const dir = tmp();
    for (const f of ['Dockerfile', 'svc/Dockerfile.windows', 'x/app.Dockerfile', 'y/build.dockerfile', 'z/Containerfile', '.git/Dockerfile', 'node_modules/m/Dockerfile', 'docs/readme.md']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), CLEAN);
    }
    const r = await cli(['lint', '-f', 'json', dir]);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path.slice(dir.length + 1));
    expect(paths).toEqual(['Dockerfile', 'svc/Dockerfile.windows', 'x/app.Dockerfile', 'y/build.dockerfile', 'z/Containerfile']);
    expect(r.code).toBe(0);
  });

  it('decodes UTF-8 with BOM, UTF-16 LE and BE with BOM, and CRLF', async () => {
    const dir = tmp();
    const crlf = WINDOWS_RUN.replace(/\n/g, '\r\n');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
    const be = Buffer.from(le.subarray(2));
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    writeFileSync(join(dir, 'bom.Dockerfile'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]));
    writeFileSync(join(dir, 'le.Dockerfile'), le);
    writeFileSync(join(dir, 'be.Dockerfile'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const r = await cli(['lint', '-f', 'json', dir]);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { error: unknown }) => f.error)).toEqual([null, null, null]);
    for (const f of files) expect(f.diagnostics.find((d: { ruleId: string }) => d.ruleId === 'WF101')).toMatchObject({ ruleId: 'WF101', range: { start: { line: 2, column: 1 }, end: { line: 2, column: 4 } } });
  });

  it('reports unusable inputs on one stderr line each, exits 2 and still lints the rest', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bin.Dockerfile'), Buffer.from([0x46, 0x52, 0x00, 0x01]));
    writeFileSync(join(dir, 'latin1.Dockerfile'), Buffer.from('FROM x\nLABEL a=\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'empty.Dockerfile'), '# nothing here\n');
    writeFileSync(join(dir, 'ok.Dockerfile'), WINDOWS_RUN);
    const locked = join(dir, 'locked.Dockerfile');
    writeFileSync(locked, CLEAN);
    chmodSync(locked, 0);
    mkdirSync(join(dir, 'empty-dir'));
    const r = await cli(['lint', '-f', 'json', dir, join(dir, 'missing'), join(dir, 'empty-dir')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContain(`winfile: ${join(dir, 'bin.Dockerfile')}: binary file (NUL byte at offset 2), not a Dockerfile`);
    expect(lines).toContain(`winfile: ${join(dir, 'latin1.Dockerfile')}: invalid UTF-8 at byte offset 15; save the file as UTF-8`);
    expect(lines).toContain(`winfile: ${join(dir, 'empty.Dockerfile')}:1:1: BuildKit's parser rejects this file: file with no instructions`);
    expect(lines).toContain(`winfile: ${join(dir, 'missing')}: no such file or directory`);
    expect(lines).toContain(`winfile: ${join(dir, 'empty-dir')}: no Dockerfiles found (looked for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile)`);
    if (process.getuid?.() !== 0) expect(lines).toContain(`winfile: ${locked}: permission denied`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path.endsWith('ok.Dockerfile'));
    expect(ok.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('WF101');
  });
});

describe('winfile lint: exit codes and thresholds', () => {
  it('exits 0 when nothing reaches the threshold', async () => {
    expect((await cli(['lint', '-'], { stdin: CLEAN })).code).toBe(0);
    expect((await cli(['lint', '--failure-threshold', 'none', '-'], { stdin: WINDOWS_RUN })).code).toBe(0);
    expect((await cli(['lint', '--no-fail', '-'], { stdin: WINDOWS_RUN })).code).toBe(0);
  });
  it('exits 1 for findings at or above the threshold', async () => {
    expect((await cli(['lint', '-t', 'error', '-'], { stdin: WINDOWS_RUN })).code).toBe(1);
  });
  it('exits 2 with one line for usage errors', async () => {
    for (const argv of [['lint'], ['lint', '--target', 'podman', '-'], ['lint', '--format', 'xml', '-'], ['lint', '--bogus'], ['frobnicate'], ['lint', '--crane-version', 'latest', '-']]) {
      const r = await cli(argv, { stdin: CLEAN });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });
  it('prints the version', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('winfile lint: config', () => {
  it('finds .winfile.yaml upwards and applies severity and ignores', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(join(dir, '.winfile.yaml'), 'severity:\n  WF101: warning\nfailureThreshold: error\n');
    writeFileSync(join(dir, 'a/b/Dockerfile'), WINDOWS_RUN);
    const r = await cli(['lint', '-f', 'json', join(dir, 'a/b/Dockerfile')]);
    expect(JSON.parse(r.stdout).files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === 'WF101').severity).toBe('warning');
    expect(r.code).toBe(0);
  });

  it('rejects a bad key or value with one line naming the file and the key', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'Dockerfile'), CLEAN);
    writeFileSync(join(dir, '.winfile.yaml'), 'targett: crane\n');
    let r = await cli(['lint', join(dir, 'Dockerfile')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`winfile: ${join(dir, '.winfile.yaml')}: unknown key "targett"\n`);
    writeFileSync(join(dir, '.winfile.yaml'), 'severity:\n  WF101: fatal\n');
    r = await cli(['lint', join(dir, 'Dockerfile')]);
    expect(r.stderr).toBe(`winfile: ${join(dir, '.winfile.yaml')}: severity.WF101: must be one of "error", "warning", "info", "style", "off"\n`);
    writeFileSync(join(dir, '.winfile.yaml'), 'target: [crane\n');
    r = await cli(['lint', join(dir, 'Dockerfile')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^winfile: .*\.winfile\.yaml: invalid YAML at line \d+, column \d+: /);
  });

  it('uses --config instead of discovery', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'cfg.yaml'), 'ignore: [WF101]\n');
    const r = await cli(['lint', '-c', join(dir, 'cfg.yaml'), '-'], { stdin: WINDOWS_RUN });
    expect(r.code).toBe(0);
  });
});

describe('winfile lint: outputs', () => {
  it('pairs --format with --output and writes files', async () => {
    const dir = tmp();
    const r = await cli(['lint', '-f', 'json', '-o', join(dir, 'out.json'), '-f', 'tty', '-'], { stdin: WINDOWS_RUN });
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).files).toHaveLength(1);
    expect(r.stdout).toMatch(/^-:2:1: error WF101 /m);
  });

  it('writes none of its files when one cannot be written (exit 2, one line)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), '');
    const blocked = join(dir, 'file', 'out.sarif');
    const r = await cli(['lint', '-f', 'json', '-o', join(dir, 'out.json'), '-f', 'sarif', '-o', blocked, '-'], { stdin: WINDOWS_RUN });
    expect([r.code, r.stderr]).toEqual([2, `winfile: cannot write ${blocked}: a parent is not a directory\n`]);
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('keeps plain output free of ANSI codes when not a terminal or NO_COLOR is set', async () => {
    const plain = await cli(['lint', '-'], { stdin: WINDOWS_RUN });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const noColor = await cli(['lint', '-'], { stdin: WINDOWS_RUN, tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toBe(plain.stdout);
  });
});
