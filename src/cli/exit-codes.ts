/** Documented in the README; stable for scripts and CI. */
export const EXIT = {
  /** Nothing at or above the failure threshold. */
  ok: 0,
  /** Findings at or above the failure threshold (lint), or manual work left (convert). */
  findings: 1,
  /** Bad usage, a bad config file, or an input that cannot be read or parsed. */
  usage: 2,
  /** A bug in winfile. */
  internal: 3,
} as const;

export class UsageError extends Error {}
