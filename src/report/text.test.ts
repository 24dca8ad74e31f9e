import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../rules/types.ts';
import { formatText, workaroundViews } from './text.ts';
import type { FileResult, LintRun } from './types.ts';

const diag = (ruleId: string, line: number, workaround = `Fix ${ruleId} like this.\nAnd then that.`): Diagnostic => ({
  file: 'Dockerfile', ruleId, ruleName: 'r', severity: 'error', message: `${ruleId} fired`, target: 'buildkit', workaround,
  range: { start: { line, column: 1, offset: 0 }, end: { line, column: 4, offset: 0 } },
});
const src = ['FROM w', 'RUN a', 'RUN b', 'RUN c', 'RUN d'];
const file = (path: string, diagnostics: Diagnostic[]): FileResult => ({ path, diagnostics, line: (n) => src[n - 1] ?? '' });

describe('workaroundViews', () => {
  it('shows a workaround in full once per rule and file, then refers to its first line', () => {
    const views = workaroundViews(file('Dockerfile', [diag('WF101', 2), diag('WF202', 3), diag('WF101', 4), diag('WF101', 5, 'Specific.')]));
    expect(views).toEqual([{ full: 'Fix WF101 like this.\nAnd then that.' }, { full: 'Fix WF202 like this.\nAnd then that.' }, { ref: 'see WF101 above (line 2)' }, { full: 'Specific.' }]);
  });
});

describe('formatText', () => {
  it('prints findings with code frames, workarounds once per rule per file, and a summary', () => {
    const run: LintRun = {
      tool: { name: 'winfile', version: '0', informationUri: '' },
      target: 'buildkit',
      rules: [],
      helpUri: () => '',
      files: [file('a/Dockerfile', [diag('WF101', 2), diag('WF101', 3)]), file('b/Dockerfile', [diag('WF101', 4)])],
    };
    expect(formatText(run)).toBe(
      [
        'a/Dockerfile:2:1: error WF101 WF101 fired',
        '  2 | RUN a',
        '    | ^^^',
        '    workaround: Fix WF101 like this.',
        '                And then that.',
        '',
        'a/Dockerfile:3:1: error WF101 WF101 fired',
        '  3 | RUN b',
        '    | ^^^',
        '    workaround: see WF101 above (line 2)',
        '',
        'b/Dockerfile:4:1: error WF101 WF101 fired',
        '  4 | RUN c',
        '    | ^^^',
        '    workaround: Fix WF101 like this.',
        '                And then that.',
        '',
        '2 files checked for buildkit: 3 errors, 0 warnings, 0 info, 0 style',
        '',
      ].join('\n'),
    );
  });
});
