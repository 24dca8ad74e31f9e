/**
 * Test support for the crane emitter: an emulation of how crane's flags read their values (Go's
 * encoding/csv and pflag), fake crane/docker/tar commands that record their argv, and plans
 * built the way `winfile convert` builds them. Only tests import this file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../analyze/analyze-run.ts';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { buildPlan } from '../plan/build-plan.ts';
import type { BuildPlan } from '../plan/types.ts';

/** A plan as `winfile convert` makes it (no config file). */
export function planOf(path: string, text: string): BuildPlan {
  const catalog = new Catalog([]);
  const model = buildModel(path, text, { catalog });
  return buildPlan(model, { analyze: analyzeRun, catalog });
}

/** encoding/csv Reader.Read with default options: the first record, or an error. */
export function goCsvRead(input: string): string[] {
  let rest = input;
  const readLine = (): string | undefined => {
    if (rest === '') return undefined;
    const nl = rest.indexOf('\n');
    let line = nl < 0 ? rest : rest.slice(0, nl + 1);
    rest = nl < 0 ? '' : rest.slice(nl + 1);
    if (nl < 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.endsWith('\r\n')) line = `${line.slice(0, -2)}\n`;
    return line;
  };
  const nlLen = (s: string) => (s.endsWith('\n') ? 1 : 0);
  let line: string | undefined;
  do line = readLine();
  while (line !== undefined && line.length === nlLen(line));
  if (line === undefined) throw new Error('EOF');
  const fields: string[] = [];
  for (;;) {
    if (!line.startsWith('"')) {
      const i = line.indexOf(',');
      const field = i >= 0 ? line.slice(0, i) : line.slice(0, line.length - nlLen(line));
      if (field.includes('"')) throw new Error('bare " in non-quoted field');
      fields.push(field);
      if (i < 0) return fields;
      line = line.slice(i + 1);
      continue;
    }
    let field = '';
    line = line.slice(1);
    for (;;) {
      const i = line.indexOf('"');
      if (i >= 0) {
        field += line.slice(0, i);
        line = line.slice(i + 1);
        if (line.startsWith('"')) {
          field += '"';
          line = line.slice(1);
        } else if (line.startsWith(',')) {
          line = line.slice(1);
          fields.push(field);
          break;
        } else if (line.length === nlLen(line)) {
          fields.push(field);
          return fields;
        } else throw new Error('extraneous or missing " in quoted-field');
      } else if (line.length > 0) {
        field += line;
        const next = readLine();
        if (next === undefined) throw new Error('extraneous or missing " in quoted-field');
        line = next;
      } else throw new Error('extraneous or missing " in quoted-field');
    }
  }
}

/** pflag StringSlice: every occurrence is one CSV record, appended. */
export function pflagStringSlice(values: string[]): string[] {
  return values.flatMap((v) => (v === '' ? [] : goCsvRead(v)));
}

/** pflag v1.0.x StringToString, merged over occurrences. */
export function pflagStringToString(values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const val of values) {
    const n = val.split('=').length - 1;
    if (n === 0) throw new Error(`${val} must be formatted as key=value`);
    const pairs = n === 1 ? [val.replace(/^"+|"+$/g, '')] : goCsvRead(val);
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq < 0) throw new Error(`${p} must be formatted as key=value`);
      out.set(p.slice(0, eq), p.slice(eq + 1));
    }
  }
  return out;
}

export interface MutateResult {
  source: string;
  tag?: string;
  platform?: string;
  env: [string, string][];
  labels: Map<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
  workdir?: string;
  exposedPorts?: string[];
  unknown: string[];
}

/** What `crane mutate` (v0.15.0+) reads from its argv. */
export function decodeMutate(argv: string[]): MutateResult {
  const at = argv[0] === 'crane' ? 2 : 1;
  const r: MutateResult = { source: '', env: [], labels: new Map(), unknown: [] };
  const slices: Record<string, string[]> = { entrypoint: [], cmd: [], 'exposed-ports': [] };
  const labels: string[] = [];
  for (let i = at; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(a);
    const takeValue = () => (m?.[2] !== undefined ? m[2] : (argv[++i] as string));
    if (a === '-t') r.tag = argv[++i] as string;
    else if (!m) {
      if (a.startsWith('-')) r.unknown.push(a);
      else r.source = a;
    } else if (m[1] === 'platform') r.platform = takeValue();
    else if (m[1] === 'env') {
      const v = takeValue();
      const eq = v.indexOf('=');
      r.env.push([v.slice(0, eq), v.slice(eq + 1)]);
    } else if (m[1] === 'label') labels.push(takeValue());
    else if (m[1] === 'user') r.user = takeValue();
    else if (m[1] === 'workdir') r.workdir = takeValue();
    else if (m[1] === 'tag') r.tag = takeValue();
    else if (m[1] && m[1] in slices) (slices[m[1]] as string[]).push(takeValue());
    else r.unknown.push(a);
  }
  r.labels = pflagStringToString(labels);
  if ((slices['entrypoint'] as string[]).length > 0) r.entrypoint = pflagStringSlice(slices['entrypoint'] as string[]);
  if ((slices['cmd'] as string[]).length > 0) r.cmd = pflagStringSlice(slices['cmd'] as string[]);
  if ((slices['exposed-ports'] as string[]).length > 0) r.exposedPorts = pflagStringSlice(slices['exposed-ports'] as string[]);
  return r;
}

/** A Windows base config the way MCR serves one, with ports so the merge has something to keep. */
export const BASE_CONFIG = {
  architecture: 'amd64',
  os: 'windows',
  'os.version': '10.0.20348.2700',
  config: { Env: null, Cmd: ['c:\\windows\\system32\\cmd.exe'], User: 'ContainerUser', ExposedPorts: { '443/tcp': {} } },
  rootfs: { type: 'layers', diff_ids: ['sha256:1111111111111111111111111111111111111111111111111111111111111111'] },
  history: [{ created: '2024-09-05T10:00:00Z', created_by: 'Apply image 10.0.20348.2700' }],
};

const FAKE = `#!/bin/bash
# Records its argv (NUL-separated: CALL, name, argc, args) and plays the command's part.
# crane edit config logs after reading its stdin, so a pipeline's calls are logged in order; the
# lock keeps the records of a pipeline's commands from interleaving.
name="\${0##*/}"
exec 9>>"$FAKE_LOG.lock"
if [ "$name" = crane ] && [ "$1" = edit ]; then
  s="$(cat; echo x)"
  flock 9
  printf '%s\\0' CALL "$name" "$#" "$@" STDIN "\${s%x}" >>"$FAKE_LOG"
else
  flock 9
  printf '%s\\0' CALL "$name" "$#" "$@" >>"$FAKE_LOG"
fi
flock -u 9
case "$name" in
  crane)
    if [ "$1" = config ]; then cat "$FAKE_CONFIG"; exit 0; fi
    echo "registry.example.com/team/app@sha256:2222222222222222222222222222222222222222222222222222222222222222"
    ;;
  docker|buildctl-daemonless.sh)
    for a in "$@"; do
      case "$a" in *dest=*) dest="\${a#*dest=}" ;; esac
    done
    mkdir -p "$dest"
    while IFS= read -r p; do
      [ -z "$p" ] && continue
      case "$p" in */) mkdir -p "$dest/$p" ;; *) mkdir -p "$(dirname "$dest/$p")"; echo data >"$dest/$p" ;; esac
    done <<<"$FAKE_ROOTFS"
    ;;
  tar)
    while [ "$#" -gt 0 ]; do
      if [ "$1" = -cf ]; then : >"$2"; fi
      shift
    done
    ;;
esac
`;

export interface Call {
  name: string;
  argv: string[];
  stdin?: string;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: Call[];
  dir: string;
  work: string;
}

let bwrapWorks: boolean | undefined;
function bwrap(): boolean {
  if (bwrapWorks === undefined) {
    bwrapWorks = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', 'true']).status === 0;
  }
  return bwrapWorks;
}

/**
 * Runs a bash crane plan with fake crane/docker/tar (real jq, find, sort) in a fresh directory,
 * read-only everywhere else when bubblewrap works. Returns every recorded call.
 */
export function runPlan(script: string, options: { rootfs?: string[]; env?: Record<string, string>; config?: unknown; prepare?: string; recordJq?: boolean } = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'winfile-crane-'));
  const fakes = join(dir, 'fakes');
  mkdirSync(fakes);
  for (const n of ['crane', 'docker', 'tar', 'buildctl-daemonless.sh']) {
    writeFileSync(join(fakes, n), FAKE);
    chmodSync(join(fakes, n), 0o755);
  }
  if (options.recordJq) {
    // The real jq, after writing down its argv.
    writeFileSync(join(fakes, 'jq'), `#!/bin/bash\nexec 9>>"$FAKE_LOG.lock"\nflock 9\nprintf '%s\\0' CALL jq "$#" "$@" >>"$FAKE_LOG"\nflock -u 9\nexec 9>&-\nexec /usr/bin/jq "$@"\n`);
    chmodSync(join(fakes, 'jq'), 0o755);
  }
  const plan = join(dir, 'plan');
  mkdirSync(plan);
  writeFileSync(join(plan, 'crane-plan.sh'), script);
  if (options.prepare !== undefined) writeFileSync(join(plan, 'Dockerfile.prepare'), options.prepare);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(options.config ?? BASE_CONFIG));
  const ctx = join(dir, 'ctx');
  mkdirSync(ctx);
  const work = join(dir, 'work');
  const log = join(dir, 'calls');
  writeFileSync(log, '');
  const env = { PATH: `${fakes}:/usr/bin:/bin`, HOME: dir, LANG: 'C.UTF-8', WORK: work, FAKE_LOG: log, FAKE_CONFIG: join(dir, 'config.json'), FAKE_ROOTFS: (options.rootfs ?? ['app/app.exe']).join('\n'), ...options.env };
  const cmd = ['bash', join(plan, 'crane-plan.sh')];
  const argv = bwrap() ? ['bwrap', '--ro-bind', '/', '/', '--bind', dir, dir, '--dev', '/dev', '--proc', '/proc', '--unshare-net', '--chdir', ctx, ...cmd] : cmd;
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: ctx, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: parseCalls(readFileSync(log, 'utf8')), dir, work };
}

function parseCalls(text: string): Call[] {
  const parts = text.split('\0');
  const calls: Call[] = [];
  for (let i = 0; i < parts.length - 1; ) {
    const kind = parts[i++];
    if (kind === 'STDIN') {
      (calls[calls.length - 1] as Call).stdin = parts[i++] as string;
      continue;
    }
    const name = parts[i++] as string;
    const n = Number(parts[i++]);
    calls.push({ name, argv: [name, ...parts.slice(i, i + n)] });
    i += n;
  }
  return calls;
}

/** Whether a command is installed. */
export function have(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
