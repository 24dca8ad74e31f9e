import conversion from '../generated/conversion.json' with { type: 'json' };
import type { Catalog } from '../model/catalog.ts';
import type { Stage } from '../model/types.ts';
import { parameterise, rootStage, stageWindowsVersion } from '../model/versions.ts';

export const VERSION_ARG = 'WINDOWS_VERSION';

/** Replaces helper images by configured ones (`--image-map alpine:3.20=registry.local/alpine:3.20`). */
export function mapImage(image: string, map: Readonly<Record<string, string>>): string {
  return map[image] ?? image;
}

export interface WindowsBase {
  /** The image reference for the final stage, with `${WINDOWS_VERSION}` where the tag names the version. */
  image: string;
  version?: { arg: string; default: string; tokens: Record<string, string> };
}

/**
 * The final image's base with its Windows version taken from an ARG, where the family has tags per
 * version: `servercore:ltsc2022` -> `servercore:${WINDOWS_VERSION}` with default `ltsc2022`.
 */
export function windowsBase(stage: Stage, catalog: Catalog, globalArgs: ReadonlyMap<string, string | undefined> = new Map()): WindowsBase {
  const root = rootStage(stage);
  const v = stageWindowsVersion(root, catalog);
  if (!v || !root.ref) return { image: root.image };
  // Already parameterised by a global ARG (`nanoserver:${WINDOWS_VERSION}`): keep it as written.
  if (root.imageText.includes('$')) {
    for (const [name, value] of globalArgs) {
      if (value === v.token.text && new RegExp(`\\$\\{?${name}\\b`).test(root.imageText)) return { image: root.imageText, version: { arg: name, default: value, tokens: tokensFor(catalog, v) } };
    }
    return { image: root.image };
  }
  const image = parameterise(root.imageText, root.image, root.ref.tag, v.token, VERSION_ARG);
  if (!image) return { image: root.image };
  return { image, version: { arg: VERSION_ARG, default: v.token.text, tokens: tokensFor(catalog, v) } };
}

function tokensFor(catalog: Catalog, v: NonNullable<ReturnType<typeof stageWindowsVersion>>): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const id of catalog.supported) tokens[id] = v.variant ? catalog.tokenFor(v.variant, id) : id;
  return tokens;
}

/** The Linux image that builds what a Windows toolchain image builds, or undefined. */
export function linuxToolchain(stage: Stage): { image: string; toolchain: string } | undefined {
  const root = rootStage(stage);
  const toolchain = root.catalog?.image.toolchain;
  if (!toolchain) return undefined;
  const entry = (conversion.toolchains as Record<string, { image: string; fallback: string }>)[toolchain];
  if (!entry) return undefined;
  const version = /^(\d+(?:\.\d+)*)/.exec(root.ref?.tag ?? '')?.[1] ?? entry.fallback;
  return { image: entry.image.replace('{version}', version), toolchain };
}
