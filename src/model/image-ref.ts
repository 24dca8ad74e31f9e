/** A parsed image reference, normalised the way Docker resolves short names. */
export interface ImageRef {
  /** The reference as written after variable expansion. */
  text: string;
  registry: string;
  /** Repository path without the registry, e.g. `windows/servercore` or `library/golang`. */
  path: string;
  tag?: string;
  digest?: string;
}

const DEFAULT_REGISTRY = 'docker.io';

/** Splits `[registry/]path[:tag][@digest]`; returns undefined for text that is not a reference. */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] as string;
  let registry = DEFAULT_REGISTRY;
  let path = rest;
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    path = rest.slice(first.length + 1);
  }
  if (registry === 'index.docker.io') registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !path.includes('/')) path = `library/${path}`;
  if (!/^[a-z0-9][a-z0-9._/-]*$/.test(path)) return undefined;
  const ref: ImageRef = { text, registry, path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `registry/path` in the canonical form the catalog is keyed by. */
export function repositoryKey(ref: Pick<ImageRef, 'registry' | 'path'>): string {
  return `${ref.registry}/${ref.path}`;
}

/** Canonical key for a repository written the short way (`golang`, `microsoft/nanoserver`). */
export function normaliseRepository(name: string): string {
  const ref = parseImageRef(name);
  return ref ? repositoryKey(ref) : name;
}
