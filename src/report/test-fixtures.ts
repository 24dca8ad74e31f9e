import type { Diagnostic } from '../rules/types.ts';
import type { FileResult, LintRun } from './types.ts';

/** Test data shared by the reporter tests: a range on one line, a diagnostic, a run. */
export const at = (line: number, column: number) => ({ start: { line, column, offset: 0 }, end: { line, column: column + 3, offset: 0 } });

export const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  file: 'Dockerfile',
  ruleId: 'WF101',
  ruleName: 'run-in-windows-stage',
  severity: 'error',
  message: 'RUN cannot execute here',
  range: at(2, 1),
  target: 'buildkit',
  workaround: 'Copy the result from a Linux stage.',
  ...over,
});

export const run = (files: FileResult[]): LintRun => ({
  tool: { name: 'winfile', version: '0.1.0', informationUri: 'https://example.invalid' },
  target: 'buildkit',
  files,
  rules: [],
  helpUri: () => '',
});
