import type { Arg, DockerfileModel, Instruction, Stage } from './types.ts';

/**
 * Windows paths as BuildKit (v0.12.0+, util/system/path.go) treats COPY/ADD paths and WORKDIR in
 * a stage whose target OS is windows, after word expansion. `\` and `/` are the same separator;
 * the drive letter is checked and removed; what is left is a forward-slash path inside the layer.
 */
export type WindowsPathKind =
  /** `C:\a`, `C:/a`, `\a`, `/a`: the path from the root of C:. */
  | 'absolute'
  /** `a`, `.\a`: joined to the current WORKDIR. */
  | 'relative'
  /** `C:a`: Windows' "current directory of drive C", which BuildKit joins to the current WORKDIR. */
  | 'drive-relative'
  /** `C:` (any `X:`): BuildKit fails with `No relative path specified in "C:"`. */
  | 'drive-only'
  /** `D:\a`, `D:a`: BuildKit fails, only the system drive exists in a layer. */
  | 'other-drive'
  /** `\\server\share`, `//server/share`: BuildKit fails. */
  | 'unc'
  /** A colon that is not after a drive letter (`/out/a:b`): BuildKit reads `/out/a` as the drive and fails. */
  | 'bad-colon';

export interface WindowsPath {
  kind: WindowsPathKind;
  /** The drive as written (`C`, `d`), when the path names one. */
  drive?: string;
  /** The path BuildKit goes on with: drive removed, cleaned, forward slashes (not for error kinds). */
  path?: string;
  /** BuildKit's own error text, for the kinds it rejects. */
  error?: string;
}

export const ERROR_KINDS: ReadonlySet<WindowsPathKind> = new Set(['drive-only', 'other-drive', 'unc', 'bad-colon']);

const NOT_SYSTEM_DRIVE = 'The specified path is not on the system drive (C:)';

function toSlash(p: string): string {
  return p.replaceAll('\\', '/');
}

/** Go's path.Clean (the Linux builder's filepath.Clean, after backslashes became slashes). */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

function goJoin(...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length === 0 ? '' : goClean(parts.join('/'));
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** CheckSystemDriveAndRemoveDriveLetter + IsAbs for target OS windows. */
export function classifyWindowsPath(p: string): WindowsPath {
  // Go compares bytes: `C:` is two bytes with a colon second.
  if (byteLength(p) === 2 && p[1] === ':') {
    return { kind: 'drive-only', drive: p[0] as string, error: `No relative path specified in ${JSON.stringify(p)}` };
  }
  const slashed = toSlash(p);
  if (slashed.startsWith('//')) return { kind: 'unc', error: 'UNC paths are not supported' };
  const colon = slashed.indexOf(':');
  if (colon < 0) {
    const path = goClean(slashed);
    return { kind: path.startsWith('/') ? 'absolute' : 'relative', path };
  }
  const drive = slashed.slice(0, colon);
  if (drive.toLowerCase() !== 'c') {
    return /^[A-Za-z]$/.test(drive) ? { kind: 'other-drive', drive, error: NOT_SYSTEM_DRIVE } : { kind: 'bad-colon', error: NOT_SYSTEM_DRIVE };
  }
  const path = goClean(slashed.slice(colon + 1));
  return { kind: path.startsWith('/') ? 'absolute' : 'drive-relative', drive, path };
}

export type Normalized = { path: string; error?: undefined } | { path?: undefined; error: string };

/**
 * NormalizePath(parent, p, "windows", keepSlash): the absolute forward-slash path BuildKit uses
 * for a COPY/ADD destination (keepSlash) or a WORKDIR, relative paths joined to `parent`.
 */
export function normalizeWindowsPath(parent: string, p: string, keepSlash = false): Normalized {
  const orig = toSlash(p);
  let base = toSlash(parent) || '/';
  const pc = classifyWindowsPath(base);
  if (pc.error !== undefined) return { error: `removing drive letter: ${pc.error}` };
  base = pc.kind === 'absolute' ? (pc.path as string) : goJoin('/', pc.path as string);
  const c = classifyWindowsPath(orig === '' ? base : orig);
  if (c.error !== undefined) return { error: `removing drive letter: ${c.error}` };
  let path = c.kind === 'absolute' ? (c.path as string) : goJoin(base, c.path as string);
  if (keepSlash) {
    if (orig.endsWith('/') && !path.endsWith('/')) path += '/';
    else if (orig.endsWith('/.')) path = (path === '/' ? '/' : `${path}/`) + '.';
  }
  return { path };
}

/**
 * Where COPY/ADD put files (pathRelativeToWorkingDir): the destination with the trailing slash
 * kept, `.` and the empty string meaning the WORKDIR itself as a directory.
 */
export function copyDestination(workdir: string, dest: string): Normalized {
  return normalizeWindowsPath(workdir, dest === '.' || dest === '' ? './' : dest, true);
}

/** `/app/x` -> `C:\app\x`: how a Windows user reads a path BuildKit normalised. */
export function displayWindowsPath(p: string): string {
  return `C:${p.replaceAll('/', '\\')}`;
}

/** Characters an author escapes on purpose: `\\`, quotes, `\$`, an escaped blank. */
const DELIBERATE = new Set(['\\', '"', "'", '$', ' ', '\t']);

/**
 * Indices of the backslashes in `raw` that BuildKit's word expansion drops under the default
 * escape character where the author evidently meant a path separator (`C:\app` -> `C:app`).
 * Escapes of quotes, `$`, blanks and backslashes are deliberate; inside double quotes BuildKit
 * keeps other backslashes; single quotes keep everything; a trailing backslash vanishes.
 */
export function droppedBackslashes(raw: string): number[] {
  const out: number[] = [];
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && (raw[i + 1] === '"' || raw[i + 1] === '$' || raw[i + 1] === '\\')) i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c !== '\\') continue;
    const next = raw[i + 1];
    if (next === undefined || !DELIBERATE.has(next)) out.push(i);
    i++;
  }
  return out;
}

/**
 * File offsets [start, end) of every character of `arg.raw`, so fixes can edit single characters
 * even when the argument spans continuation lines or is a JSON string (where one decoded `\` is
 * the two characters `\\`). Undefined when the argument's text cannot be located.
 */
export function argCharSpans(ins: Instruction, arg: Arg, sourceText: string): [number, number][] | undefined {
  const start = arg.range.start.offset;
  if (ins.form === 'exec' && sourceText[start] === '"') return jsonStringSpans(sourceText, start, arg.raw.length);
  const line = ins.line;
  let j = -1;
  for (let i = 0; i < line.text.length; i++) {
    if (line.offsetAt(i) === start) {
      j = i;
      break;
    }
  }
  if (j < 0 || !line.text.startsWith(arg.raw, j)) return undefined;
  const spans: [number, number][] = [];
  for (let k = 0; k < arg.raw.length; k++) {
    const o = line.offsetAt(j + k);
    spans.push([o, o + 1]);
  }
  return spans;
}

function jsonStringSpans(text: string, quoteAt: number, length: number): [number, number][] | undefined {
  const spans: [number, number][] = [];
  let i = quoteAt + 1;
  while (spans.length < length && i < text.length && text[i] !== '"') {
    const step = text[i] !== '\\' ? 1 : text[i + 1] === 'u' ? 6 : 2;
    spans.push([i, i + step]);
    i += step;
  }
  return spans.length === length ? spans : undefined;
}

export interface Workdir {
  /** Forward-slash absolute path as BuildKit tracks it. */
  path: string;
  /** False when no WORKDIR in this file applies yet (the base image's WORKDIR, usually C:\). */
  set: boolean;
}

/** How messages name the WORKDIR in effect. */
export function workdirLabel(wd: Workdir): string {
  return wd.set ? displayWindowsPath(wd.path) : "the base image's, C:\\ unless it sets one";
}

export type PathRole = 'source' | 'dest' | 'workdir';

/** The path arguments BuildKit resolves with the Windows path rules: COPY/ADD sources and destination, WORKDIR. */
export function pathArgs(ins: Instruction): { arg: Arg; role: PathRole }[] {
  if (ins.keyword === 'WORKDIR') return ins.args.slice(0, 1).map((arg) => ({ arg, role: 'workdir' }));
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return [];
  const paths = ins.args.filter((a) => !(ins.form === 'heredoc' && a.raw.startsWith('<<')));
  return paths.map((arg, i) => ({ arg, role: i === paths.length - 1 ? 'dest' : 'source' }));
}

/**
 * Every COPY/ADD path and WORKDIR of the Windows stages, classified as BuildKit reads them; the
 * path rules share this walk. Values with an unset variable are skipped: they may differ at build
 * time.
 */
export function* windowsPaths(model: DockerfileModel): Generator<{ ins: Instruction; arg: Arg; role: PathRole; path: WindowsPath }> {
  for (const stage of model.stages) {
    if (stage.os !== 'windows') continue;
    for (const ins of stage.instructions) {
      for (const { arg, role } of pathArgs(ins)) {
        if (arg.unset.length > 0) continue;
        yield { ins, arg, role, path: classifyWindowsPath(arg.value) };
      }
    }
  }
}

/** A destination or WORKDIR whose backslashes the default escape ate: WF301 owns those findings. */
export function eatenByEscape(model: DockerfileModel, arg: Arg): boolean {
  return model.escape === '\\' && droppedBackslashes(arg.raw).length > 0;
}

export interface PathOutcome {
  kind: WindowsPathKind;
  /** Where BuildKit puts it (forward slashes), unless it fails. */
  path?: string;
  /** BuildKit's error, wrapped as it reports it. */
  error?: string;
  /** The WORKDIR relative paths were joined to. */
  workdir: Workdir;
}

/**
 * What BuildKit makes of a path argument of `ins` with the value `value`: sources are resolved
 * from the context root, destinations and WORKDIRs from the WORKDIR in effect.
 */
export function resolvePathArg(ins: Instruction, role: PathRole, value: string): PathOutcome {
  const workdir = workdirBefore(ins);
  const r = role === 'source' ? normalizeWindowsPath('/', value) : role === 'dest' ? copyDestination(workdir.path, value) : normalizeWindowsPath(workdir.path, value);
  return { kind: classifyWindowsPath(value).kind, ...r, workdir };
}

/** The WORKDIR in effect just before `ins` in a Windows stage (earlier WORKDIRs, parent stages first). */
export function workdirBefore(ins: Instruction): Workdir {
  const stage = ins.stage;
  if (!stage) return { path: '/', set: false };
  return walkWorkdirs(stage, ins.index);
}

function walkWorkdirs(stage: Stage, before: number): Workdir {
  const wd = stage.parent ? walkWorkdirs(stage.parent, Number.POSITIVE_INFINITY) : { path: '/', set: false };
  for (const ins of stage.instructions) {
    if (ins.index >= before) break;
    const arg = ins.args[0];
    if (ins.keyword !== 'WORKDIR' || !arg) continue;
    const next = normalizeWindowsPath(wd.path, arg.value);
    // An unusable WORKDIR fails the build; later paths are then moot, so keep the last good one.
    if (next.path !== undefined) {
      wd.path = next.path;
      wd.set = true;
    }
  }
  return wd;
}

/** COPY/ADD sources BuildKit fetches rather than reads from a context or stage (no path rules apply). */
export function isRemoteSource(src: string): boolean {
  return /^(?:https?|git|ssh):\/\//i.test(src) || /^[\w.-]+@[\w.-]+:/.test(src) || /\.git(?:#|$)/.test(src);
}
