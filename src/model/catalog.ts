import data from '../generated/catalog.json' with { type: 'json' };
import { normaliseRepository, repositoryKey, type ImageRef } from './image-ref.ts';

export type Shell = 'cmd' | 'powershell' | 'pwsh';
export type Family = 'servercore' | 'nanoserver' | 'server' | 'windows' | 'hostprocess' | 'other';

export interface ImageVariant {
  tag: string;
  os: 'windows' | 'linux' | 'multi';
  family?: Family;
  shells?: Shell[];
  user?: string;
  /** SHELL the image itself sets, when it is not the OS default. */
  shell?: string[];
  tokens?: Record<string, string>;
}

export interface CatalogImage {
  repository: string;
  aliases?: string[];
  deprecated?: string;
  toolchain?: string;
  variants: ImageVariant[];
}

export interface WindowsVersion {
  id: string;
  aliases: string[];
  build: string;
  channel: 'ltsc' | 'sac';
  status: 'mainstream' | 'extended' | 'retired';
  mainstreamEnd?: string;
  extendedEnd: string;
  note?: string;
}

export interface CatalogMatch {
  image: CatalogImage;
  variant: ImageVariant;
  /** The Windows version named by the tag, when there is one. */
  version?: WindowsVersion;
  /** The part of the tag that names the version (to parameterise it). */
  versionToken?: { text: string; index: number };
}

/** The image catalog plus additions from configuration; lookups are by canonical repository. */
export class Catalog {
  private readonly byRepo = new Map<string, CatalogImage>();
  private readonly configured: Set<CatalogImage>;
  private readonly versionRe: RegExp;
  readonly versions: WindowsVersion[];
  readonly supported: string[];
  readonly asOf: string;

  constructor(extra: CatalogImage[] = []) {
    this.versionRe = new RegExp(data.versionPattern, 'i');
    this.versions = data.windows.versions as WindowsVersion[];
    this.supported = data.windows.supported;
    this.asOf = data.windows.asOf;
    this.configured = new Set(extra);
    // Configured images come first so that they can override built-in entries.
    for (const img of [...extra, ...(data.images as CatalogImage[])]) {
      for (const name of [img.repository, ...(img.aliases ?? [])]) {
        const key = normaliseRepository(name);
        if (!this.byRepo.has(key)) this.byRepo.set(key, img);
      }
    }
  }

  lookup(ref: ImageRef): CatalogMatch | undefined {
    const image = this.byRepo.get(repositoryKey(ref));
    if (!image) return undefined;
    const tag = ref.tag ?? 'latest';
    const variant = image.variants.find((v) => v.tag === '' || new RegExp(v.tag, 'i').test(tag));
    if (!variant) return undefined;
    const match: CatalogMatch = { image, variant };
    const m = this.versionRe.exec(tag);
    const token = m?.groups?.['v'];
    if (m && token !== undefined) {
      const version = this.version(token);
      if (version) match.version = version;
      match.versionToken = { text: token, index: m.index + m[0].indexOf(token) };
    }
    return match;
  }

  isConfigured(image: CatalogImage): boolean {
    return this.configured.has(image);
  }

  /** Resolves `1809`, `ltsc2019`, `10.0.17763.1234`, `sac2016`... to a version entry. */
  version(token: string): WindowsVersion | undefined {
    const t = token.toLowerCase();
    const build = /^10\.0\.(\d{5})/.exec(t)?.[1];
    return this.versions.find(
      (v) => v.id.toLowerCase() === t || v.aliases.some((a) => a.toLowerCase() === t) || (build !== undefined && v.build === `10.0.${build}`),
    );
  }

  /** How a variant spells a version in its tags. */
  tokenFor(variant: ImageVariant, versionId: string): string {
    return variant.tokens?.[versionId] ?? versionId;
  }
}
