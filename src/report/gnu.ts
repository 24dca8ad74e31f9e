import type { Severity } from '../rules/types.ts';
import type { LintRun } from './types.ts';

/*
 * Format: `FILE:LINE:COL: LEVEL: MESSAGE [WFnnn]`, the shape GCC and `shellcheck -f gcc` print.
 *
 * The GNU coding standards ("Formatting Error Messages") give `sourcefile:lineno:column: message`
 * for compilers and `program:sourcefile:lineno: message` for other programs. The program prefix
 * is left out on purpose: Emacs compilation-mode accepts either, but Vim's default 'errorformat'
 * turns `%f:%l:%c:%m` into a lazy `.\{-1,}` file match, so `winfile:Dockerfile:3:1:` would
 * jump to a file named `winfile:Dockerfile`. Ranges (`3.1-3.4`) are left out for the same reason.
 *
 * LEVEL is what both editors classify: Emacs reads `warning` and `info`/`note` after the
 * position and treats anything else as an error, so `style` would show up as an error. info and
 * style therefore become `note`, as in GCC, shellcheck and our SARIF levels.
 */
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** One finding per line, so a message with a line break must not start a bogus entry. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function formatGnu(run: LintRun): string {
  const lines: string[] = [];
  for (const f of run.files) {
    if (f.error) {
      // No position: GNU's `program: message` form, which editors rightly do not turn into a link.
      lines.push(
        f.error.line
          ? `${f.path}:${f.error.line}:${f.error.column ?? 1}: error: ${oneLine(f.error.message)}`
          : `${run.tool.name}: ${f.path}: error: ${oneLine(f.error.message)}`,
      );
      continue;
    }
    for (const d of f.diagnostics) {
      const { line, column } = d.range.start;
      lines.push(`${f.path}:${line}:${column}: ${LEVEL[d.severity]}: ${oneLine(d.message)} [${d.ruleId}]`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
