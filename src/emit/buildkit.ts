import conversion from '../generated/conversion.json' with { type: 'json' };
import { VERSION } from '../version.ts';
import { shQuote } from '../util/sh-quote.ts';
import { dirname } from '../plan/paths.ts';
import type { BuildPlan, LinuxStage, LinuxStep, TargetStep } from '../plan/types.ts';
import { DockerfileWriter } from './dockerfile-text.ts';

export interface BuildkitEmitOptions {
  /** The converted file's name, for the build command in the header. */
  outputName: string;
  /** The build context relative to the converted file's folder (default `.`). */
  context?: string;
}

/** Frontend features the output uses and the release that made each stable. */
export function requirements(plan: BuildPlan): { frontend: string; buildkit: string; why: string[] } {
  const why = ['RUN heredocs and COPY --link (Dockerfile 1.4)', 'drive-less forward-slash Windows paths and USER without /etc/passwd (BuildKit 0.12)'];
  let frontend = '1.4';
  const checksum = plan.linux.some((s) => s.steps.some((x) => x.kind === 'fetch' && x.checksum)) || plan.target.steps.some((s) => s.kind === 'add-url' && s.checksum);
  if (checksum) {
    frontend = '1.6';
    why.unshift('ADD --checksum (Dockerfile 1.6)');
  }
  return { frontend, buildkit: 'v0.12.0', why };
}

function stepScript(step: LinuxStep): string[] {
  const q = shQuote;
  switch (step.kind) {
    case 'fetch':
      return [`mkdir -p ${q(dirname(step.dest))}`, `curl -fsSL -o ${q(step.dest)} ${q(step.url)}`];
    case 'unpack': {
      const mk = `mkdir -p ${q(step.dest)}`;
      switch (step.format) {
        case 'zip':
          return [mk, `unzip -q -o ${q(step.archive)} -d ${q(step.dest)}`];
        case 'tar':
          return [mk, `tar -xf ${q(step.archive)} -C ${q(step.dest)}`];
        case '7z':
          return [mk, `7z x -y -o${q(step.dest)} ${q(step.archive)}`];
        case 'cab':
          return [mk, `cabextract -q -d ${q(step.dest)} ${q(step.archive)}`];
      }
      return [];
    }
    case 'mkdir':
      return [`mkdir -p ${q(step.path)}`];
    case 'copy':
    case 'move': {
      const tool = step.kind === 'copy' ? 'cp -R' : 'mv';
      // A source ending in * copies what a directory holds into the destination directory.
      if (step.from.endsWith('/*')) return [`mkdir -p ${q(step.to)}`, `${tool} ${glob(step.from)} ${q(step.to)}`];
      return [`mkdir -p ${q(step.to.endsWith('/') ? step.to : dirname(step.to))}`, `${tool} ${q(step.from)} ${q(step.to)}`];
    }
    case 'remove':
      return [`rm -rf ${glob(step.path)}`];
    case 'write':
      return [`mkdir -p ${q(dirname(step.path))}`, `printf ${q(printfFormat(step.content))} ${step.append ? '>>' : '>'} ${q(step.path)}`];
    case 'verify':
      return [`printf '%s  %s\\n' ${q(step.value)} ${q(step.path)} | ${step.algorithm}sum -c -`];
    case 'sh':
      return [(step.env ?? []).map(([k, v]) => `${k}=${q(v)} `).join('') + step.command];
    default:
      return [];
  }
}

/** A path whose trailing `*` stays a glob for the shell; the directory part is quoted. */
function glob(path: string): string {
  return path.endsWith('/*') ? `${shQuote(path.slice(0, -2))}/*` : shQuote(path);
}

/**
 * A printf format that prints `content` exactly: control characters (CR of Windows line ends
 * above all) as octal escapes, since a raw CR at the end of a heredoc line is dropped by
 * BuildKit's line scanner.
 */
export function printfFormat(content: string): string {
  let out = '';
  for (const c of content) {
    const code = c.codePointAt(0) as number;
    if (c === '%') out += '%%';
    else if (c === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return out;
}

/** The apk package that provides a tool a prepare stage needs (data: rules/catalog/conversion.yaml). */
const PACKAGES: Record<string, string> = conversion.packages;

export function emitLinuxStage(w: DockerfileWriter, stage: LinuxStage): void {
  const platform = stage.platform ?? '$BUILDPLATFORM';
  w.line(`FROM --platform=${platform} ${stage.image} AS ${stage.name}`);
  if (stage.verbatim) {
    for (const text of stage.verbatim) w.verbatim(text);
    return;
  }
  if (stage.packages && stage.packages.length > 0) w.line(`RUN apk add --no-cache ${stage.packages.map((p) => PACKAGES[p] ?? p).join(' ')}`);
  let script: string[] = [];
  const flush = () => {
    // Steps each create the directories they need; within one script that repeats itself, until
    // something removes or moves files (the directory may be gone again).
    const seen = new Set<string>();
    const lines = script.filter((l) => {
      if (/^(?:rm|mv) /.test(l)) seen.clear();
      return !l.startsWith('mkdir -p ') || (!seen.has(l) && seen.add(l));
    });
    if (lines.length > 0) w.heredocRun(['set -eu', ...lines]);
    script = [];
  };
  for (const step of stage.steps) {
    if (step.kind === 'fetch' && step.checksum) {
      flush();
      w.line(`ADD --checksum=${step.checksum.algorithm}:${step.checksum.value} ${w.word(step.url)} ${w.word(step.dest)}`);
    } else if (step.kind === 'copy-in') {
      flush();
      w.line(`COPY ${step.from ? `--from=${step.from} ` : ''}${w.paths([...step.sources, step.dest])}`);
    } else if (step.kind === 'workdir') {
      flush();
      w.line(`WORKDIR ${w.word(step.path)}`);
    } else if (step.kind === 'env') {
      flush();
      w.line(`ENV ${step.pairs.map(([k, v]) => `${w.word(k)}=${w.quoted(v)}`).join(' ')}`);
    } else if (step.kind === 'arg') {
      flush();
      w.line(`ARG ${w.word(step.name)}${step.default !== undefined ? `=${w.quoted(step.default)}` : ''}`);
    } else {
      script.push(...stepScript(step));
    }
  }
  flush();
}

export function emitTargetStep(w: DockerfileWriter, step: TargetStep): void {
  for (const c of step.origin.comments ?? []) w.comment(c);
  switch (step.kind) {
    case 'copy': {
      const from = 'stage' in step.from ? ` --from=${step.from.stage}` : 'image' in step.from ? ` --from=${step.from.image}` : '';
      w.line(`${step.add ? 'ADD' : 'COPY'}${step.add ? '' : ' --link'}${from} ${w.paths([...step.sources, step.dest])}`);
      return;
    }
    case 'add-url':
      w.line(`ADD ${step.checksum ? `--checksum=${step.checksum} ` : ''}${w.word(step.url)} ${w.word(step.dest)}`);
      return;
    case 'env':
      w.line(`ENV ${step.pairs.map(([k, v]) => `${w.word(k)}=${w.quoted(v)}`).join(' ')}`);
      return;
    case 'label':
      w.line(`LABEL ${step.pairs.map(([k, v]) => `${w.quoted(k)}=${w.quoted(v)}`).join(' ')}`);
      return;
    case 'workdir':
      w.line(`WORKDIR ${w.word(step.path)}`);
      return;
    case 'user':
      w.line(`USER ${w.word(step.user)}`);
      return;
    case 'expose':
      w.line(`EXPOSE ${step.ports.map((p) => w.word(p)).join(' ')}`);
      return;
    case 'volume':
      w.line(`VOLUME ${w.json(step.paths, true)}`);
      return;
    case 'stopsignal':
      w.line(`STOPSIGNAL ${w.word(step.signal)}`);
      return;
    case 'shell':
      w.line(`SHELL ${w.json(step.argv)}`);
      return;
    case 'cmd':
      w.line(`CMD ${w.json(step.argv)}`);
      return;
    case 'entrypoint':
      w.line(`ENTRYPOINT ${w.json(step.argv)}`);
      return;
    case 'healthcheck': {
      const flags = Object.entries(step.options).map(([k, v]) => `--${k}=${v} `).join('');
      if (step.test === 'NONE') w.line('HEALTHCHECK NONE');
      else if (step.test[0] === 'CMD-SHELL') w.line(`HEALTHCHECK ${flags}CMD ${step.test[1] ?? ''}`);
      else w.line(`HEALTHCHECK ${flags}CMD ${w.json(step.test.slice(1))}`);
      return;
    }
    case 'onbuild':
      w.line(`ONBUILD ${step.text}`);
      return;
  }
}

/** The cross-build Dockerfile: Linux stages first, then the Windows stage without any RUN. */
export function emitBuildkit(plan: BuildPlan, options: BuildkitEmitOptions): string {
  const w = new DockerfileWriter(plan.escape);
  const req = requirements(plan);
  w.line(`# syntax=docker/dockerfile:${req.frontend}`);
  if (plan.escape === '`') w.line('# escape=`');
  w.comment(`Generated by winfile ${VERSION} from ${plan.source}; edit that file and convert again.`);
  w.comment(`Needs BuildKit >= ${req.buildkit} and Dockerfile frontend >= ${req.frontend}: ${req.why.join(', ')}.`);
  w.comment(`Build on Linux for Windows, from the folder of ${options.outputName} (push or export: a Linux daemon cannot load Windows images):`);
  const versionArg = plan.windowsVersion ? ` --build-arg ${plan.windowsVersion.arg}=${plan.windowsVersion.default}` : '';
  w.comment(`  docker buildx build --platform windows/amd64${versionArg} -f ${options.outputName} -t IMAGE --push ${options.context ?? '.'}`);
  w.line();
  for (const a of plan.globalArgs) w.line(`ARG ${w.word(a.name)}${a.default !== undefined ? `=${w.quoted(a.default)}` : ''}`);
  if (plan.windowsVersion) w.line(`ARG ${plan.windowsVersion.arg}=${w.word(plan.windowsVersion.default)}`);
  if (plan.globalArgs.length > 0 || plan.windowsVersion) w.line();
  for (const stage of plan.linux) {
    emitLinuxStage(w, stage);
    w.line();
  }
  w.line(`FROM ${plan.target.image}${plan.target.name ? ` AS ${plan.target.name}` : ''}`);
  for (const step of plan.target.steps) emitTargetStep(w, step);
  return w.text();
}
