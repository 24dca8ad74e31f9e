const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent is not a directory',
  // mkdir -p of a folder whose name is taken by a file.
  EEXIST: 'a parent is not a directory',
  EISDIR: 'it is a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** A file system error as the end of a one-line message (`permission denied`), without a stack. */
export function fsErrorMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
}
