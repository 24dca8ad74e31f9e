import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join, posix } from 'node:path';
import { buildModel } from '../../src/model/build.ts';
import type { DockerfileModel, Instruction, Stage } from '../../src/model/types.ts';
import { localUrl } from './fixtures.ts';
import { runSandboxed, type SandboxSpec } from './sandbox.ts';
import { STUB_DIR, writeStubs } from './stubs.ts';

/**
 * Plays the Linux stages of a converted Dockerfile the way BuildKit would build them, each in its
 * own sandboxed root (see sandbox.ts). RUN scripts (heredoc bodies as BuildKit passes them:
 * `<shell> -c <body>`) run inside the sandbox; the harness performs ADD and COPY itself, also
 * inside the sandbox, with the source mounted read-only, so that every write lands in the stage's
 * root. Limits (none of which the generated stages use): no RUN flags (--mount...), no COPY
 * wildcards or --chmod, no ADD of local archives, no FROM <earlier stage>; /usr is the host's and
 * read-only, /tmp does not persist between steps.
 */
export interface PlayOptions {
  /** The converted Dockerfile's text. */
  dockerfile: string;
  /** The build context on the host (mounted read-only for COPY). */
  context: string;
  /** A fresh host directory; every file the harness writes goes under it. */
  workdir: string;
  /** Port of the fixture server that stands in for every https host. */
  port: number;
}

export interface PlayResult {
  model: DockerfileModel;
  /** Stage name -> host directory of its root filesystem. */
  roots: Map<string, string>;
  /** One line per step: what was done or skipped, and why. */
  log: string[];
}

export class StepError extends Error {
  constructor(
    readonly stage: string,
    readonly line: number,
    message: string,
  ) {
    super(`stage ${stage}, line ${line}: ${message}`);
  }
}

/** The alpine image's PATH, with the stubs first (an `ENV PATH` in the stage replaces it all). */
const DEFAULT_PATH = `${STUB_DIR}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
const SRC = '/tmp/.harness/src';

/** BuildKit's COPY of files and directories, run in the sandbox: `sh -c COPY_SCRIPT sh dest src...`. */
const COPY_SCRIPT = `set -eu
dest=$1; shift
for s in "$@"; do
  src="${SRC}$s"
  [ -e "$src" ] || { echo "COPY source not found: $s" >&2; exit 1; }
  if [ -d "$src" ]; then mkdir -p "$dest"; cp -a "$src/." "$dest/"
  else
    case "$dest" in
      */) mkdir -p "$dest"; cp -pL "$src" "$dest" ;;
      *) if [ -d "$dest" ]; then cp -pL "$src" "$dest/"; else mkdir -p "$(dirname "$dest")"; cp -pL "$src" "$dest"; fi ;;
    esac
  fi
done`;

function fetch(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function isLinux(stage: Stage): boolean {
  return stage.os === 'linux';
}

export async function playLinuxStages(options: PlayOptions): Promise<PlayResult> {
  const model = buildModel('Dockerfile.cross', options.dockerfile);
  if (model.errors.length > 0) throw new Error(`the converted file does not parse: ${model.errors[0]?.message}`);
  const stubs = join(options.workdir, 'stubs');
  writeStubs(stubs, options.port);
  const roots = new Map<string, string>();
  const log: string[] = [];
  let inbox = 0;
  for (const stage of model.stages.filter(isLinux)) {
    const name = stage.name ?? String(stage.index);
    const root = join(options.workdir, 'roots', name);
    mkdirSync(root, { recursive: true });
    roots.set(name, root);
    let workdir = '/';
    let shell = ['/bin/sh', '-c'];
    const fail = (ins: Instruction, message: string) => new StepError(name, ins.range.start.line, message);
    const sandbox = async (ins: Instruction, argv: string[], extra: SandboxSpec['readOnly'] = [], env: Record<string, string> = { PATH: DEFAULT_PATH }, cwd = workdir) => {
      const r = await runSandboxed({ root, cwd, env, argv, readOnly: [{ host: stubs, at: STUB_DIR }, ...extra] });
      if (r.code !== 0) throw fail(ins, `exit ${r.code}: ${r.stderr.trim()}`);
      return r;
    };
    const copy = async (ins: Instruction, hostSource: string, sources: string[], destText: string) => {
      const dest = posix.isAbsolute(destText) ? destText : posix.join(workdir, destText) + (destText.endsWith('/') ? '/' : '');
      if (sources.length > 1 && !dest.endsWith('/')) throw fail(ins, 'several sources need a destination ending in /');
      if (sources.some((s) => /[*?[]/.test(s))) throw fail(ins, 'the harness does not expand COPY wildcards');
      // Sources are relative to the context (or the other stage's root) and cannot leave it.
      const normalized = sources.map((s) => posix.normalize(`/${s}`));
      await sandbox(ins, ['/bin/sh', '-c', COPY_SCRIPT, 'sh', dest, ...normalized], [{ host: hostSource, at: SRC }]);
    };
    if (stage.parent) throw new Error(`stage ${name}: FROM an earlier stage is not supported by the harness`);
    for (const ins of stage.instructions.slice(1)) {
      switch (ins.keyword) {
        case 'RUN': {
          if (ins.flags.length > 0) throw fail(ins, 'RUN flags are not supported by the harness');
          let argv: string[];
          if (ins.heredocs.length > 0) {
            if (ins.heredocs.length !== 1 || !/^<<-?['"]?\w+['"]?$/.test(ins.rest.text.trim())) throw fail(ins, 'only a RUN that is exactly one heredoc is supported');
            argv = [...shell, (ins.heredocs[0] as { content: string }).content];
          } else if (ins.form === 'exec') {
            argv = ins.args.map((a) => a.value);
          } else {
            argv = [...shell, ins.rest.text];
          }
          const script = argv[argv.length - 1] ?? '';
          if (/^\s*apk\s+add\s[^;&|`$]*$/.test(script)) {
            log.push(`${name}: skipped ${script.trim()} (the host provides the tools)`);
            break;
          }
          // What BuildKit gives the process: the image's PATH, then the stage's ENV and ARG values.
          const env: Record<string, string> = { PATH: DEFAULT_PATH, ...Object.fromEntries(ins.env ?? []) };
          await sandbox(ins, argv, [], env);
          log.push(`${name}: ran RUN at line ${ins.range.start.line}`);
          break;
        }
        case 'ADD': {
          const checksum = ins.flags.find((f) => f.name === 'checksum')?.value;
          const values = ins.args.map((a) => a.value);
          const dest = values.pop() ?? '';
          for (const url of values) {
            if (!/^https?:\/\//i.test(url)) throw fail(ins, `ADD of a local file (${url}) is not supported by the harness`);
            const r = await fetch(localUrl(options.port, url));
            if (r.status !== 200) throw fail(ins, `ADD ${url}: HTTP ${r.status}`);
            if (checksum !== undefined) {
              const [algorithm = '', expected = ''] = checksum.split(':');
              const actual = createHash(algorithm).update(r.body).digest('hex');
              // BuildKit fails the step with "digest mismatch" when the content differs.
              if (actual !== expected) throw fail(ins, `ADD ${url}: checksum mismatch: expected ${algorithm}:${expected}, got ${algorithm}:${actual}`);
            }
            const dir = join(options.workdir, 'inbox', String(inbox++));
            mkdirSync(dir, { recursive: true });
            const file = posix.basename(new URL(url).pathname) || 'index.html';
            writeFileSync(join(dir, file), r.body);
            await copy(ins, dir, [file], dest);
            log.push(`${name}: fetched ${url}${checksum ? ' (checksum verified)' : ''}`);
          }
          break;
        }
        case 'COPY': {
          const from = ins.flags.find((f) => f.name === 'from')?.value;
          const unsupported = ins.flags.filter((f) => f.name !== 'from' && f.name !== 'link');
          if (unsupported.length > 0 || ins.heredocs.length > 0) throw fail(ins, `COPY ${unsupported.map((f) => `--${f.name}`).join(' ')} is not supported by the harness`);
          const source = from === undefined ? options.context : roots.get(from.toLowerCase());
          if (!source) throw fail(ins, `COPY --from=${from}: not a stage played before this one`);
          const values = ins.args.map((a) => a.value);
          const dest = values.pop() ?? '';
          await copy(ins, source, values, dest);
          log.push(`${name}: copied ${values.join(' ')} from ${from ?? 'the context'} to ${dest}`);
          break;
        }
        case 'WORKDIR': {
          const value = ins.args[0]?.value ?? '/';
          const dir = posix.isAbsolute(value) ? posix.normalize(value) : posix.join(workdir, value);
          // BuildKit creates the directory; later steps run in it.
          await sandbox(ins, ['/bin/mkdir', '-p', dir], [], undefined, '/');
          workdir = dir;
          break;
        }
        case 'SHELL':
          shell = ins.args.map((a) => a.value);
          break;
        default:
          // ENV and ARG reach RUN through the model (ins.env); the rest is image config.
          break;
      }
    }
  }
  return { model, roots, log };
}
