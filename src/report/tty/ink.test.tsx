import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../rules/types.ts';
import { formatText } from '../text.ts';
import type { LintRun } from '../types.ts';
import { renderTty } from './ink.tsx';

// renderTty is only called for colour terminals, where chalk (under Ink) sees a TTY. The test
// worker has none, so colour is forced before Ink is first imported; chalk reads it once, which
// works because vitest isolates test files (the default). The other tests strip colour.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const src = ['FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base', 'RUN powershell -Command Install-WindowsFeature Web-Server', 'RUN mkdir C:\\app'];
const diag = (line: number, over: Partial<Diagnostic> = {}): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'run-in-windows-stage', severity: 'error', message: 'RUN cannot execute on a Linux builder',
  range: { start: { line, column: 1, offset: 0 }, end: { line, column: 4, offset: 0 } }, stage: { index: 0, name: 'base' }, target: 'buildkit',
  workaround: 'Move the download to a Linux stage and copy the result with COPY --from.\nBuild the rest natively.', ...over,
});
const run: LintRun = {
  tool: { name: 'winfile', version: '0.1.0', informationUri: 'https://example.invalid' },
  target: 'buildkit',
  rules: [],
  helpUri: () => '',
  files: [
    { path: 'win/Dockerfile', line: (n) => src[n - 1] ?? '', diagnostics: [diag(2), diag(3), diag(1, { ruleId: 'WF202', severity: 'info', message: 'ltsc2022 support ends', workaround: 'Plan the move.' })] },
    { path: 'clean/Dockerfile', line: () => '', diagnostics: [] },
    { path: 'gone/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
  ],
};

describe('renderTty', () => {
  it('carries the same text as the plain report when lines fit', () => {
    expect(strip(renderTty(run, 200))).toBe(formatText(run));
  });

  it('lays the report out for a narrow terminal', () => {
    expect(strip(renderTty(run, 48))).toBe(
      [
        'win/Dockerfile:2:1: error WF101 RUN cannot',
        'execute on a Linux builder (stage base)',
        '  2 | RUN powershell -Command Install-WindowsFe…',
        '    | ^^^',
        '    workaround: Move the download to a Linux',
        '                stage and copy the result with',
        '                COPY --from.',
        '                Build the rest natively.',
        '',
        'win/Dockerfile:3:1: error WF101 RUN cannot',
        'execute on a Linux builder (stage base)',
        '  3 | RUN mkdir C:\\app',
        '    | ^^^',
        '    workaround: see WF101 above (line 2)',
        '',
        'win/Dockerfile:1:1: info WF202 ltsc2022 support',
        'ends (stage base)',
        '  1 | FROM mcr.microsoft.com/windows/servercore…',
        '    | ^^^',
        '    workaround: Plan the move.',
        '',
        'gone/Dockerfile: error: no such file or',
        'directory',
        '3 files checked for buildkit: 2 errors, 0',
        'warnings, 1 info, 0 style, 1 unusable input',
        '',
      ].join('\n'),
    );
  });

  it('colours severities, carets and counts', () => {
    const out = renderTty(run, 100);
    // Ink re-emits styles word by word, so each word carries its own codes.
    expect(out).toMatch(/\u001b\[31merror\u001b\[39m/);
    expect(out).toMatch(/\u001b\[34minfo\u001b\[39m/);
    expect(out).toMatch(/\u001b\[31m\^\^\^\u001b\[39m/);
    expect(out).toMatch(/\u001b\[31merrors\u001b\[39m/);
    expect(out).toMatch(/\u001b\[2mwarnings\u001b\[22m/);
  });
});
