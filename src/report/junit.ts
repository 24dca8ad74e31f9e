import type { Diagnostic } from '../rules/types.ts';
import { xmlAttrs, xmlText } from './checkstyle.ts';
import { stageSuffix } from './text.ts';
import type { FileResult, LintRun } from './types.ts';

/*
 * One testsuite per file and one testcase per rule that fired in it, not one per finding:
 * - Jenkins and GitLab track a test by classname + name across builds ("new failure", "fixed",
 *   age). A per-finding name would carry a line number, so an edit above a finding would show
 *   up as one test fixed and another newly failing.
 * - Both read a single <failure> per testcase, so all findings of the rule go into its body,
 *   one `file:line:col` line each, with the workaround once at the end.
 * Clean files get one passing testcase, so the file still counts as tested.
 */

interface Case {
  xml: string[];
  failed: boolean;
  errored: boolean;
}

function testcase(classname: string, name: string, file: string, inner: string[]): string[] {
  const open = `    <testcase${xmlAttrs({ classname, name, file })}`;
  if (inner.length === 0) return [`${open}/>`];
  return [`${open}>`, ...inner.map((l) => `      ${l}`), '    </testcase>'];
}

function failure(f: FileResult, diags: Diagnostic[]): string {
  const first = diags[0] as Diagnostic;
  const message = diags.length === 1 ? first.message : `${diags.length} findings, first: ${first.message}`;
  const body = diags.map((d) => `${f.path}:${d.range.start.line}:${d.range.start.column}: ${d.message}${stageSuffix(d)}`);
  const workarounds = [...new Set(diags.map((d) => d.workaround))];
  const text = [...body, '', ...workarounds.map((w) => `Workaround: ${w}`)].join('\n');
  return `<failure${xmlAttrs({ type: first.severity, message })}>${xmlText(text)}</failure>`;
}

function cases(run: LintRun, f: FileResult): Case[] {
  if (f.error) {
    const where = f.error.line ? `${f.path}:${f.error.line}:${f.error.column ?? 1}: ` : `${f.path}: `;
    const error = `<error${xmlAttrs({ type: 'input', message: f.error.message })}>${xmlText(where + f.error.message)}</error>`;
    return [{ xml: testcase(f.path, `${run.tool.name} input`, f.path, [error]), failed: false, errored: true }];
  }
  if (f.diagnostics.length === 0) return [{ xml: testcase(f.path, `${run.tool.name} ${run.target}`, f.path, []), failed: false, errored: false }];
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of f.diagnostics) byRule.set(d.ruleId, [...(byRule.get(d.ruleId) ?? []), d]);
  return [...byRule].map(([id, diags]) => ({
    xml: testcase(f.path, `${id} ${(diags[0] as Diagnostic).ruleName}`, f.path, [failure(f, diags)]),
    failed: true,
    errored: false,
  }));
}

function counts(cs: Case[]): { tests: number; failures: number; errors: number } {
  return { tests: cs.length, failures: cs.filter((c) => c.failed).length, errors: cs.filter((c) => c.errored).length };
}

/** JUnit XML (the Jenkins/Ant shape GitLab also reads); no timestamps or hostnames, so it is reproducible. */
export function formatJunit(run: LintRun): string {
  const suites = run.files.map((f) => ({ f, cs: cases(run, f) }));
  const all = counts(suites.flatMap((s) => s.cs));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${xmlAttrs({ name: run.tool.name, ...all, time: 0 })}>`];
  for (const { f, cs } of suites) {
    out.push(`  <testsuite${xmlAttrs({ name: f.path, ...counts(cs), skipped: 0, time: 0 })}>`);
    for (const c of cs) out.push(...c.xml);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
