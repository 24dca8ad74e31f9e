import { copyDestination, normalizeWindowsPath } from '../model/paths.ts';
import type { DockerfileModel, Instruction, Stage } from '../model/types.ts';
import { decision, originOf, subjectOf } from './decisions.ts';
import type { Decision, FileSource, TargetStep } from './types.ts';
import { copySource } from './deps/stage-graph.ts';

export interface ConvertedStage {
  name: string;
  path(windowsPath: string): string | undefined;
  kind: 'prepare' | 'build' | 'original' | 'image';
}

export interface ConfigContext {
  workdir: string;
  /** The SHELL in effect, for shell-form CMD/ENTRYPOINT/HEALTHCHECK. */
  shell: string[];
  converted: ReadonlyMap<Stage, ConvertedStage>;
  imageMap: Readonly<Record<string, string>>;
  decisions: Decision[];
}

const IGNORED_COPY_FLAGS = new Set(['chown', 'chmod']);
const TAR = /\.(?:tar|tgz|tar\.gz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

/** Pairs of ENV/LABEL: BuildKit's node chain is key, value, separator. */
function pairs(ins: Instruction): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < ins.args.length; i += 3) out.push([ins.args[i]?.value ?? '', ins.args[i + 1]?.value ?? '']);
  return out;
}

/** Exec form as written, or shell form run by the SHELL in effect (what BuildKit stores). */
function argv(ins: Instruction, shell: string[], from = 0): string[] {
  if (ins.form === 'exec') return ins.args.slice(from).map((a) => a.value);
  const text = from === 0 ? ins.rest.text : ins.rest.text.slice((ins.args[0]?.raw.length ?? 0)).trim();
  return [...shell, text];
}

/** Turns one non-RUN instruction of the final image's stages into target steps (and a decision). */
export function configStep(model: DockerfileModel, ins: Instruction, ctx: ConfigContext): TargetStep[] {
  const origin = originOf(ins);
  const subject = subjectOf(ins);
  const decide = (action: Decision['action'], detail: string) => ctx.decisions.push(decision(origin, subject, action, detail));
  switch (ins.keyword) {
    case 'ARG':
      decide('dropped', 'its value is already resolved into the converted steps');
      return [];
    case 'ENV':
      decide('kept', 'image config');
      return [{ kind: 'env', pairs: pairs(ins), origin }];
    case 'LABEL':
      decide('kept', 'image config');
      return [{ kind: 'label', pairs: pairs(ins), origin }];
    case 'MAINTAINER':
      decide('translated', 'LABEL maintainer (MAINTAINER is deprecated)');
      return [{ kind: 'label', pairs: [['maintainer', ins.args[0]?.value ?? '']], origin }];
    case 'WORKDIR': {
      const n = normalizeWindowsPath(ctx.workdir, ins.args[0]?.value ?? '/');
      if (n.path === undefined) {
        decide('manual', `WORKDIR ${ins.args[0]?.value ?? ''}: ${n.error}`);
        return [];
      }
      decide(n.path === ins.args[0]?.value ? 'kept' : 'translated', `WORKDIR ${n.path}`);
      return [{ kind: 'workdir', path: n.path, origin }];
    }
    case 'USER':
      decide('kept', 'image config');
      return [{ kind: 'user', user: ins.args[0]?.value ?? '', origin }];
    case 'EXPOSE':
      decide('kept', 'image config');
      return [{ kind: 'expose', ports: ins.args.map((a) => a.value), origin }];
    case 'VOLUME': {
      const paths = ins.args.map((a) => a.value);
      decide('kept', 'image config');
      return [{ kind: 'volume', paths, origin }];
    }
    case 'STOPSIGNAL':
      decide('kept', 'image config');
      return [{ kind: 'stopsignal', signal: ins.args[0]?.value ?? '', origin }];
    case 'SHELL':
      decide('kept', 'image config (RUN no longer uses it; shell-form CMD/ENTRYPOINT are written out in exec form)');
      return [{ kind: 'shell', argv: ins.args.map((a) => a.value), origin }];
    case 'CMD':
    case 'ENTRYPOINT': {
      const kind = ins.keyword === 'CMD' ? 'cmd' : 'entrypoint';
      decide(ins.form === 'exec' ? 'kept' : 'translated', ins.form === 'exec' ? 'image config' : `exec form through the SHELL in effect: ${JSON.stringify(argv(ins, ctx.shell))}`);
      return [{ kind, argv: argv(ins, ctx.shell), origin }];
    }
    case 'HEALTHCHECK': {
      const options: Record<string, string> = {};
      for (const f of ins.flags) if (f.value !== undefined) options[f.name] = f.value;
      const type = (ins.args[0]?.value ?? '').toUpperCase();
      decide('kept', 'image config');
      if (type === 'NONE') return [{ kind: 'healthcheck', test: 'NONE', options, origin }];
      const test = ins.form === 'exec' ? ['CMD', ...ins.args.slice(1).map((a) => a.value)] : ['CMD-SHELL', ins.rest.text.replace(/^\s*CMD\s+/i, '')];
      return [{ kind: 'healthcheck', test, options, origin }];
    }
    case 'ONBUILD':
      decide('kept', 'image config (a trigger for images built on this one)');
      return [{ kind: 'onbuild', text: ins.rest.text, origin }];
    case 'COPY':
    case 'ADD':
      return copySteps(model, ins, ctx);
    default:
      decide('manual', `${ins.keyword} is not a Dockerfile instruction`);
      return [];
  }
}

function copySteps(model: DockerfileModel, ins: Instruction, ctx: ConfigContext): TargetStep[] {
  const origin = originOf(ins);
  const subject = subjectOf(ins);
  const values = ins.args.map((a) => a.value);
  const destText = values.pop() ?? '.';
  const dest = copyDestination(ctx.workdir, destText);
  if (dest.path === undefined) {
    ctx.decisions.push(decision(origin, subject, 'manual', `the destination ${destText} is not a path BuildKit accepts: ${dest.error}`, { workaround: 'Use a path on C: such as C:/app/ (or /app/).' }));
    return [];
  }
  const notes: string[] = [];
  const ignored = ins.flags.filter((f) => IGNORED_COPY_FLAGS.has(f.name)).map((f) => `--${f.name}`);
  if (ignored.length > 0) notes.push(`${ignored.join(' and ')} dropped (Windows layers get a fixed ACL)`);
  const from = copySource(model, ins);
  if (ins.keyword === 'ADD' && from === undefined) {
    const urls = values.filter((v) => /^https?:\/\//i.test(v));
    if (urls.length > 0) {
      const checksum = ins.flags.find((f) => f.name === 'checksum')?.value;
      ctx.decisions.push(decision(origin, subject, 'kept', `ADD from a URL into ${dest.path}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`));
      return urls.map((url) => {
        const s: TargetStep = { kind: 'add-url', url, dest: dest.path as string, origin };
        if (checksum) s.checksum = checksum;
        return s;
      });
    }
  }
  let source: FileSource;
  let sources: string[];
  if (from === undefined) {
    source = { context: true };
    sources = values.map((v) => v.replaceAll('\\', '/'));
  } else if (typeof from === 'string') {
    source = { image: from };
    sources = values.map((v) => normalizeWindowsPath('/', v, /[\\/]$/.test(v)).path ?? v);
  } else {
    const c = ctx.converted.get(from);
    if (!c) {
      ctx.decisions.push(decision(origin, subject, 'manual', `copies from stage ${from.name ?? from.index}, which is part of this image's own chain`));
      return [];
    }
    source = { stage: c.name };
    sources = values.map((v) => c.path(v) ?? v);
    notes.push(`from ${c.kind === 'original' ? 'Linux' : 'converted'} stage ${c.name}`);
  }
  // ADD only differs from COPY for URLs and local tar archives, which BuildKit unpacks.
  const unpacks = ins.keyword === 'ADD' && 'context' in source && sources.some((s) => TAR.test(s));
  if (ins.keyword === 'ADD' && !unpacks) notes.push('written as COPY: ADD of files that are not tar archives copies them the same way');
  ctx.decisions.push(decision(origin, subject, ins.keyword === 'ADD' && !unpacks ? 'translated' : 'kept', `into ${dest.path}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`));
  const step: TargetStep = { kind: 'copy', from: source, sources, dest: dest.path, origin };
  if (unpacks) step.add = true;
  return [step];
}
