import { describe, expect, it } from 'vitest';
import { formatJunit } from './junit.ts';
import { at, diag, run } from './test-fixtures.ts';


describe('formatJunit', () => {
  it('has a suite per file, a failing case per rule and a passing case for clean files', () => {
    const out = formatJunit(
      run([
        {
          path: 'win/Dockerfile',
          diagnostics: [
            diag({ stage: { index: 0, name: 'base' } }),
            diag({ ruleId: 'WF201', ruleName: 'pin-image', severity: 'warning', message: 'pin <it>', range: at(1, 6) }),
            diag({ range: at(5, 1) }),
          ],
        },
        { path: 'clean/Dockerfile', diagnostics: [] },
      ]),
    );
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="winfile" tests="3" failures="2" errors="0" time="0">',
        '  <testsuite name="win/Dockerfile" tests="2" failures="2" errors="0" skipped="0" time="0">',
        '    <testcase classname="win/Dockerfile" name="WF101 run-in-windows-stage" file="win/Dockerfile">',
        '      <failure type="error" message="2 findings, first: RUN cannot execute here">win/Dockerfile:2:1: RUN cannot execute here (stage base)',
        'win/Dockerfile:5:1: RUN cannot execute here',
        '',
        'Workaround: Copy the result from a Linux stage.</failure>',
        '    </testcase>',
        '    <testcase classname="win/Dockerfile" name="WF201 pin-image" file="win/Dockerfile">',
        '      <failure type="warning" message="pin &lt;it&gt;">win/Dockerfile:1:6: pin &lt;it&gt;',
        '',
        'Workaround: Copy the result from a Linux stage.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase classname="clean/Dockerfile" name="winfile buildkit" file="clean/Dockerfile"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('lists each distinct workaround of a rule once', () => {
    const out = formatJunit(run([{ path: 'Dockerfile', diagnostics: [diag({}), diag({ range: at(3, 1) }), diag({ range: at(4, 1), workaround: 'Specific & different.' })] }]));
    expect(out).toContain('Workaround: Copy the result from a Linux stage.\nWorkaround: Specific &amp; different.</failure>');
  });

  it('turns an unusable input into an <error> case', () => {
    const out = formatJunit(run([{ path: 'bad/Dockerfile', diagnostics: [], error: { message: 'parser says "no"', line: 2, column: 1 } }]));
    expect(out).toContain('<testsuites name="winfile" tests="1" failures="0" errors="1" time="0">');
    expect(out).toContain(
      '    <testcase classname="bad/Dockerfile" name="winfile input" file="bad/Dockerfile">\n      <error type="input" message="parser says &quot;no&quot;">bad/Dockerfile:2:1: parser says "no"</error>\n    </testcase>',
    );
  });

  it('is byte-identical across runs (no timestamps or host names)', () => {
    const r = run([{ path: 'Dockerfile', diagnostics: [diag({})] }]);
    expect(formatJunit(r)).toBe(formatJunit(r));
    expect(formatJunit(r)).not.toMatch(/timestamp|hostname/);
  });
});
