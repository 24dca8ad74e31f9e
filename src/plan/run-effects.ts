import type { Effect, RunAnalysis, Value } from '../analyze/effects/types.ts';
import conversion from '../generated/conversion.json' with { type: 'json' };
import { shQuote } from '../util/sh-quote.ts';
import type { Instruction } from '../model/types.ts';
import { decision, effectSubject, originOf } from './decisions.ts';
import { basename, dirname, imagePath, isWithin, rootfsPath } from './paths.ts';
import type { Decision, LinuxStep, ManualItem, Origin } from './types.ts';

/** A Windows stage's filesystem being rebuilt in a Linux prepare stage. */
export interface PrepareState {
  /** WORKDIR in effect, as an image path. */
  workdir: string;
  steps: LinuxStep[];
  /** Image paths written so far (lower-cased key), with the instruction that last wrote them. */
  produced: Map<string, { path: string; by: number }>;
  /** Packages the steps need in the prepare image (curl, 7z, cab). */
  needs: Set<string>;
  /** COPYs from the build context into the Windows image so far: inputs a later RUN may read. */
  contextCopies?: ContextCopy[];
}

export interface ContextCopy {
  sources: string[];
  /** Destination without a trailing slash, for matching paths. */
  dest: string;
  /** Destination as written (a trailing slash means "into this directory"). */
  target: string;
  origin: Origin;
  staged?: boolean;
  /** Set when a later RUN deletes everything this COPY delivers: the image must not get it. */
  removed?: boolean;
}

/** The image paths a context COPY creates, when each source is a file (`a.zip` into `/x/`). */
function deliveredPaths(c: ContextCopy): string[] {
  const into = c.target.endsWith('/') || c.sources.length > 1;
  return c.sources.map((src) => (into ? `${c.dest === '/' ? '' : c.dest}/${basename(src)}` : c.dest));
}

export interface RunResult {
  env: [string, string][];
  manual: ManualItem[];
  decisions: Decision[];
}

const WINDOWS_ONLY_WORKAROUND =
  'Build a dependency image natively on Windows once per Windows version with this step, and start the converted build FROM it (or COPY the installed files from it): `winfile convert --deps` writes that Dockerfile.';

function text(v: Value | undefined): string | undefined {
  return v?.text;
}

function archiveFormat(path: string, declared: string): 'zip' | 'tar' | '7z' | 'cab' | undefined {
  if (declared === 'zip' || declared === 'tar' || declared === '7z' || declared === 'cab') return declared;
  const p = path.toLowerCase();
  if (p.endsWith('.zip') || p.endsWith('.nupkg')) return 'zip';
  if (/\.(tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz)$/.test(p)) return 'tar';
  if (p.endsWith('.7z')) return '7z';
  if (p.endsWith('.cab')) return 'cab';
  return undefined;
}

function produce(state: PrepareState, path: string, by: number): void {
  state.produced.set(path.toLowerCase(), { path, by });
}

function removeProduced(state: PrepareState, path: string): void {
  for (const key of [...state.produced.keys()]) if (isWithin(key, path)) state.produced.delete(key);
}

/**
 * True when the path is something this build wrote (not a base-image file). Files the Windows
 * image got from the build context are staged into the prepare stage the first time a RUN reads
 * them; they are inputs, so they never count as a RUN's output.
 */
function isProduced(state: PrepareState, path: string): boolean {
  for (const { path: p } of state.produced.values()) if (isWithin(path, p)) return true;
  for (const c of state.contextCopies ?? []) {
    if (!isWithin(path, c.dest) && !isWithin(c.dest, path)) continue;
    if (!c.staged) {
      state.steps.push({ kind: 'copy-in', sources: c.sources, dest: rootfsPath(c.target), origin: c.origin });
      state.produced.set(c.dest.toLowerCase(), { path: c.dest.replace(/\/$/, '') || '/', by: c.origin.instruction });
      c.staged = true;
    }
    return true;
  }
  return false;
}

/**
 * Turns one RUN's effects into steps of the prepare stage that mirrors the Windows filesystem.
 * Downloads verified with SHA-256 later in the same RUN become checked fetches; what only Windows
 * can do becomes a manual item with its workaround. Every effect gets a decision.
 */
export function translateRun(ins: Instruction, analysis: RunAnalysis, state: PrepareState, stageName: string): RunResult {
  const result: RunResult = { env: [], manual: [], decisions: [] };
  const resolve = (v: Value | undefined, keepSlash = false) => {
    const t = text(v);
    return t === undefined ? undefined : imagePath(state.workdir, t, keepSlash);
  };
  // SHA-256 checks, keyed by the file they check, so the download can carry the checksum.
  const checks = new Map<string, { effect: number; value: string }>();
  analysis.effects.forEach((e, i) => {
    if (e.kind !== 'verify' || e.onMismatch === 'none') return;
    const file = resolve(e.file);
    const expected = text(e.expected);
    if (file && expected && /^sha-?256$/i.test(e.algorithm)) checks.set(file.toLowerCase(), { effect: i, value: expected.toLowerCase() });
  });
  const folded = new Set<number>();

  analysis.effects.forEach((effect, i) => {
    const origin = originOf(ins, i);
    const subject = effectSubject(effect, effect.command);
    const manual = (kind: ManualItem['kind'], reason: string, workaround: string) => {
      result.manual.push({ origin, kind, reason, workaround, effect });
      result.decisions.push(decision(origin, subject, 'manual', reason, { workaround, effect }));
    };
    const translated = (detail: string) => result.decisions.push(decision(origin, subject, 'translated', detail, { stage: stageName, effect }));
    const config = (detail: string) => result.decisions.push(decision(origin, subject, 'translated', detail, { effect }));
    const dropped = (detail: string) => result.decisions.push(decision(origin, subject, 'dropped', detail, { effect }));
    const unresolved = (what: string) =>
      manual('unresolved', `${effect.command}: the ${what} is computed at run time and winfile could not determine it`, 'Write the value literally (or from an ARG/ENV) in the Dockerfile, or do this step by hand in a Linux stage.');
    const step = (s: LinuxStep) => state.steps.push(s);
    const o: Origin = origin;

    switch (effect.kind) {
      case 'download': {
        const url = text(effect.url);
        const out = resolve(effect.output);
        if (!url) return unresolved('URL');
        if (!out) return unresolved('output path');
        if (programOf(effect.command) === 'git') {
          // Git for Windows checks files out with CRLF line ends; the clone keeps them identical.
          state.needs.add('git');
          step({ kind: 'sh', command: `git -c core.autocrlf=true clone ${shQuote(url)} ${shQuote(rootfsPath(out))}`, origin: o });
          produce(state, out, ins.index);
          return translated(`cloned with git (core.autocrlf=true, as Git for Windows does) to ${out}`);
        }
        const check = checks.get(out.toLowerCase());
        if (check) folded.add(check.effect);
        const fetch: LinuxStep = { kind: 'fetch', url, dest: rootfsPath(out), origin: o };
        if (check) fetch.checksum = { algorithm: 'sha256', value: check.value };
        else state.needs.add('curl');
        step(fetch);
        produce(state, out, ins.index);
        return translated(check ? `fetched with ADD --checksum=sha256:${check.value.slice(0, 12)}... to ${out}` : `fetched with curl to ${out}`);
      }
      case 'verify': {
        if (folded.has(i)) return translated('checked by the checksum of the download (ADD --checksum)');
        if (effect.onMismatch === 'none') return dropped('compares a hash without acting on a mismatch, so it checks nothing');
        const file = resolve(effect.file);
        const expected = text(effect.expected);
        if (!file || !expected) return unresolved(file ? 'expected hash' : 'file to check');
        if (effect.algorithm === 'openpgp') {
          const signature = resolve(effect.expected);
          if (!signature) return unresolved('signature file');
          state.needs.add('gpg');
          step({ kind: 'sh', command: `gpg --batch --verify ${shQuote(rootfsPath(signature))} ${shQuote(rootfsPath(file))}`, origin: o });
          return translated('signature checked with gpg in the Linux stage');
        }
        step({ kind: 'verify', path: rootfsPath(file), algorithm: effect.algorithm.toLowerCase().replace('-', ''), value: expected.toLowerCase(), origin: o });
        return translated(`checked with ${effect.algorithm.toLowerCase().replace('-', '')}sum in the Linux stage`);
      }
      case 'extract': {
        const archive = resolve(effect.archive);
        if (!archive) return unresolved('archive path');
        if (!isProduced(state, archive)) {
          return manual('base-files', `${effect.command} unpacks ${archive}, which this build did not download or copy in`, 'Download or COPY the archive in the Linux stage first.');
        }
        const dest = resolve(effect.destination) ?? dirname(archive);
        const format = archiveFormat(archive, effect.format);
        if (!format) return manual('unresolved', `${effect.command}: the archive format of ${basename(archive)} is unknown`, 'Unpack it in a Linux stage with the matching tool.');
        if (format === '7z' || format === 'cab') state.needs.add(format);
        step({ kind: 'unpack', archive: rootfsPath(archive), dest: rootfsPath(dest), format, origin: o });
        produce(state, dest, ins.index);
        return translated(`unpacked (${format}) to ${dest}`);
      }
      case 'file':
        return fileOp(effect, state, ins, o, { translated, dropped, unresolved, manual }, resolve);
      case 'env': {
        if (effect.scope === 'process') return dropped('sets a variable for this RUN only; the image keeps nothing of it');
        const name = text(effect.name);
        const value = text(effect.value);
        if (!name) return unresolved('variable name');
        if (value === undefined) return unresolved(`value of ${name}`);
        result.env.push([name, value]);
        return config(`ENV ${name} in the image config${name.toUpperCase() === 'PATH' ? ' (written out in full: Windows bases keep PATH in the registry)' : ''}`);
      }
      case 'print':
        return dropped('prints text; it changes nothing in the image');
      case 'smoke-test':
        return dropped(`checks ${effect.program} by running it, which a Linux builder cannot do; run it as a test of the built image instead`);
      case 'session':
        return dropped('changes a setting of this shell session only');
      case 'build':
        return manual('windows-only', `${effect.command} ${effect.verb} builds with a toolchain installed in this Windows stage`, 'Build it in a Linux stage with the Linux toolchain image and cross-compilation settings (dotnet -r win-x64, GOOS=windows, cargo --target x86_64-pc-windows-gnu), then COPY the output.');
      case 'run': {
        const program = programOf(effect.program.text ?? effect.command);
        const pkg = (conversion.linuxPrograms as Record<string, string>)[program];
        if (effect.portability !== 'windows-only' && effect.destinations.includes('linux-stage') && pkg) {
          const args = effect.args.map((a) => (a.text === undefined ? undefined : rootfsArg(a.text, state.workdir)));
          if (args.some((a) => a === undefined)) return unresolved('arguments');
          state.needs.add(program);
          step({ kind: 'sh', command: [program, ...(args as string[])].map(shQuote).join(' '), origin: o });
          return translated(`run with ${program} in the Linux stage`);
        }
        break;
      }
      default:
        break;
    }
    if (effect.destinations[0] === 'drop') return dropped(effect.reason);
    return manual('windows-only', `${effect.command}: ${effect.reason}`, WINDOWS_ONLY_WORKAROUND);
  });
  return result;
}

/** `C:\Program Files\Git\cmd\git.exe` -> `git`. */
function programOf(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.(exe|com|bat|cmd)$/i, '').toLowerCase();
}

/** An argument with absolute Windows paths moved under the prepare stage's mirror of C:\. */
function rootfsArg(arg: string, workdir: string): string | undefined {
  if (!/^[A-Za-z]:[\\/]/.test(arg)) return arg;
  const p = imagePath(workdir, arg);
  return p === undefined ? undefined : rootfsPath(p);
}

interface Reporters {
  translated(detail: string): void;
  dropped(detail: string): void;
  unresolved(what: string): void;
  manual(kind: ManualItem['kind'], reason: string, workaround: string): void;
}

function fileOp(
  effect: Extract<Effect, { kind: 'file' }>,
  state: PrepareState,
  ins: Instruction,
  origin: Origin,
  r: Reporters,
  resolve: (v: Value | undefined, keepSlash?: boolean) => string | undefined,
): void {
  const paths = effect.paths.map((p) => resolve(p));
  if (paths.some((p) => p === undefined)) return r.unresolved('path');
  const list = paths as string[];
  const step = (s: LinuxStep) => state.steps.push(s);
  switch (effect.op) {
    case 'mkdir':
      for (const p of list) {
        step({ kind: 'mkdir', path: rootfsPath(p), origin });
        produce(state, p, ins.index);
      }
      return r.translated(`mkdir ${list.join(' ')}`);
    case 'remove': {
      const mine = list.filter((p) => isProduced(state, p.replace(/\/\*$/, '')));
      for (const p of mine) {
        step({ kind: 'remove', path: rootfsPath(p), origin });
        removeProduced(state, p.replace(/\/\*$/, ''));
        // A file the image got straight from the build context must not reach it at all now.
        for (const c of state.contextCopies ?? []) {
          if (deliveredPaths(c).every((d) => isWithin(d, p.replace(/\/\*$/, '')))) c.removed = true;
        }
      }
      if (mine.length === list.length) return r.translated(`removed ${list.join(' ')} in the Linux stage, so it never reaches the image`);
      return r.dropped(`removes files of the base image (${list.filter((p) => !mine.includes(p)).join(' ')}), which a copied layer cannot delete; they stay in the image`);
    }
    case 'write': {
      const content = effect.content?.text;
      const target = list[0];
      if (content === undefined || !target) return r.unresolved('content');
      step({ kind: 'write', path: rootfsPath(target), content, append: effect.append ?? false, origin });
      produce(state, target, ins.index);
      return r.translated(`wrote ${target}`);
    }
    case 'copy':
    case 'move':
    case 'rename': {
      const destText = effect.destination?.text;
      if (destText === undefined) return r.unresolved('destination');
      const source = list[0] as string;
      // Rename-Item/ren take a new name, not a path.
      const dest = effect.op === 'rename' && !/[\\/]/.test(destText) ? `${dirname(source)}/${destText}`.replace('//', '/') : resolve(effect.destination, true);
      if (!dest) return r.unresolved('destination');
      if (!list.every((p) => isProduced(state, p.replace(/\/\*$/, '')))) {
        return r.manual('base-files', `${effect.command} reads files of the base image (${list.join(' ')}), which the Linux stage does not have`, 'COPY the files from the Windows base image (`COPY --from=<base image> ...`) or from a dependency image built on Windows.');
      }
      for (const p of list) step({ kind: effect.op === 'copy' ? 'copy' : 'move', from: rootfsPath(p), to: rootfsPath(dest), origin });
      if (effect.op !== 'copy') for (const p of list) removeProduced(state, p);
      produce(state, dest.replace(/\/$/, ''), ins.index);
      return r.translated(`${effect.op === 'copy' ? 'copied' : 'moved'} to ${dest}`);
    }
    default:
      return r.manual('windows-only', `${effect.command} creates a link, which Windows layers from a Linux builder do not carry`, 'Copy the target instead of linking it.');
  }
}

/**
 * The image paths a RUN leaves behind, outermost only: what the Windows stage must COPY from the
 * prepare stage at the position of that RUN.
 */
export function outputsOf(state: PrepareState, instruction: number): string[] {
  const mine = [...state.produced.values()].filter((p) => p.by === instruction).map((p) => p.path);
  return mine.filter((p) => !mine.some((q) => q !== p && isWithin(p, q))).sort();
}
