import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!hasPreCommit) console.warn('skipping the pre-commit hook test: pre-commit is not installed (Debian package pre-commit)');

describe.skipIf(!hasPreCommit)('the pre-commit hook', () => {
  it('installs with the node language and lints the Dockerfiles of a repository', () => {
    const repo = mkdtempSync(join(tmpdir(), 'winfile-hook-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    writeFileSync(join(repo, 'Dockerfile'), 'FROM mcr.microsoft.com/windows/servercore:ltsc2025\nRUN echo hi\n');
    mkdirSync(join(repo, 'svc'));
    writeFileSync(join(repo, 'svc/app.dockerfile'), 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2025\nCOPY app.exe /app/app.exe\n');
    writeFileSync(join(repo, 'notes.md'), 'FROM is not a Dockerfile here\n');
    git('add', '-A');
    // try-repo runs the hook as defined in this working tree, uncommitted changes included.
    const r = spawnSync('pre-commit', ['try-repo', root, 'winfile', '--all-files', '--color', 'never'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: join(repo, '.pre-commit-home') },
    });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toContain('Dockerfile:2:1: error WF101 ');
    expect(out).toContain('svc/app.dockerfile:1:6: info WF203 ');
    expect(out).toContain('2 files checked for buildkit');
    expect(out).not.toContain('notes.md');
  }, 300_000);
});
