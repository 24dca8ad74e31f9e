import { countSeverities, type LintRun } from './types.ts';

/** Bumped only when a field changes meaning or disappears; new fields do not bump it. */
export const JSON_SCHEMA_VERSION = 1;

/** The documented, stable JSON shape (README "JSON output"). */
export function formatJson(run: LintRun): string {
  const fired = new Set(run.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
  const rules: Record<string, unknown> = {};
  for (const m of run.rules) {
    if (!fired.has(m.id)) continue;
    rules[m.id] = { name: m.name, title: m.title, severity: m.severity, category: m.category, helpUri: run.helpUri(m) };
  }
  const out = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: run.tool.name, version: run.tool.version },
    target: run.target,
    files: run.files.map((f) => ({
      path: f.path,
      error: f.error ?? null,
      diagnostics: f.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        ruleName: d.ruleName,
        severity: d.severity,
        message: d.message,
        range: {
          start: { line: d.range.start.line, column: d.range.start.column },
          end: { line: d.range.end.line, column: d.range.end.column },
        },
        stage: d.stage ?? null,
        target: d.target,
        workaround: d.workaround,
        fix: d.fix
          ? {
              description: d.fix.description,
              edits: d.fix.edits.map((e) => ({
                range: { start: { line: e.range.start.line, column: e.range.start.column }, end: { line: e.range.end.line, column: e.range.end.column } },
                text: e.text,
              })),
            }
          : null,
      })),
    })),
    summary: { files: run.files.length, ...countSeverities(run) },
    rules,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
