import type { Effect, Value } from '../../analyze/effects/types.ts';
import { normalizeWindowsPath } from '../../model/paths.ts';
import { imagePath, isWithin } from '../paths.ts';

/** Paths an effect reads (unresolved values are left out). */
function readValues(e: Effect): Value[] {
  switch (e.kind) {
    case 'installer':
      return [e.installer, ...e.args];
    case 'extract':
      return [e.archive];
    case 'verify':
      return e.file ? [e.file] : [];
    case 'file':
      return e.op === 'mkdir' || e.op === 'write' ? [] : e.paths;
    case 'run':
      return [e.program, ...e.args];
    case 'build':
      return [...(e.project ? [e.project] : []), ...e.args];
    case 'registry':
      return e.action === 'import' && e.key ? [e.key] : [];
    default:
      return [];
  }
}

/** Paths an effect writes. */
function producedValues(e: Effect): Value[] {
  switch (e.kind) {
    case 'download':
      return e.output ? [e.output] : [];
    case 'extract':
      return e.destination ? [e.destination] : [];
    case 'file':
      return e.op === 'mkdir' || e.op === 'write' ? e.paths : e.destination && e.op !== 'remove' ? [e.destination] : [];
    case 'build':
      return e.output ? [e.output] : [];
    default:
      return [];
  }
}

function resolveAll(values: Value[], workdir: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    // Switches (`/qn`, `-Wait`) are not paths.
    if (v.text === undefined || v.text === '' || v.text.startsWith('-') || /^\/[A-Za-z?]+$/.test(v.text)) continue;
    const p = imagePath(workdir, v.text);
    // The root would make every RUN depend on every other.
    if (p !== undefined && p !== '/') out.push(p);
  }
  return out;
}

/** Image paths a RUN's effects read, relative paths joined to its WORKDIR. */
export function readPaths(effects: Effect[], workdir: string): string[] {
  return resolveAll(effects.flatMap(readValues), workdir);
}

/** Image paths a RUN's effects write, relative paths joined to its WORKDIR. */
export function producedPaths(effects: Effect[], workdir: string): string[] {
  return resolveAll(effects.flatMap(producedValues), workdir);
}

/** Whether a step that reads `reads` needs one that wrote `produced` (either path inside the other). */
export function overlaps(produced: string[], reads: string[]): boolean {
  return produced.some((p) => reads.some((r) => isWithin(r, p) || isWithin(p, r)));
}

/** The Windows form of an image path, with forward slashes (`/Program Files/Git` -> `C:/Program Files/Git`). */
export function windowsForm(path: string): string {
  return `C:${path}`;
}

/** The image path of a Windows path (`C:\Program Files\Git` -> `/Program Files/Git`). */
export function imageForm(windowsPath: string): string | undefined {
  return normalizeWindowsPath('/', windowsPath).path;
}
