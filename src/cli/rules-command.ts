import { helpUri, RULE_META, ruleMeta } from '../rules/meta.ts';
import { EXIT, UsageError } from './exit-codes.ts';
import type { CliIO } from './io.ts';

export function runRules(argv: string[], io: CliIO): number {
  const json = argv.includes('--json');
  const unknown = argv.find((a) => a !== '--json');
  if (unknown !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(unknown)} for 'winfile rules'`);
  if (json) {
    io.stdout.write(JSON.stringify(RULE_META.map((m) => ({ id: m.id, name: m.name, title: m.title, severity: m.severity, targets: m.targets, category: m.category, helpUri: helpUri(m) })), null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = RULE_META.map((m) => [m.id, m.severity, m.targets.join('+'), m.name, m.title]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  for (const r of rows) io.stdout.write(r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c] as number) : cell)).join('  ') + '\n');
  return EXIT.ok;
}

export function explainText(id: string): string | undefined {
  const m = ruleMeta(id);
  if (!m) return undefined;
  const parts = [
    `${m.id} ${m.name}: ${m.title}`,
    `Severity: ${m.severity}   Targets: ${m.targets.join(', ')}   Category: ${m.category}`,
    '',
    'Why:',
    m.rationale.trim(),
    '',
    'Workaround:',
    m.workaround.trim(),
  ];
  if (m.kubernetes) parts.push('', 'In Kubernetes:', m.kubernetes.trim());
  parts.push('', 'Problem:', m.examples.bad.trimEnd(), '', 'Fixed:', m.examples.good.trimEnd(), '', `More: ${helpUri(m)}`);
  return parts.join('\n') + '\n';
}

export function runExplain(argv: string[], io: CliIO): number {
  if (argv.length !== 1) throw new UsageError("usage: winfile explain WFnnn (see 'winfile rules')");
  const text = explainText(argv[0] as string);
  if (!text) throw new UsageError(`unknown rule ${JSON.stringify(argv[0])}; see 'winfile rules'`);
  io.stdout.write(text);
  return EXIT.ok;
}
