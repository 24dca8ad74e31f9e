import { describe, expect, it } from 'vitest';
import { formatGnu } from './gnu.ts';
import { at, diag, run } from './test-fixtures.ts';


describe('formatGnu', () => {
  it('prints one GCC-style line per finding, info and style as note', () => {
    const out = formatGnu(
      run([
        {
          path: 'win/Dockerfile',
          diagnostics: [
            diag({}),
            diag({ ruleId: 'WF201', severity: 'warning', message: 'a warning', range: at(3, 5) }),
            diag({ ruleId: 'WF301', severity: 'info', message: 'an info', range: at(4, 1) }),
            diag({ ruleId: 'WF401', severity: 'style', message: 'a style hint', range: at(5, 2) }),
          ],
        },
      ]),
    );
    expect(out).toBe(
      [
        'win/Dockerfile:2:1: error: RUN cannot execute here [WF101]',
        'win/Dockerfile:3:5: warning: a warning [WF201]',
        'win/Dockerfile:4:1: note: an info [WF301]',
        'win/Dockerfile:5:2: note: a style hint [WF401]',
        '',
      ].join('\n'),
    );
  });

  it('keeps a multi-line message on one line', () => {
    expect(formatGnu(run([{ path: 'Dockerfile', diagnostics: [diag({ message: 'first\r\n  second\nthird' })] }]))).toBe('Dockerfile:2:1: error: first second third [WF101]\n');
  });

  it('reports unusable inputs with a position when known, else in the program: form', () => {
    const out = formatGnu(
      run([
        { path: 'bad/Dockerfile', diagnostics: [], error: { message: "BuildKit's parser rejects this file: unknown instruction", line: 4, column: 1 } },
        { path: 'gone/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
        { path: 'clean/Dockerfile', diagnostics: [] },
      ]),
    );
    expect(out).toBe("bad/Dockerfile:4:1: error: BuildKit's parser rejects this file: unknown instruction\nwinfile: gone/Dockerfile: error: no such file or directory\n");
  });

  it('prints nothing for a clean run', () => {
    expect(formatGnu(run([{ path: 'Dockerfile', diagnostics: [] }]))).toBe('');
  });
});
