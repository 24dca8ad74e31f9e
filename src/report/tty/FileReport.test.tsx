import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../rules/types.ts';
import type { FileResult } from '../types.ts';
import { FileReport } from './FileReport.tsx';

const diag = (line: number, workaround = 'Copy it from a Linux stage.'): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'r', severity: 'error', message: 'RUN cannot execute', target: 'buildkit', workaround,
  range: { start: { line, column: 1, offset: 0 }, end: { line, column: 4, offset: 0 } },
});
const src = ['FROM w', 'RUN a', 'RUN b', 'RUN c'];
const render = (file: FileResult) => strip(renderToString(<FileReport file={file} columns={80} />, { columns: 80 }));

describe('<FileReport>', () => {
  it('gives the workaround in full once per rule, then refers to it', () => {
    const file: FileResult = { path: 'Dockerfile', line: (n) => src[n - 1] ?? '', diagnostics: [diag(2), diag(3), diag(4, 'Something specific.')] };
    expect(render(file)).toBe(
      [
        'Dockerfile:2:1: error WF101 RUN cannot execute',
        '  2 | RUN a',
        '    | ^^^',
        '    workaround: Copy it from a Linux stage.',
        '',
        'Dockerfile:3:1: error WF101 RUN cannot execute',
        '  3 | RUN b',
        '    | ^^^',
        '    workaround: see WF101 above (line 2)',
        '',
        'Dockerfile:4:1: error WF101 RUN cannot execute',
        '  4 | RUN c',
        '    | ^^^',
        '    workaround: Something specific.',
        '',
      ].join('\n'),
    );
  });

  it('shows an unusable input instead of findings', () => {
    expect(render({ path: 'x/Dockerfile', diagnostics: [], error: { message: 'permission denied' } })).toBe('x/Dockerfile: error: permission denied');
  });

  it('shows nothing for a clean file', () => {
    expect(render({ path: 'Dockerfile', diagnostics: [], line: () => '' })).toBe('');
  });
});
