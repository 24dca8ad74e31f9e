import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../rules/types.ts';
import type { FileResult } from '../types.ts';
import { CodeFrame, frameWindow } from './CodeFrame.tsx';

const diag = (line: number, column: number, endLine: number, endColumn: number): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'r', severity: 'error', message: 'm', target: 'buildkit', workaround: 'w',
  range: { start: { line, column, offset: 0 }, end: { line: endLine, column: endColumn, offset: 0 } },
});
const lines = ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN\tpowershell -Command Install-WindowsFeature Web-Server; Start-Service W3SVC'];
const file: FileResult = { path: 'Dockerfile', diagnostics: [], line: (n) => lines[n - 1] ?? '' };
const frame = (d: Diagnostic, columns: number) => strip(renderToString(<CodeFrame file={file} diagnostic={d} columns={columns} />, { columns }));

describe('<CodeFrame>', () => {
  it('underlines the exact range, tabs counted as one column', () => {
    expect(frame(diag(2, 5, 2, 15), 100)).toBe(
      '  2 | RUN powershell -Command Install-WindowsFeature Web-Server; Start-Service W3SVC\n    |     ^^^^^^^^^^',
    );
  });

  it('underlines to the end of the line for a range over several lines', () => {
    expect(frame(diag(1, 46, 2, 3), 100)).toBe('  1 | FROM mcr.microsoft.com/windows/servercore:ltsc2022\n    |                                              ^^^^^');
  });

  it('cuts a long line around the range to fit the width', () => {
    const col = (lines[1] as string).indexOf('Start-Service') + 1;
    expect(frame(diag(2, col, 2, col + 13), 40)).toBe(`  2 | …e Web-Server; Start-Service W3SVC\n    | ${' '.repeat(15)}^^^^^^^^^^^^^`);
    expect(frame(diag(2, 1, 2, 4), 40)).toBe('  2 | RUN powershell -Command Install-W…\n    | ^^^');
  });

  it('draws nothing for a file without source', () => {
    expect(strip(renderToString(<CodeFrame file={{ path: 'x', diagnostics: [] }} diagnostic={diag(1, 1, 1, 2)} columns={40} />))).toBe('');
  });
});

describe('frameWindow', () => {
  it('leaves a line that fits alone', () => {
    expect(frameWindow('RUN x', 0, 3, 20)).toEqual({ text: 'RUN x', caretStart: 0, caretLength: 3 });
  });

  it('keeps some text before the range and marks both cuts', () => {
    const line = 'a'.repeat(30) + 'TARGET' + 'b'.repeat(30);
    expect(frameWindow(line, 30, 36, 20)).toEqual({ text: `…${'a'.repeat(8)}TARGETbbbb…`, caretStart: 9, caretLength: 6 });
  });

  it('clips a range longer than the window', () => {
    expect(frameWindow('x'.repeat(100), 10, 90, 20)).toEqual({ text: `…${'x'.repeat(18)}…`, caretStart: 9, caretLength: 10 });
  });
});
