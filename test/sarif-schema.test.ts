import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { df } from '../src/rules/rule-tester.ts';
import { helpUri, RULE_META } from '../src/rules/meta.ts';
import type { Diagnostic, RuleMeta } from '../src/rules/types.ts';
import { formatSarif } from '../src/report/sarif.ts';
import type { LintRun } from '../src/report/types.ts';
import { HAVE_SARIF_SCHEMA as HAVE_SCHEMA, SARIF_SCHEMA as SCHEMA, sarifValidator } from './helpers/schemas.ts';
if (!HAVE_SCHEMA) console.log(`SARIF schema validation skipped: ${SCHEMA} not found (../shared is not checked out)`);

const at = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column, offset: 0 },
  end: { line: endLine, column: endColumn, offset: 0 },
});

/** Two files with findings (one with a fix, one with a stage name), a clean file and two unusable ones. */
function realisticRun(): LintRun {
  const rules: RuleMeta[] = [
    ...RULE_META,
    {
      id: 'WF999', name: 'chown-on-windows', title: 'COPY --chown has no effect on Windows', severity: 'warning', targets: ['buildkit', 'crane'],
      category: 'correctness', rationale: 'Windows has no POSIX owners.', message: 'remove --chown', workaround: 'Delete `--chown`; use `icacls` in a native build.',
      fixable: true, examples: { bad: 'COPY --chown=1000 a C:/a\n', good: 'COPY a C:/a\n' },
    },
  ];
  const app = df`
    # escape=\`
    FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
    RUN powershell -Command \`
        Invoke-WebRequest https://example.com/a.msi -OutFile a.msi
    COPY --chown=1000 app/ C:/app/
    RUN powershell -Command \`
        Invoke-WebRequest https://example.com/a.msi -OutFile a.msi
  `.split('\n');
  const d = (over: Partial<Diagnostic>): Diagnostic => ({
    file: 'win/app.Dockerfile', ruleId: 'WF101', ruleName: 'run-in-windows-stage', severity: 'error', message: 'RUN in Windows stage base cannot execute on a Linux builder: it downloads files',
    range: at(3, 1, 3, 4), stage: { index: 0, name: 'base' }, target: 'buildkit', workaround: RULE_META[0]?.workaround ?? 'w', ...over,
  });
  return {
    tool: { name: 'winfile', version: '0.1.0', informationUri: 'https://github.com/winfile/winfile' },
    target: 'buildkit',
    rules,
    helpUri,
    files: [
      {
        path: 'win/app.Dockerfile',
        line: (n) => app[n - 1] ?? '',
        diagnostics: [
          d({}),
          d({
            ruleId: 'WF999', ruleName: 'chown-on-windows', severity: 'warning', message: 'COPY --chown has no effect on Windows', range: at(5, 6, 5, 18),
            workaround: 'Delete `--chown`.', fix: { description: 'Remove --chown', edits: [{ range: at(5, 6, 5, 19), text: '' }] },
          }),
          d({ range: at(6, 1, 6, 4) }),
        ],
      },
      { path: './ci\\my images\\Dockerfile', line: () => 'RUN echo', diagnostics: [d({ file: 'x', range: at(1, 1, 1, 4), severity: 'info', stage: { index: 1 } })] },
      { path: 'clean/Dockerfile', line: () => '', diagnostics: [] },
      { path: 'broken/Dockerfile', diagnostics: [], error: { message: "BuildKit's parser rejects this file: unknown instruction: FORM", line: 1, column: 1 } },
      { path: '/abs/missing/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
    ],
  };
}

describe('SARIF output against the SARIF 2.1.0 schema', () => {
  it.runIf(HAVE_SCHEMA)('validates, as ../shared/schemas/validate.mjs checks it', () => {
    const validate = sarifValidator();
    const sarif = JSON.parse(formatSarif(realisticRun()));
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // Make sure the interesting parts were there to be validated.
    expect(sarif.runs[0].results).toHaveLength(4);
    expect(sarif.runs[0].results[1].fixes).toHaveLength(1);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(2);
  });

  it.runIf(HAVE_SCHEMA)('would catch a broken document', () => {
    const validate = sarifValidator();
    const sarif = JSON.parse(formatSarif(realisticRun()));
    sarif.runs[0].results[0].level = 'fatal';
    sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(sarif)).toBe(false);
  });
});
