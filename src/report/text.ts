import type { Diagnostic } from '../rules/types.ts';
import { countSeverities, type FileResult, type LintRun } from './types.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Source line with a caret line under the diagnostic's range (first line only). */
export function codeFrame(file: FileResult, d: Diagnostic): string[] {
  if (!file.line) return [];
  const ln = d.range.start.line;
  const text = file.line(ln).replace(/\t/g, ' ');
  const width = String(ln).length;
  const start = d.range.start.column - 1;
  const end = d.range.end.line === ln ? Math.max(d.range.end.column - 1, start + 1) : Math.max(text.length, start + 1);
  return [`  ${ln} | ${text}`, `  ${' '.repeat(width)} | ${' '.repeat(start)}${'^'.repeat(end - start)}`];
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((l) => prefix + l);
}

/** The terminal report without colour: what a pipe, a CI log or NO_COLOR gets. */
export function formatText(run: LintRun): string {
  const lines: string[] = [];
  for (const f of run.files) {
    if (f.error) {
      const where = f.error.line ? `:${f.error.line}:${f.error.column ?? 1}` : '';
      lines.push(`${f.path}${where}: error: ${f.error.message}`);
      continue;
    }
    for (const d of f.diagnostics) {
      const stage = d.stage ? ` (stage ${d.stage.name ?? d.stage.index})` : '';
      lines.push(`${f.path}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.ruleId} ${d.message}${stage}`);
      lines.push(...codeFrame(f, d));
      lines.push(...indent(d.workaround, '    workaround: ').slice(0, 1), ...indent(d.workaround, '                ').slice(1));
      lines.push('');
    }
  }
  const c = countSeverities(run);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), `${c.info} info`, `${c.style} style`];
  if (c.inputErrors > 0) parts.push(plural(c.inputErrors, 'unusable input'));
  lines.push(`${plural(run.files.length, 'file')} checked for ${run.target}: ${parts.join(', ')}`);
  return lines.join('\n') + '\n';
}
