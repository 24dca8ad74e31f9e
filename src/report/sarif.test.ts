import { describe, expect, it } from 'vitest';
import type { Diagnostic, RuleMeta } from '../rules/types.ts';
import { artifactLocation, formatSarif, sarifLevel } from './sarif.ts';
import type { FileResult, LintRun } from './types.ts';

const at = (line: number, column: number, endLine = line, endColumn = column + 3) => ({
  start: { line, column, offset: 0 },
  end: { line: endLine, column: endColumn, offset: 0 },
});
const meta = (id: string, over: Partial<RuleMeta> = {}): RuleMeta => ({
  id, name: `rule-${id}`, title: `Title ${id}`, severity: 'error', targets: ['buildkit', 'crane'], category: 'portability',
  rationale: `Why ${id}.`, message: 'm', workaround: `Fix ${id}.`, examples: { bad: 'RUN x\n', good: 'COPY x y\n' }, ...over,
});
const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  file: 'Dockerfile', ruleId: 'WF101', ruleName: 'rule-WF101', severity: 'error', message: 'RUN cannot execute here',
  range: at(2, 1), target: 'buildkit', workaround: 'Copy the result from a Linux stage.', ...over,
});
const run = (files: FileResult[], rules = [meta('WF101'), meta('WF202', { severity: 'style', category: 'maintenance', targets: ['crane'] })]): LintRun => ({
  tool: { name: 'winfile', version: '1.2.3', informationUri: 'https://example.invalid/winfile' }, target: 'buildkit', files, rules,
  helpUri: (m) => `https://example.invalid/rules/${m.id}.md`,
});
const file = (lines: string[], diagnostics: Diagnostic[], path = 'Dockerfile'): FileResult => ({ path, diagnostics, line: (n) => lines[n - 1] ?? '' });
const sarif = (r: LintRun) => JSON.parse(formatSarif(r));

describe('formatSarif', () => {
  it('describes every rule in tool.driver.rules, fired or not', () => {
    const out = sarif(run([]));
    expect(out.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(out.version).toBe('2.1.0');
    const { driver } = out.runs[0].tool;
    expect([driver.name, driver.version, driver.informationUri]).toEqual(['winfile', '1.2.3', 'https://example.invalid/winfile']);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['WF101', 'WF202']);
    expect(driver.rules[1]).toEqual({
      id: 'WF202',
      name: 'rule-WF202',
      shortDescription: { text: 'Title WF202' },
      fullDescription: { text: 'Why WF202.' },
      help: {
        text: 'Fix WF202.',
        markdown:
          'Why WF202.\n\n**Workaround:** Fix WF202.\n\nFlagged:\n\n```dockerfile\nRUN x\n```\n\nBuilds on a Linux builder:\n\n```dockerfile\nCOPY x y\n```\n\n[WF202 documentation](https://example.invalid/rules/WF202.md)',
      },
      helpUri: 'https://example.invalid/rules/WF202.md',
      defaultConfiguration: { level: 'note' },
      properties: { category: 'maintenance', targets: ['crane'], tags: ['dockerfile', 'windows', 'maintenance'] },
    });
    expect(out.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(out.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('maps severities to SARIF levels', () => {
    expect((['error', 'warning', 'info', 'style'] as const).map(sarifLevel)).toEqual(['error', 'warning', 'note', 'note']);
  });

  it('writes results with region, stage, fingerprint and fixes', () => {
    const d = diag({
      ruleId: 'WF202', severity: 'warning', range: at(3, 6, 3, 18), stage: { index: 1, name: 'app' },
      fix: { description: 'Remove --chown', edits: [{ range: at(3, 6, 3, 19), text: '' }, { range: at(4, 1, 4, 1), text: '# moved\n' }] },
    });
    const [result] = sarif(run([file(['FROM x', 'FROM y AS app', 'COPY --chown=1 a C:/a'], [d], 'win/app.Dockerfile')])).runs[0].results;
    const loc = { uri: 'win/app.Dockerfile', uriBaseId: '%SRCROOT%' };
    expect(result).toEqual({
      ruleId: 'WF202',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'RUN cannot execute here\n\nCopy the result from a Linux stage.' },
      locations: [{ physicalLocation: { artifactLocation: loc, region: { startLine: 3, startColumn: 6, endLine: 3, endColumn: 18 } } }],
      partialFingerprints: { 'winfileInstructionHash/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/) },
      fixes: [
        {
          description: { text: 'Remove --chown' },
          artifactChanges: [
            {
              artifactLocation: loc,
              replacements: [
                { deletedRegion: { startLine: 3, startColumn: 6, endLine: 3, endColumn: 19 }, insertedContent: { text: '' } },
                { deletedRegion: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }, insertedContent: { text: '# moved\n' } },
              ],
            },
          ],
        },
      ],
      properties: { stage: { index: 1, name: 'app' }, target: 'buildkit' },
    });
  });

  it('keeps fingerprints when lines move or are re-indented, and tells identical instructions apart', () => {
    const fp = (lines: string[], ds: Diagnostic[]) =>
      sarif(run([file(lines, ds)])).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['winfileInstructionHash/v1']);
    const [a, b] = fp(['FROM w', 'RUN a', 'RUN a'], [diag({ range: at(2, 1) }), diag({ range: at(3, 1) })]);
    expect(a).not.toBe(b);
    expect(a?.replace(/:\d+$/, '')).toBe(b?.replace(/:\d+$/, ''));
    expect(fp(['FROM w', '# new', 'ARG X', '  RUN   a'], [diag({ range: at(4, 3) })])).toEqual([a]);
    // A continuation line belongs to the instruction, so two RUNs with the same first line differ.
    const [c, e] = fp(['RUN powershell `', '  one', 'RUN powershell `', '  two'], [diag({ range: at(1, 1) }), diag({ range: at(3, 1) })]);
    expect(c?.endsWith(':1') && e?.endsWith(':1')).toBe(true);
    expect(fp(['RUN a'], [diag({ ruleId: 'WF202', range: at(1, 1) })])).not.toEqual(fp(['RUN a'], [diag({ range: at(1, 1) })]));
  });

  it('turns unusable inputs into tool execution notifications', () => {
    const inv = sarif(
      run([
        { path: 'bad/Dockerfile', diagnostics: [], error: { message: 'parser rejects it', line: 3, column: 2 } },
        { path: 'gone/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
      ]),
    ).runs[0].invocations[0];
    expect(inv).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'bad/Dockerfile: parser rejects it' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'bad/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 2 } } }],
        },
        {
          level: 'error',
          message: { text: 'gone/Dockerfile: no such file or directory' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'gone/Dockerfile', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    });
  });

  it('is deterministic and carries no times', () => {
    const r = run([file(['RUN a'], [diag({ range: at(1, 1) })])]);
    expect(formatSarif(r)).toBe(formatSarif(r));
    expect(formatSarif(r)).not.toMatch(/Utc|time/i);
  });
});

describe('artifactLocation', () => {
  it('makes relative paths forward-slashed URIs against %SRCROOT%', () => {
    expect(artifactLocation('./ci\\win\\Dockerfile')).toEqual({ uri: 'ci/win/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../other/./Dockerfile').uri).toBe('../other/Dockerfile');
    expect(artifactLocation('-').uri).toBe('-');
  });

  it('percent-encodes what a URI cannot hold, keeping legal sub-delimiters', () => {
    expect(artifactLocation('my images/50%#1?.Dockerfile').uri).toBe('my%20images/50%25%231%3F.Dockerfile');
    expect(artifactLocation('a:b/Dockerfile').uri).toBe('a%3Ab/Dockerfile');
    expect(artifactLocation("win+x64,v1;a=b@c&d$/Dockerfile.ü").uri).toBe("win+x64,v1;a=b@c&d$/Dockerfile.%C3%BC");
  });

  it('turns absolute paths into file URIs without a base', () => {
    expect(artifactLocation('/src/app/Dockerfile')).toEqual({ uri: 'file:///src/app/Dockerfile' });
    expect(artifactLocation('C:\\src\\my app\\Dockerfile')).toEqual({ uri: 'file:///C:/src/my%20app/Dockerfile' });
    expect(artifactLocation('\\\\server\\share\\Dockerfile')).toEqual({ uri: 'file://server/share/Dockerfile' });
  });
});
