import type { RunAnalysis } from '../analyze/effects/types.ts';
import type { Catalog } from '../model/catalog.ts';
import type { DockerfileModel, Instruction } from '../model/types.ts';
import type { Range } from '../parse/source.ts';
import type { Version } from '../util/version.ts';
import { RULES } from '../generated/rule-index.ts';
import { formatMessage, ruleMeta } from './meta.ts';
import { collectPragmas } from './pragmas.ts';
import type { Diagnostic, Report, RuleContext, Severity, Target } from './types.ts';
import { compareStrings } from '../util/compare.ts';

export interface LintOptions {
  target: Target;
  craneVersion: Version;
  windowsVersions: string[];
  catalog: Catalog;
  severity?: Record<string, Severity | 'off'>;
  ignore?: string[];
  inlineIgnores?: boolean;
  requireReason?: boolean;
  /** Only run these rules (used by rule tests). */
  only?: string[];
  /** The RUN analyser (src/analyze/analyze-run.ts), passed in so the grammars load only when needed. */
  analyze?: (model: DockerfileModel, run: Instruction) => RunAnalysis;
}

function instructionAt(model: DockerfileModel, range: Range): Instruction | undefined {
  const line = range.start.line;
  return model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || compareStrings(a.ruleId, b.ruleId);
}

/** Runs every rule that applies to the target over one model; suppressions are applied here. */
export function lintModel(model: DockerfileModel, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ignored = new Set((options.ignore ?? []).map((s) => s.toUpperCase()));
  const pragmas = options.inlineIgnores === false ? undefined : collectPragmas(model, options.requireReason ?? false);
  for (const rule of RULES) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const meta = ruleMeta(rule.id);
    if (!meta) throw new Error(`rule ${rule.id} has no metadata in rules/${rule.id}.yaml`);
    if (!meta.targets.includes(options.target)) continue;
    const severity = options.severity?.[rule.id] ?? meta.severity;
    if (severity === 'off' || ignored.has(rule.id) || pragmas?.global.has(rule.id)) continue;
    const ctx: RuleContext = {
      model,
      target: options.target,
      craneVersion: options.craneVersion,
      windowsVersions: options.windowsVersions,
      catalog: options.catalog,
      analysis: (run) => options.analyze?.(model, run),
      report(r: Report) {
        const ins = r.instruction ?? instructionAt(model, r.range);
        if (ins && pragmas?.perInstruction.get(ins.index)?.has(rule.id)) return;
        const template = r.messageId ? meta.messages?.[r.messageId] : meta.message;
        if (template === undefined) throw new Error(`rule ${rule.id} has no message ${r.messageId ?? ''}`);
        const stage = r.stage ?? ins?.stage;
        const d: Diagnostic = {
          file: model.path,
          ruleId: rule.id,
          ruleName: meta.name,
          severity,
          message: formatMessage(template, r.data),
          range: r.range,
          target: options.target,
          workaround: r.workaround ?? meta.workaround.trim(),
        };
        if (stage) d.stage = stage.name === undefined ? { index: stage.index } : { index: stage.index, name: stage.name };
        if (r.fix) d.fix = r.fix;
        out.push(d);
      },
    };
    rule.check(ctx);
  }
  return out.sort(compareDiagnostics);
}
