import type { Range } from '../parse/source.ts';
import type { Severity } from '../rules/types.ts';
import type { LintRun } from './types.ts';

// The escaping of @actions/core (toolkit command.ts escapeData / escapeProperty): the runner
// decodes exactly these, and an unescaped `::`, `,` or newline would end the command early.
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

type Props = Record<string, string | number | undefined>;

function command(name: string, props: Props, message: string): string {
  const p = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${p}::${escapeData(message)}`;
}

/**
 * GitHub drops the columns of an annotation that spans lines (the checks API rejects them), so
 * they are only sent for one-line ranges. endColumn is our exclusive end, as ruff and rustc send
 * it. A range that stops at the start of the next line ends on the line before.
 */
function position(r: Range): Props {
  const endLine = r.end.column === 1 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
  if (endLine !== r.start.line) return { line: r.start.line, endLine };
  const endColumn = r.end.line === r.start.line ? r.end.column : undefined;
  return { line: r.start.line, col: r.start.column, endLine, endColumn };
}

/** Backslashes would not match the repository path GitHub annotates. */
function filePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** GitHub Actions workflow commands: annotations on the pull request diff and the run summary. */
export function formatGithub(run: LintRun): string {
  const lines: string[] = [];
  for (const f of run.files) {
    const file = filePath(f.path);
    if (f.error) {
      const at = f.error.line ? { line: f.error.line, col: f.error.column } : {};
      lines.push(command('error', { file, ...at, title: `${run.tool.name}: unusable input` }, f.error.message));
      continue;
    }
    for (const d of f.diagnostics) {
      const props = { file, ...position(d.range), title: `${d.ruleId} ${d.ruleName}` };
      lines.push(command(COMMAND[d.severity], props, `${d.message}\n\n${d.workaround}`));
    }
  }
  return lines.map((l) => l + '\n').join('');
}
