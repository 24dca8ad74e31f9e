import type { Diagnostic, Severity } from '../rules/types.ts';
import { countSeverities, type FileResult, type LintRun } from './types.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a code frame shows: the first line of the range (tabs as one space, so columns still
 * line up) and the 0-based [start, end) to underline, at least one character wide.
 */
export function frameSpan(file: FileResult, d: Diagnostic): { line: number; text: string; start: number; end: number } | undefined {
  if (!file.line) return undefined;
  const ln = d.range.start.line;
  const text = file.line(ln).replace(/\t/g, ' ');
  const start = d.range.start.column - 1;
  const end = d.range.end.line === ln ? Math.max(d.range.end.column - 1, start + 1) : Math.max(text.length, start + 1);
  return { line: ln, text, start, end };
}

/** Source line with a caret line under the diagnostic's range (first line only). */
export function codeFrame(file: FileResult, d: Diagnostic): string[] {
  const s = frameSpan(file, d);
  if (!s) return [];
  const width = String(s.line).length;
  return [`  ${s.line} | ${s.text}`, `  ${' '.repeat(width)} | ${' '.repeat(s.start)}${'^'.repeat(s.end - s.start)}`];
}

export function stageSuffix(d: Diagnostic): string {
  return d.stage ? ` (stage ${d.stage.name ?? d.stage.index})` : '';
}

/**
 * A workaround is a paragraph; repeating it under every finding of the same rule buries the
 * findings, so it is shown in full once per rule per file and referenced after that. A finding
 * whose workaround differs (rules may tailor it) is shown in full again.
 */
export type WorkaroundView = { full: string } | { ref: string };

export function workaroundViews(file: FileResult): WorkaroundView[] {
  const firstLine = new Map<string, number>();
  return file.diagnostics.map((d) => {
    const key = `${d.ruleId}\n${d.workaround}`;
    const line = firstLine.get(key);
    if (line === undefined) {
      firstLine.set(key, d.range.start.line);
      return { full: d.workaround };
    }
    return { ref: `see ${d.ruleId} above (line ${line})` };
  });
}

export interface SummaryPart {
  text: string;
  /** What the count is of, so a colour renderer can highlight non-zero problem counts. */
  kind: Severity | 'input';
  count: number;
}

export function summary(run: LintRun): { head: string; parts: SummaryPart[] } {
  const c = countSeverities(run);
  const parts: SummaryPart[] = [
    { text: plural(c.error, 'error'), kind: 'error', count: c.error },
    { text: plural(c.warning, 'warning'), kind: 'warning', count: c.warning },
    { text: `${c.info} info`, kind: 'info', count: c.info },
    { text: `${c.style} style`, kind: 'style', count: c.style },
  ];
  if (c.inputErrors > 0) parts.push({ text: plural(c.inputErrors, 'unusable input'), kind: 'input', count: c.inputErrors });
  return { head: `${plural(run.files.length, 'file')} checked for ${run.target}`, parts };
}

export function inputErrorLine(path: string, error: NonNullable<FileResult['error']>): string {
  const where = error.line ? `:${error.line}:${error.column ?? 1}` : '';
  return `${path}${where}: error: ${error.message}`;
}

function indent(text: string, prefix: string): string[] {
  // Blank lines stay empty rather than carrying the indent as trailing blanks.
  return text.split('\n').map((l) => (l === '' ? '' : prefix + l));
}

/** The terminal report without colour: what a pipe, a CI log or NO_COLOR gets. */
export function formatText(run: LintRun): string {
  const lines: string[] = [];
  for (const f of run.files) {
    if (f.error) {
      lines.push(inputErrorLine(f.path, f.error));
      continue;
    }
    const views = workaroundViews(f);
    f.diagnostics.forEach((d, i) => {
      lines.push(`${f.path}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.ruleId} ${d.message}${stageSuffix(d)}`);
      lines.push(...codeFrame(f, d));
      const v = views[i] as WorkaroundView;
      const body = 'full' in v ? v.full : v.ref;
      lines.push(...indent(body, '    workaround: ').slice(0, 1), ...indent(body, '                ').slice(1));
      lines.push('');
    });
  }
  const s = summary(run);
  lines.push(`${s.head}: ${s.parts.map((p) => p.text).join(', ')}`);
  return lines.join('\n') + '\n';
}
