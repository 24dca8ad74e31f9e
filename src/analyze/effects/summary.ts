import type { Destination, Effect, EffectKind, RunAnalysis } from './types.ts';

/** What kinds of work a RUN does, in words, most constraining first. */
const PHRASES: [EffectKind, (es: Effect[]) => string][] = [
  ['feature', (es) => `enables Windows features (${names(es.flatMap((e) => (e.kind === 'feature' ? e.features : [])))})`],
  ['installer', (es) => `runs ${es.length === 1 ? 'an installer' : `${es.length} installers`} (${names(es.map((e) => (e.kind === 'installer' ? basename(e.installer.text ?? e.installer.source) : e.command)))})`],
  ['package', (es) => `installs packages (${names(es.flatMap((e) => (e.kind === 'package' ? e.packages.map((p) => `${e.manager} ${p.name}`) : [])))})`],
  ['registry', () => 'writes the registry'],
  ['service', () => 'configures services'],
  ['user', () => 'changes users or permissions'],
  ['build', (es) => `builds code (${names(es.map((e) => (e.kind === 'build' ? `${e.tool} ${e.verb}` : e.command)))})`],
  ['run', (es) => `runs ${names(es.map((e) => e.command))}`],
  ['unknown', (es) => `runs commands winfile does not know (${names(es.map((e) => e.command))})`],
  ['download', (es) => `downloads ${es.length === 1 ? 'a file' : `${es.length} files`}`],
  ['verify', () => 'verifies checksums'],
  ['extract', (es) => `unpacks ${es.length === 1 ? 'an archive' : `${es.length} archives`}`],
  ['file', () => 'changes files'],
  ['env', (es) => `sets ${names(es.map((e) => (e.kind === 'env' ? (e.name.text ?? e.name.source) : '')))}`],
];

function basename(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

function names(list: string[]): string {
  const unique = [...new Set(list.filter((s) => s !== ''))];
  return unique.length <= 3 ? unique.join(', ') : `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}

function join(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "downloads a file, verifies checksums and sets PATH", for the RUN-in-a-Windows-stage finding. */
export function summarizeRun(analysis: RunAnalysis | undefined): string {
  if (!analysis) return 'runs a Windows process';
  if (analysis.unsupportedShell !== undefined) return `runs ${analysis.unsupportedShell}, which a Windows image does not have`;
  const effects = analysis.effects;
  const parts: string[] = [];
  for (const [kind, phrase] of PHRASES) {
    const es = effects.filter((e) => e.kind === kind);
    if (es.length > 0) parts.push(phrase(es));
  }
  if (parts.length === 0) return effects.length === 0 ? 'runs nothing winfile can see' : 'only prints or checks things, which leave nothing in the image';
  return join(parts);
}

const WHERE: Record<Destination, string> = {
  'linux-stage': 'a Linux stage',
  'crane-prepare': 'a crane prepare step',
  'image-config': 'the image config',
  'dependency-image': 'a dependency image built on Windows',
  deployment: 'deployment time',
  drop: 'nowhere (drop it)',
};

/** One line per effect: where each step of the RUN can go on a Linux builder. */
export function effectDestinations(analysis: RunAnalysis | undefined, limit = 12): string | undefined {
  if (!analysis || analysis.effects.length === 0) return undefined;
  const lines = analysis.effects.slice(0, limit).map((e) => `- line ${e.range.start.line}: ${e.command} (${e.kind}) -> ${e.destinations.map((d) => WHERE[d]).join(' or ') || 'manual work'}`);
  if (analysis.effects.length > limit) lines.push(`- and ${analysis.effects.length - limit} more steps`);
  return lines.join('\n');
}
