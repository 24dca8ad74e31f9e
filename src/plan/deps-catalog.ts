import data from '../generated/install-locations.json' with { type: 'json' };
import { normaliseRepository, repositoryKey, type ImageRef } from '../model/image-ref.ts';
import type { PackageEffect } from '../analyze/effects/types.ts';

/** Where an install puts its files (rules/catalog/install-locations.yaml), placeholders filled in. */
export interface Install {
  /** What was installed, for the report (`choco git`, `the Chocolatey install script`). */
  what: string;
  paths: string[];
  /** Directories added to the machine PATH. */
  path: string[];
  env: [string, string][];
  provides?: { tool?: string; python?: string };
}

export type Lookup = { kind: 'files'; install: Install } | { kind: 'base'; what: string } | { kind: 'unknown'; what: string; why: string };

/** Values the placeholders of the catalog take for one step. */
export interface InstallVars {
  /** The user the step runs as. */
  user: string;
  /** The home of the Python an earlier step or the base image provides. */
  python?: string;
}

interface Entry {
  paths?: string[];
  path?: string[];
  env?: Record<string, string>;
  provides?: { tool?: string; python?: string };
  base?: boolean;
}
interface PackageEntry extends Entry {
  manager: string;
  names: string[];
}
interface ScriptEntry extends Entry {
  name: string;
  match: string[];
}
interface ImageEntry {
  repository: string;
  provides: { tools?: string[]; python?: string };
}

const MANAGERS = data.managers as Record<string, Entry>;
const PACKAGES = data.packages as PackageEntry[];
const SCRIPTS = data.scripts as ScriptEntry[];
const IMAGES = data.images as ImageEntry[];

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(name);
}

/** Fills `{name}`-style placeholders; undefined names the first one without a value. */
function fill(text: string, values: Record<string, string | undefined>): { text: string } | { missing: string } {
  let missing: string | undefined;
  const out = text.replace(/\{(\w+)\}/g, (all, key: string) => {
    const v = values[key];
    if (v === undefined) missing ??= key;
    return v ?? all;
  });
  return missing === undefined ? { text: out } : { missing };
}

function resolveEntry(entry: Entry, what: string, values: Record<string, string | undefined>): Lookup {
  const paths: string[] = [];
  const path: string[] = [];
  for (const [list, out] of [
    [entry.paths ?? [], paths],
    [entry.path ?? [], path],
  ] as const) {
    for (const p of list) {
      const r = fill(p, values);
      if ('missing' in r) return { kind: 'unknown', what, why: missingWhy(r.missing) };
      out.push(r.text);
    }
  }
  const env: [string, string][] = Object.entries(entry.env ?? {});
  const install: Install = { what, paths, path, env };
  if (entry.provides) {
    const provides: Install['provides'] = {};
    if (entry.provides.tool) provides.tool = entry.provides.tool;
    if (entry.provides.python) {
      const r = fill(entry.provides.python, values);
      if ('text' in r) provides.python = r.text;
    }
    install.provides = provides;
  }
  return { kind: 'files', install };
}

function missingWhy(key: string): string {
  switch (key) {
    case 'version':
    case 'major':
    case 'minor':
      return 'its folder depends on the version, which the step does not pin';
    case 'python':
      return 'winfile does not know which Python it installs into';
    default:
      return `the catalog needs {${key}}`;
  }
}

function versionParts(version: string | undefined): { major?: string; minor?: string } {
  const m = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  return m ? { major: m[1] as string, minor: m[2] as string } : {};
}

/** Files of one package: the catalog entry of the package, or why it is not known. */
export function packageInstall(manager: PackageEffect['manager'], pkg: { name: string; version?: string }, vars: InstallVars): Lookup {
  const what = `${manager} ${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}`;
  const entry = PACKAGES.find((e) => e.manager === manager && e.names.some((n) => globMatch(n, pkg.name)));
  if (!entry) return { kind: 'unknown', what, why: 'the install-locations catalog does not know this package' };
  if (entry.base) return { kind: 'base', what };
  return resolveEntry(entry, what, { name: pkg.name, version: pkg.version, ...versionParts(pkg.version), user: vars.user, python: vars.python });
}

/** Files every package of a manager brings along (Chocolatey itself and its shims), if any. */
export function managerInstall(manager: PackageEffect['manager'], vars: InstallVars): Install | undefined {
  const entry = MANAGERS[manager];
  if (!entry) return undefined;
  const r = resolveEntry(entry, manager === 'choco' ? 'Chocolatey' : manager, { user: vars.user, python: vars.python });
  return r.kind === 'files' ? r.install : undefined;
}

/** An install script run from the internet, recognised by a URL fragment in the step's text. */
export function scriptInstall(text: string, vars: InstallVars): Lookup | undefined {
  const lower = text.toLowerCase();
  const entry = SCRIPTS.find((s) => s.match.some((m) => lower.includes(m.toLowerCase())));
  if (!entry) return undefined;
  if (entry.base) return { kind: 'base', what: `the ${entry.name} install script` };
  return resolveEntry(entry, `the ${entry.name} install script`, { user: vars.user, python: vars.python });
}

/** What a base image already provides (a package manager, a Python). */
export function imageProvides(ref: ImageRef | undefined): { tools: string[]; python?: string } {
  if (!ref) return { tools: [] };
  const key = repositoryKey(ref);
  const entry = IMAGES.find((i) => normaliseRepository(i.repository) === key);
  const out: { tools: string[]; python?: string } = { tools: entry?.provides.tools ?? [] };
  if (entry?.provides.python) out.python = entry.provides.python;
  return out;
}

/** Managers that are not part of Windows base images and must be installed by an earlier step. */
export const TOOL_OF_MANAGER: Partial<Record<PackageEffect['manager'], string>> = { choco: 'choco', scoop: 'scoop', winget: 'winget' };
