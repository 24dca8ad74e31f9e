import data from '../generated/crane.json' with { type: 'json' };
import { atLeast, type Version } from '../util/version.ts';
import type { DockerfileModel, Stage } from './types.ts';

/** A release (`v0.15.0`) or `established`: present before v0.8.0, crane's floor for Windows. */
export type CraneRelease = string;

interface CraneTable {
  latest: string;
  windowsLayers: string;
  commands: Record<string, { since: CraneRelease; flags: Record<string, CraneRelease> }>;
  global: Record<string, CraneRelease>;
}

const table = data as CraneTable;

/** The newest crane release the table knows. */
export const CRANE_LATEST: string = table.latest;
/** The first release whose `crane append` (and `mutate --append`) converts layers for Windows bases. */
export const CRANE_WINDOWS_LAYERS: string = table.windowsLayers;

function later(a: CraneRelease, b: CraneRelease): CraneRelease {
  if (a === 'established') return b;
  if (b === 'established') return a;
  const [va, vb] = [a, b].map((r) => r.slice(1).split('.').map(Number)) as [number[], number[]];
  for (let i = 0; i < 3; i++) if ((va[i] as number) !== (vb[i] as number)) return (va[i] as number) > (vb[i] as number) ? a : b;
  return a;
}

/**
 * The first release that has `crane <command> [--flag]`, or undefined when crane has no such
 * command or flag at all. A flag is never older than its command.
 */
export function craneSince(command: string, flag?: string): CraneRelease | undefined {
  const cmd = table.commands[command];
  if (!cmd) return undefined;
  if (flag === undefined) return cmd.since;
  const f = cmd.flags[flag] ?? table.global[flag];
  return f === undefined ? undefined : later(cmd.since, f);
}

/** Does this crane release have `crane <command> [--flag]`? */
export function craneHas(version: Version, command: string, flag?: string): boolean {
  const since = craneSince(command, flag);
  if (since === undefined) return false;
  return since === 'established' || atLeast(version, since);
}

/** Does this release convert appended layers for a Windows base (needed by any COPY/ADD)? */
export function craneHasWindowsLayers(version: Version): boolean {
  return atLeast(version, CRANE_WINDOWS_LAYERS);
}

/**
 * The stages whose instructions end up in the image a crane plan produces: the last stage and
 * the stages it is built `FROM`, when they are Windows stages. Other stages are only sources of
 * `COPY --from`, built elsewhere.
 */
export function craneImageStages(model: DockerfileModel): Stage[] {
  const out: Stage[] = [];
  for (let st = model.stages[model.stages.length - 1]; st && st.os === 'windows'; st = st.parent) out.unshift(st);
  return out;
}
