import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Runs one build step of a Linux stage in a bubblewrap sandbox whose root filesystem is a fresh
 * temporary directory. Only that directory is writable; the host's /usr (tools: sh, cp, curl,
 * unzip, tar, 7z) is mounted read-only, /proc, /dev and /tmp are private, and no other host path
 * exists inside. The network namespace is shared so that curl can reach the test's HTTP server
 * on 127.0.0.1; no /etc (so no resolv.conf, no hosts file) is visible, so names do not resolve
 * and nothing beyond that server is reachable by name.
 */
export interface SandboxSpec {
  /** Host directory that becomes `/`, the only writable host path. */
  root: string;
  /** Host paths visible read-only at a path inside /tmp (so no mount point lands in the root). */
  readOnly?: { host: string; at: string }[];
  cwd: string;
  env: Record<string, string>;
  /** The process to run: argv[0] is looked up in the sandbox. */
  argv: string[];
}

export interface SandboxResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Host directories for programs and their libraries, read-only, each only if it exists. Bind
 * mounts rather than symlinks (merged-/usr hosts have /bin -> usr/bin): a mount point that
 * already exists in the root from an earlier step is reused, a symlink would be refused.
 */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64'];

/** The complete bwrap command line; a pure function of its input, so a test can check what it grants. */
export function bwrapArgs(spec: SandboxSpec): string[] {
  const args = ['--unshare-all', '--share-net', '--die-with-parent', '--new-session', '--clearenv', '--uid', '0', '--gid', '0'];
  args.push('--bind', spec.root, '/');
  for (const dir of SYSTEM_DIRS.filter((d) => existsSync(d))) args.push('--ro-bind', dir, dir);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  for (const b of spec.readOnly ?? []) {
    if (!b.at.startsWith('/tmp/')) throw new Error(`read-only mounts go under /tmp, not ${b.at}`);
    args.push('--ro-bind', b.host, b.at);
  }
  for (const [k, v] of Object.entries(spec.env)) args.push('--setenv', k, v);
  args.push('--chdir', spec.cwd, '--', ...spec.argv);
  return args;
}

export function runSandboxed(spec: SandboxSpec, timeoutMs = 20_000): Promise<SandboxResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bwrap', bwrapArgs(spec), { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

let probed: { ok: true } | { ok: false; reason: string } | undefined;

/** Whether bwrap exists and may create the namespaces it needs (containers often forbid it). */
export function sandboxAvailable(): { ok: true } | { ok: false; reason: string } {
  if (probed) return probed;
  const version = spawnSync('bwrap', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return (probed = { ok: false, reason: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' });
  const run = spawnSync('bwrap', ['--unshare-all', '--share-net', '--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', ...(existsSync('/lib64') ? ['--symlink', 'usr/lib64', '/lib64'] : []), '--symlink', 'usr/lib', '/lib', '--proc', '/proc', '--dev', '/dev', '--', '/bin/sh', '-c', 'exit 0'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return (probed = { ok: false, reason: `bwrap cannot create user namespaces here: ${(run.stderr || String(run.error)).trim()}` });
  return (probed = { ok: true });
}

/** Host programs the converted scripts call; `apk add` would install them in the real image. */
export function missingTools(tools: string[]): string[] {
  return tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).status !== 0);
}
