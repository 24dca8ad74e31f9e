/** A release number such as crane's `v0.19.2`. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatVersion(v: Version): string {
  return `v${v.major}.${v.minor}.${v.patch}`;
}

/** True when `have` is at least `need` (e.g. `atLeast(crane, 'v0.15.0')`). */
export function atLeast(have: Version, need: string): boolean {
  const n = parseVersion(need);
  if (!n) throw new Error(`bad version literal ${need}`);
  return compareVersions(have, n) >= 0;
}
