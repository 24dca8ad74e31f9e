import type { LintRun } from './types.ts';

// placeholder until the reporter lands
export function formatJunit(_run: LintRun): string {
  throw new Error('format not implemented yet');
}
