import { analyzeRun } from '../analyze/analyze-run.ts';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { parseVersion } from '../util/version.ts';
import { lintModel, type LintOptions } from './engine.ts';
import type { Diagnostic, Target } from './types.ts';

export interface TestLintOptions {
  target?: Target;
  craneVersion?: string;
  windowsVersions?: string[];
  buildArgs?: Record<string, string>;
  only?: string[];
  extra?: Partial<LintOptions>;
}

const catalog = new Catalog();

/** Lints Dockerfile text (test helper): `lintText(text, { only: ['WF101'] })`. */
export function lintText(text: string, options: TestLintOptions = {}): Diagnostic[] {
  const model = buildModel('Dockerfile', text, { buildArgs: options.buildArgs ?? {}, catalog });
  if (model.errors.length > 0) throw new Error(`test Dockerfile does not parse: ${model.errors[0]?.message}`);
  const lintOptions: LintOptions = {
    target: options.target ?? 'buildkit',
    craneVersion: parseVersion(options.craneVersion ?? 'v0.21.9') ?? { major: 0, minor: 21, patch: 9 },
    windowsVersions: options.windowsVersions ?? ['ltsc2019', 'ltsc2022', 'ltsc2025'],
    catalog,
    analyze: analyzeRun,
    ...options.extra,
  };
  if (options.only) lintOptions.only = options.only;
  return lintModel(model, lintOptions);
}

/** Compact `line:col-endLine:endCol id message` strings, for exact expectations. */
export function summarize(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.ruleId} ${d.message}`);
}

/** Dedent a template literal so test Dockerfiles can be indented in code. */
export function df(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}
