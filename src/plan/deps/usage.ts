import type { Effect, PackageEffect, RunEffect } from '../../analyze/effects/types.ts';
import { imageProvides, managerInstall, packageInstall, scriptInstall, TOOL_OF_MANAGER, type Install, type InstallVars } from '../deps-catalog.ts';
import { DEPS_FILE } from '../deps-types.ts';
import type { ManualItem } from '../types.ts';
import type { ChainStep } from './chain.ts';
import { needsDeps, type DepsContext } from './context.ts';
import { writtenText } from '../../model/written-text.ts';
import { windowsOnly } from './manual.ts';

/** A package a moved RUN installs whose files winfile cannot locate. */
export interface UnknownInstall {
  run: ChainStep;
  what: string;
  why: string;
}

/**
 * How the converted build uses the dependency image: `base` (it starts FROM it) when a moved step
 * changes more than files, else `copy` (it copies what each moved RUN installs).
 */
export interface Usage {
  use: 'base' | 'copy';
  /** Why `base`: one entry per step that changes more than files. */
  baseReasons: string[];
  /** What each moved RUN installs, by instruction index. */
  installsByRun: Map<number, Install[]>;
  unknown: UnknownInstall[];
}

const KINDS_NEEDING_BASE: Partial<Record<Effect['kind'], string>> = {
  installer: 'runs an installer',
  feature: 'enables Windows features',
  registry: 'writes the registry',
  service: 'configures a service or an IIS site',
  user: 'changes users, groups or file permissions',
  build: 'builds with a Windows toolchain',
  unknown: 'runs commands winfile does not know',
};

/** What the moved RUNs so far leave behind, which later steps' installs depend on. */
interface Tally {
  /** Package managers the base image or an earlier step provides. */
  tools: Set<string>;
  /** The home of the Python the base image or an earlier step provides ({python} in the catalog). */
  python: string | undefined;
  baseReasons: string[];
  unknown: UnknownInstall[];
}

export function usageOf(ctx: DepsContext, movedRuns: ChainStep[]): Usage {
  const provided = imageProvides(ctx.root.ref);
  const tally: Tally = { tools: new Set(provided.tools), python: provided.python, baseReasons: [], unknown: [] };
  const installsByRun = new Map<number, Install[]>();
  for (const s of movedRuns) {
    const installs: Install[] = [];
    for (const m of ctx.manualBy.get(s.ins.index) ?? []) if (m.kind !== 'lint') installs.push(...stepInstalls(ctx, tally, s, m));
    installsByRun.set(s.ins.index, installs);
  }
  return { use: tally.baseReasons.length > 0 ? 'base' : 'copy', baseReasons: tally.baseReasons, installsByRun, unknown: tally.unknown };
}

function varsFor(tally: Tally, s: ChainStep): InstallVars {
  return tally.python === undefined ? { user: s.user } : { user: s.user, python: tally.python };
}

function needsBase(tally: Tally, s: ChainStep, why: string): void {
  tally.baseReasons.push(`line ${s.ins.range.start.line}: ${why}`);
}

/** What one Windows-only step of a moved RUN installs; steps that change more than files need `base`. */
function stepInstalls(ctx: DepsContext, tally: Tally, s: ChainStep, m: ManualItem): Install[] {
  const e = m.effect;
  if (!e || !needsDeps(m)) needsBase(tally, s, `${e?.command ?? m.kind} (${m.kind}) has a result winfile cannot copy`);
  else if (e.kind === 'package') return packageInstalls(ctx, tally, s, m, e);
  else if (e.kind === 'run') return scriptInstalls(ctx, tally, s, e);
  else if (e.kind === 'file' && e.op === 'link') needsBase(tally, s, `${e.command} creates a link`);
  else needsBase(tally, s, `${e.command} ${KINDS_NEEDING_BASE[e.kind] ?? `(${e.kind}) changes Windows itself`}`);
  return [];
}

function packageInstalls(ctx: DepsContext, tally: Tally, s: ChainStep, m: ManualItem, e: PackageEffect): Install[] {
  const tool = TOOL_OF_MANAGER[e.manager];
  // Only for catalogued base images: winfile cannot tell what an unknown image provides.
  if (tool && !tally.tools.has(tool) && ctx.root.catalog) {
    const workaround = tool === 'choco' ? 'Install Chocolatey first (RUN its install script from https://community.chocolatey.org/install.ps1), or build on an image that has it.' : `Install ${tool} in an earlier RUN, or build on an image that has it.`;
    ctx.newManual.push(windowsOnly(m.origin, `${e.command}: ${tool} is not part of ${ctx.root.image} and no earlier step installs it, so ${DEPS_FILE} fails here (as the original does)`, workaround, e));
  }
  const installs: Install[] = [];
  const manager = managerInstall(e.manager, varsFor(tally, s));
  if (manager) installs.push(manager);
  if (e.packages.length === 0) tally.unknown.push({ run: s, what: `${e.manager} packages`, why: 'the step does not name them (a requirements file or a manifest)' });
  for (const pkg of e.packages) {
    const r = packageInstall(e.manager, pkg, varsFor(tally, s));
    if (r.kind === 'base') needsBase(tally, s, `${r.what} registers itself with Windows (rules/catalog/install-locations.yaml)`);
    else if (r.kind === 'unknown') tally.unknown.push({ run: s, what: r.what, why: r.why });
    else {
      installs.push(r.install);
      if (r.install.provides?.python) tally.python = r.install.provides.python;
    }
  }
  return installs;
}

/** Install scripts run from the internet (Chocolatey's, Scoop's) that the catalog knows. */
function scriptInstalls(ctx: DepsContext, tally: Tally, s: ChainStep, e: RunEffect): Install[] {
  const script = /^(?:iex|invoke-expression)$/i.test(e.command) || /script/i.test(e.reason) ? scriptInstall(writtenText(ctx.model, s.ins), varsFor(tally, s)) : undefined;
  if (script?.kind === 'files') {
    if (script.install.provides?.tool) tally.tools.add(script.install.provides.tool);
    return [script.install];
  }
  needsBase(tally, s, script?.kind === 'base' ? `${script.what} changes more than files` : `runs ${e.command}, whose effects winfile cannot see`);
  return [];
}
