import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../rules/types.ts';
import type { FileResult, LintRun } from '../types.ts';
import { Summary, summaryTokens } from './Summary.tsx';

const diag = (severity: Severity): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'r', severity, message: 'm', target: 'crane', workaround: 'w',
  range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 0 } },
});
const run = (files: FileResult[]): LintRun => ({ tool: { name: 'winfile', version: '0', informationUri: '' }, target: 'crane', files, rules: [], helpUri: () => '' });
const example = run([
  { path: 'a', diagnostics: [diag('error'), diag('warning'), diag('warning'), diag('style')] },
  { path: 'b', diagnostics: [], error: { message: 'x' } },
]);

describe('<Summary>', () => {
  it('counts findings and unusable inputs', () => {
    expect(strip(renderToString(<Summary run={example} columns={100} />, { columns: 100 }))).toBe(
      '2 files checked for crane: 1 error, 2 warnings, 0 info, 1 style, 1 unusable input',
    );
  });

  it('wraps at commas and spaces, never leading a line with a space', () => {
    expect(strip(renderToString(<Summary run={example} columns={40} />, { columns: 40 }))).toBe(
      '2 files checked for crane: 1 error, 2\nwarnings, 0 info, 1 style, 1 unusable\ninput',
    );
  });

  it('colours only counts above zero', () => {
    const kinds = summaryTokens(example).filter((t) => t.kind).map((t) => [t.text, t.kind]);
    expect(kinds).toEqual([['1 error', 'error'], ['2 warnings', 'warning'], ['0 info', 'muted'], ['1 style', 'style'], ['1 unusable input', 'error']]);
  });
});
