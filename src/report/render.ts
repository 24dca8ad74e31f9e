import { formatJson } from './json.ts';
import { formatText } from './text.ts';
import type { Format, LintRun } from './types.ts';

export interface RenderTarget {
  /** The destination is an interactive terminal that accepts colour. */
  color: boolean;
  columns: number;
}

/**
 * Produces one report. Formats other than json and plain text are loaded on demand, so a
 * pre-commit run with default output never loads them (or Ink and React).
 */
export async function render(format: Format, run: LintRun, dest: RenderTarget): Promise<string> {
  switch (format) {
    case 'json':
      return formatJson(run);
    case 'tty':
      if (!dest.color) return formatText(run);
      return (await import('./tty/ink.tsx')).renderTty(run, dest.columns);
    case 'sarif':
      return (await import('./sarif.ts')).formatSarif(run);
    case 'gnu':
      return (await import('./gnu.ts')).formatGnu(run);
    case 'checkstyle':
      return (await import('./checkstyle.ts')).formatCheckstyle(run);
    case 'github':
      return (await import('./github.ts')).formatGithub(run);
    case 'junit':
      return (await import('./junit.ts')).formatJunit(run);
  }
}
