import type { LintRun } from '../types.ts';

// placeholder until the reporter lands
export function renderTty(_run: LintRun, _columns: number): string {
  throw new Error('not implemented yet');
}
