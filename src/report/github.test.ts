import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../rules/types.ts';
import { escapeData, escapeProperty, formatGithub } from './github.ts';
import type { FileResult, LintRun } from './types.ts';

const range = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column, offset: 0 },
  end: { line: endLine, column: endColumn, offset: 0 },
});
const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'run-in-windows-stage', severity: 'error', message: 'RUN cannot execute here',
  range: range(2, 1, 2, 4), target: 'buildkit', workaround: 'Copy the result from a Linux stage.', ...over,
});
const run = (files: FileResult[]): LintRun => ({
  tool: { name: 'winfile', version: '0.1.0', informationUri: 'https://example.invalid' }, target: 'buildkit', files, rules: [], helpUri: () => '',
});

describe('formatGithub', () => {
  it('writes one annotation per finding with the workaround as a second paragraph', () => {
    const out = formatGithub(
      run([
        {
          path: './win\\Dockerfile',
          diagnostics: [
            diag({}),
            diag({ ruleId: 'WF201', ruleName: 'w', severity: 'warning', message: 'warn', range: range(3, 5, 3, 9) }),
            diag({ ruleId: 'WF301', ruleName: 'i', severity: 'info', message: 'info', range: range(4, 1, 4, 2) }),
            diag({ ruleId: 'WF401', ruleName: 's', severity: 'style', message: 'style', range: range(5, 1, 5, 2) }),
          ],
        },
      ]),
    );
    expect(out.split('\n')).toEqual([
      '::error file=win/Dockerfile,line=2,col=1,endLine=2,endColumn=4,title=WF101 run-in-windows-stage::RUN cannot execute here%0A%0ACopy the result from a Linux stage.',
      '::warning file=win/Dockerfile,line=3,col=5,endLine=3,endColumn=9,title=WF201 w::warn%0A%0ACopy the result from a Linux stage.',
      '::notice file=win/Dockerfile,line=4,col=1,endLine=4,endColumn=2,title=WF301 i::info%0A%0ACopy the result from a Linux stage.',
      '::notice file=win/Dockerfile,line=5,col=1,endLine=5,endColumn=2,title=WF401 s::style%0A%0ACopy the result from a Linux stage.',
      '',
    ]);
  });

  it('drops columns for ranges over several lines, and ends a range at the start of a line on the line before', () => {
    const out = formatGithub(run([{ path: 'Dockerfile', diagnostics: [diag({ range: range(2, 5, 4, 3) }), diag({ range: range(6, 1, 7, 1) })] }]));
    expect(out.split('\n').map((l) => l.slice(0, l.indexOf(',title')))).toEqual([
      '::error file=Dockerfile,line=2,endLine=4',
      '::error file=Dockerfile,line=6,col=1,endLine=6',
      '',
    ]);
  });

  it('escapes property values and message data as @actions/core does', () => {
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
    expect(escapeData('50% done:\r\nnext, then ::x')).toBe('50%25 done:%0D%0Anext, then ::x');
    const out = formatGithub(run([{ path: 'dir,with:odd%name/Dockerfile', diagnostics: [diag({ ruleName: 'a,b', message: 'x::y 100%' })] }]));
    expect(out).toBe('::error file=dir%2Cwith%3Aodd%25name/Dockerfile,line=2,col=1,endLine=2,endColumn=4,title=WF101 a%2Cb::x::y 100%25%0A%0ACopy the result from a Linux stage.\n');
  });

  it('reports unusable inputs as errors on the file', () => {
    const out = formatGithub(
      run([
        { path: 'bad/Dockerfile', diagnostics: [], error: { message: 'BuildKit rejects: x', line: 3, column: 2 } },
        { path: 'gone/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
      ]),
    );
    expect(out).toBe(
      '::error file=bad/Dockerfile,line=3,col=2,title=winfile%3A unusable input::BuildKit rejects: x\n' +
        '::error file=gone/Dockerfile,title=winfile%3A unusable input::no such file or directory\n',
    );
  });
});
