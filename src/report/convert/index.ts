import type { BuildPlan, Decision } from '../../plan/types.ts';
import { VERSION } from '../../version.ts';

export interface ReportMeta {
  to: string;
  outputs: string[];
}

export const CONVERT_REPORT_SCHEMA_VERSION = 1;

const ACTIONS: Decision['action'][] = ['kept', 'moved', 'translated', 'dropped', 'manual'];

export function counts(plan: BuildPlan): Record<Decision['action'], number> {
  const out = { kept: 0, moved: 0, translated: 0, dropped: 0, manual: 0 };
  for (const d of plan.decisions) if (!d.summary) out[d.action]++;
  return out;
}

function where(d: Decision): string {
  return `line ${d.origin.range.start.line}${d.origin.effect !== undefined ? ` (step ${d.origin.effect + 1})` : ''}`;
}

function json(plan: BuildPlan, meta: ReportMeta): string {
  return (
    JSON.stringify(
      {
        schemaVersion: CONVERT_REPORT_SCHEMA_VERSION,
        tool: { name: 'winfile', version: VERSION },
        source: plan.source,
        to: meta.to,
        outputs: meta.outputs,
        complete: plan.manual.length === 0,
        summary: counts(plan),
        decisions: plan.decisions.map((d) => ({
          line: d.origin.range.start.line,
          instruction: d.origin.keyword,
          effect: d.origin.effect ?? null,
          effectKind: d.effect?.kind ?? null,
          subject: d.subject,
          action: d.action,
          stage: d.stage ?? null,
          detail: d.detail,
          workaround: d.workaround ?? null,
        })),
        manual: plan.manual.map((m) => ({ line: m.origin.range.start.line, kind: m.kind, reason: m.reason, workaround: m.workaround })),
        ...(plan.deps ? { dependencyImage: { use: plan.deps.use, image: plan.deps.image, ref: plan.deps.ref, movedRuns: plan.deps.movedRuns, movedStages: plan.deps.movedStages, copies: plan.deps.copies, reasons: plan.deps.reasons, summary: plan.deps.summary } } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

function mdCell(s: string): string {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function markdown(plan: BuildPlan, meta: ReportMeta): string {
  const c = counts(plan);
  const lines = [
    `# Conversion of ${plan.source} for ${meta.to}`,
    '',
    plan.manual.length === 0 ? 'Converted completely: nothing is left to do by hand.' : `**${plan.manual.length} item(s) need manual work**, listed at the end with their workarounds.`,
    '',
    ACTIONS.map((a) => `${a}: ${c[a]}`).join(' · '),
    '',
  ];
  if (meta.outputs.length > 0) lines.push(`Written: ${meta.outputs.map((o) => `\`${o}\``).join(', ')}`, '');
  if (plan.deps) lines.push('## Dependency image', '', ...plan.deps.summary.map((s) => `- ${s}`), '');
  lines.push('## Every instruction and step', '', '| where | instruction or step | result | stage | detail |', '|---|---|---|---|---|');
  for (const d of plan.decisions) lines.push(`| ${where(d)} | \`${mdCell(d.subject)}\` | ${d.action} | ${d.stage ?? ''} | ${mdCell(d.detail)} |`);
  if (plan.manual.length > 0) {
    lines.push('', '## Manual work', '');
    for (const m of plan.manual) lines.push(`- line ${m.origin.range.start.line} (${m.kind}): ${m.reason}`, `  - workaround: ${m.workaround}`);
  }
  return lines.join('\n') + '\n';
}

function text(plan: BuildPlan, meta: ReportMeta): string {
  const c = counts(plan);
  const lines: string[] = [];
  for (const m of plan.manual) lines.push(`${plan.source}:${m.origin.range.start.line}: manual (${m.kind}): ${m.reason}`, `    workaround: ${m.workaround}`);
  const head = plan.manual.length === 0 ? 'converted completely' : `converted with ${plan.manual.length} item(s) of manual work`;
  if (plan.deps) lines.push(`${plan.source}: ${plan.deps.summary[0] ?? ''}`);
  lines.push(`${plan.source} -> ${meta.to}: ${head} (${ACTIONS.map((a) => `${c[a]} ${a}`).join(', ')})${meta.outputs.length > 0 ? `; wrote ${meta.outputs.join(', ')}` : ''}`);
  return lines.join('\n') + '\n';
}

/** The conversion report: every original instruction and RUN step with what became of it. */
export function renderConvertReport(plan: BuildPlan, format: 'text' | 'markdown' | 'json', meta: ReportMeta): string {
  if (format === 'json') return json(plan, meta);
  if (format === 'markdown') return markdown(plan, meta);
  return text(plan, meta);
}
