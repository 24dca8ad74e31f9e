import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { parseVersion, type Version } from '../util/version.ts';
import { lintModel } from './engine.ts';
import { lintText, summarize } from './rule-tester.ts';
import type { Diagnostic, TextFix } from './types.ts';

const only = ['WF304'];
const FROM = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022';

/** Applies a fix's edits (back to front) to the text. */
function apply(text: string, fix: TextFix | undefined): string {
  const edits = [...(fix?.edits ?? [])].sort((a, b) => b.range.start.offset - a.range.start.offset);
  return edits.reduce((t, e) => t.slice(0, e.range.start.offset) + e.text + t.slice(e.range.end.offset), text);
}

describe('WF304 parser-directive-ignored', () => {
  it('explains an escape directive after a comment and moves it to the top', () => {
    const text = `# Copyright\n# escape=\`\n${FROM}\nWORKDIR C:/app\n`;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:1-2:11 WF304 The escape directive on line 2 is ignored: it comes after a comment; BuildKit reads parser directives only from the first lines of the file. The escape character stays the backslash, so BuildKit drops backslashes from paths and values, and lines ending in a backtick no longer continue',
    ]);
    expect(apply(text, d[0]?.fix)).toBe(`# escape=\`\n# Copyright\n${FROM}\nWORKDIR C:/app\n`);
  });

  it('reports syntax and check directives with their own consequence', () => {
    const text = `\n# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\n${FROM}\n`;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:31 WF304 The syntax directive on line 2 (`docker/dockerfile:1.7`) is ignored: it comes after a blank line; BuildKit reads parser directives only from the first lines of the file. BuildKit builds with its built-in Dockerfile frontend instead',
    ]);
  });

  it('reports a check directive only when it is not a per-instruction check comment', () => {
    const text = `# License\n\n# check=error=true\n\n${FROM}\n`;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:1-3:19 WF304 The check directive on line 3 (`error=true`) is ignored: it comes after a comment; BuildKit reads parser directives only from the first lines of the file. Its build-check settings do not apply',
    ]);
  });

  it('keeps CRLF line ends', () => {
    const text = `# header\r\n# escape=\`\r\n${FROM}\r\n`;
    expect(apply(text, lintText(text, { only })[0]?.fix)).toBe(`# escape=\`\r\n# header\r\n${FROM}\r\n`);
  });

  it('does not fix when a directive of that name is already in effect', () => {
    const text = `# syntax=docker/dockerfile:1\n\n# syntax=docker/dockerfile:1.7\n${FROM}\n`;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '3:1-3:31 WF304 The syntax directive on line 3 (`docker/dockerfile:1.7`) is ignored: it comes after a blank line; BuildKit reads parser directives only from the first lines of the file. `docker/dockerfile:1` from the top of the file applies',
    ]);
    expect(d[0]?.fix).toBeUndefined();
  });

  it('ignores directives that are honoured or would change nothing', () => {
    expect(lintText(`# escape=\`\n# syntax=docker/dockerfile:1\n${FROM}\n`, { only })).toEqual([]);
    expect(lintText(`# header\n# escape=\\\n${FROM}\n`, { only })).toEqual([]);
    expect(lintText(`# escape=\`\n# header\n# escape=\`\n${FROM}\n`, { only })).toEqual([]);
  });

  it('reports even when BuildKit rejects the file because of the lost escape', () => {
    const text = `# header\n# escape=\`\n${FROM}\nENV A=1 \`\n    B=2\n`;
    const model = buildModel('Dockerfile', text);
    expect(model.errors).toHaveLength(1);
    const d: Diagnostic[] = lintModel(model, { target: 'crane', craneVersion: parseVersion('v0.21.9') as Version, windowsVersions: ['ltsc2022'], catalog: new Catalog(), only });
    expect(d.map((x) => [x.ruleId, x.range.start.line, x.target])).toEqual([['WF304', 2, 'crane']]);
  });
});
