import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../rules/types.ts';
import type { FileResult } from '../types.ts';
import { Finding, headline } from './Finding.tsx';

const d: Diagnostic = {
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'run-in-windows-stage', severity: 'warning', message: 'RUN in Windows stage base cannot execute on a Linux builder',
  range: { start: { line: 2, column: 1, offset: 0 }, end: { line: 2, column: 4, offset: 0 } }, stage: { index: 0, name: 'base' }, target: 'buildkit', workaround: 'w',
};
const file: FileResult = { path: 'win/Dockerfile', diagnostics: [d], line: (n) => ['FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base', 'RUN mkdir C:\\app'][n - 1] ?? '' };
const render = (columns: number, workaround = { full: 'Copy it from a Linux stage.' }) =>
  strip(renderToString(<Finding file={file} diagnostic={d} workaround={workaround} columns={columns} />, { columns }));

describe('<Finding>', () => {
  it('shows location, severity, rule, message, stage, code frame and workaround, then a blank line', () => {
    expect(render(120)).toBe(
      [
        'win/Dockerfile:2:1: warning WF101 RUN in Windows stage base cannot execute on a Linux builder (stage base)',
        '  2 | RUN mkdir C:\\app',
        '    | ^^^',
        '    workaround: Copy it from a Linux stage.',
        '',
      ].join('\n'),
    );
  });

  it('wraps the headline to the width', () => {
    expect(render(50).split('\n').slice(0, 3)).toEqual(['win/Dockerfile:2:1: warning WF101 RUN in Windows', 'stage base cannot execute on a Linux builder', '(stage base)']);
  });

  it('marks the parts of the headline by meaning', () => {
    expect(headline('Dockerfile', d).map((t) => t.kind ?? 'plain')).toEqual(['location', 'plain', 'warning', 'plain', 'rule', 'plain', 'muted']);
  });
});
