import type { RuleMeta } from '../rules/types.ts';
import type { Diagnostic, Severity, Target } from '../rules/types.ts';

/** The outcome for one input file. */
export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  /** Set when the file could not be linted (unreadable, binary, rejected by BuildKit's parser). */
  error?: { message: string; line?: number; column?: number };
  /** Source lines (1-based lookup) for code frames; absent for unreadable inputs. */
  line?: (n: number) => string;
}

/** Everything a reporter needs; reporters are pure functions of this. */
export interface LintRun {
  tool: { name: string; version: string; informationUri: string };
  target: Target;
  files: FileResult[];
  /** Metadata of every rule (SARIF lists them all in tool.driver.rules). */
  rules: readonly RuleMeta[];
  helpUri: (meta: RuleMeta) => string;
}

export type Format = 'tty' | 'json' | 'sarif' | 'gnu' | 'checkstyle' | 'github' | 'junit';
export const FORMATS: readonly Format[] = ['tty', 'json', 'sarif', 'gnu', 'checkstyle', 'github', 'junit'];

export interface Counts {
  error: number;
  warning: number;
  info: number;
  style: number;
  inputErrors: number;
}

export function countSeverities(run: LintRun): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, style: 0, inputErrors: 0 };
  for (const f of run.files) {
    if (f.error) c.inputErrors++;
    for (const d of f.diagnostics) c[d.severity as Severity]++;
  }
  return c;
}
