import { normalizeWindowsPath } from '../model/paths.ts';

/** Where prepare stages mirror the Windows image's C:\ drive. */
export const ROOTFS = '/rootfs';

/**
 * A Windows path as the image path BuildKit uses: drive removed, forward slashes, relative paths
 * joined to `workdir`; undefined for paths BuildKit rejects (other drives, UNC, `C:` alone).
 */
export function imagePath(workdir: string, windowsPath: string, keepSlash = false): string | undefined {
  const n = normalizeWindowsPath(workdir, windowsPath, keepSlash);
  return n.path;
}

/** The Linux path in a prepare stage that mirrors an image path (`/tools` -> `/rootfs/tools`). */
export function rootfsPath(path: string): string {
  return path === '/' ? ROOTFS : `${ROOTFS}${path}`;
}

/** Whether `path` is `dir` or inside it, comparing the way Windows does (case-insensitively). */
export function isWithin(path: string, dir: string): boolean {
  const p = path.toLowerCase().replace(/\/$/, '');
  const d = dir.toLowerCase().replace(/\/$/, '');
  return p === d || d === '' || p.startsWith(d + '/');
}

/** The directory part of an image path. */
export function dirname(path: string): string {
  const i = path.replace(/\/$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  const p = path.replace(/\/$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}
