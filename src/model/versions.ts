import data from '../generated/catalog.json' with { type: 'json' };
import type { Catalog, CatalogMatch, Family, ImageVariant, Shell, WindowsVersion } from './catalog.ts';
import type { Stage } from './types.ts';

/** The Windows version a stage's base image is built on, as its tag names it. */
export interface StageVersion {
  version: WindowsVersion;
  /** The part of the tag that names the version, with its index in the tag. */
  token: { text: string; index: number };
  family?: Family;
  variant?: ImageVariant;
  /** `catalog`: the catalog knows the image; `tag`: an unknown Windows image whose tag names a version. */
  source: 'catalog' | 'tag';
}

export interface Lifecycle {
  status: WindowsVersion['status'];
  /** How messages name the release, e.g. `ltsc2019` or `Nano Server 2016`. */
  label: string;
  build: string;
  mainstreamEnd?: string;
  /** The day security updates end (ended). */
  end: string;
}

const versionRe = new RegExp(data.versionPattern, 'i');

/** The stage and the stages it is built on (`FROM <stage>`), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

/** The stage whose FROM names the image a stage ultimately builds on. */
export function rootStage(stage: Stage): Stage {
  const chain = stageChain(stage);
  return chain[chain.length - 1] as Stage;
}

/**
 * The Windows version in a stage's own FROM tag. Images the catalog does not know are read only in
 * Windows stages: there a tag such as `4.8-windowsservercore-ltsc2019` names the base it was built
 * on, while in a Linux image the same digits could mean anything.
 */
export function stageWindowsVersion(stage: Stage, catalog: Catalog): StageVersion | undefined {
  const match = stage.catalog;
  if (match) return matchVersion(match);
  if ( stage.os !== 'windows' || !stage.ref?.tag) return undefined;
  const m = versionRe.exec(stage.ref.tag);
  const text = m?.groups?.['v'];
  if (!m || text === undefined) return undefined;
  const version = catalog.version(text);
  if (!version) return undefined;
  return { version, token: { text, index: m.index + m[0].indexOf(text) }, source: 'tag' };
}

/** The Windows version a catalog match names in its tag. */
export function matchVersion(match: CatalogMatch): StageVersion | undefined {
  if (!match.version || !match.versionToken) return undefined;
  const out: StageVersion = { version: match.version, token: match.versionToken, variant: match.variant, source: 'catalog' };
  if (match.variant.family) out.family = match.variant.family;
  return out;
}

// Nano Server 2016 (1607/sac2016) was a semi-annual-style release: Microsoft ended its servicing on
// 2018-10-09, while Server Core 2016 stays in extended support. The version catalog keeps this only
// as a note on ltsc2016, so the date lives here until the catalog can express per-family dates.
const NANO_2016_END = '2018-10-09';

/** Support status of a version for an image family (Nano Server 2016 ended long before Server Core 2016). */
export function lifecycleOf(version: WindowsVersion, family?: Family): Lifecycle {
  if (version.id === 'ltsc2016' && family === 'nanoserver') {
    return { status: 'retired', label: 'Nano Server 2016', build: version.build, end: NANO_2016_END };
  }
  const out: Lifecycle = { status: version.status, label: version.id, build: version.build, end: version.extendedEnd };
  if (version.mainstreamEnd) out.mainstreamEnd = version.mainstreamEnd;
  return out;
}

/**
 * An image reference with the version token of its tag replaced by `${name}`, for messages;
 * undefined when the reference is not written literally (an ARG already supplies part of it).
 */
export function parameterise(written: string, expanded: string, tag: string | undefined, token: StageVersion['token'], name: string): string | undefined {
  if (tag === undefined || written !== expanded || written.includes('$')) return undefined;
  const at = expanded.lastIndexOf(`:${tag}`);
  if (at < 0) return undefined;
  const start = at + 1 + token.index;
  return `${expanded.slice(0, start)}\${${name}}${expanded.slice(start + token.text.length)}`;
}

const FAMILY_NAMES: Partial<Record<Family, string>> = { nanoserver: 'Nano Server', servercore: 'Server Core', server: 'Windows Server', windows: 'Windows' };

export function familyName(family: Family | undefined): string | undefined {
  return family ? FAMILY_NAMES[family] : undefined;
}

/** The shells in the image a stage builds on, and the ones whose presence the tag leaves open. */
export interface BaseShells {
  shells: Set<Shell>;
  /** Shells that may or may not be there (Nano Server tags that name no version). */
  uncertain: Set<Shell>;
}

// Nano Server shipped a reduced Windows PowerShell up to 2016 (builds below 1709's 16299); from
// 1709 on it has only cmd. The catalog records this for the Docker Hub repository's 2016 tags but
// not for mcr.microsoft.com/windows/nanoserver:10.0.14393.x or for tags without a version
// (golang:1.9-nanoserver was a 2016 image).
const FIRST_NANO_WITHOUT_POWERSHELL = 16299;

export function baseShells(stage: Stage, catalog: Catalog): BaseShells | undefined {
  const root = rootStage(stage);
  if (!root.shells) return undefined;
  const out: BaseShells = { shells: new Set(root.shells), uncertain: new Set() };
  if (root.catalog?.variant.family !== 'nanoserver') return out;
  const v = stageWindowsVersion(root, catalog);
  const build = Number(/(?:^|[-_.])10\.0\.(\d{5})/.exec(root.ref?.tag ?? '')?.[1] ?? v?.version.build.slice('10.0.'.length) ?? NaN);
  if (Number.isNaN(build)) out.uncertain.add('powershell');
  else if (build < FIRST_NANO_WITHOUT_POWERSHELL) out.shells.add('powershell');
  return out;
}

/**
 * A `10.0.NNNNN` build in a Windows stage's tag that no released version has, older than the newest
 * release the catalog knows: Insider and Technical Preview images (`nanoserver-insider:10.0.17744.1001`,
 * `nanoserver:10.0.14300.1030`). Newer unknown builds may be releases the catalog has not caught up
 * with, so they are not reported.
 */
export function previewBuild(stage: Stage, catalog: Catalog): { build: string; text: string } | undefined {
  if (stage.os !== 'windows' || stage.parent || !stage.ref?.tag) return undefined;
  const m = /(?:^|[-_.])(10\.0\.(\d{5}))(?:\.\d+)?(?:$|[-_.])/.exec(stage.ref.tag);
  if (!m || catalog.version(m[1] as string)) return undefined;
  const newest = Math.max(...catalog.versions.map((v) => Number(v.build.slice('10.0.'.length))));
  return Number(m[2]) < newest ? { build: m[1] as string, text: m[0].replace(/^[-_.]|[-_.]$/g, '') } : undefined;
}
