import type { Range } from '../parse/source.ts';
import type { Diagnostic, RuleMeta, Severity } from '../rules/types.ts';
import type { FileResult, LintRun } from './types.ts';
import { sha256Hex } from '../util/digest.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/** SARIF has no "style"; note is the level viewers show without treating it as a problem. */
export function sarifLevel(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

// Sub-delimiters and '@' are legal in a URI path, so names such as `win+x64` stay readable;
// ':' is not restored because in a first segment it would read as a scheme.
const KEEP = /%(?:40|24|26|2B|2C|3B|3D)/g;

function encodeSegments(segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s).replace(KEEP, (m) => decodeURIComponent(m))).join('/');
}

/**
 * Paths are reported as the user gave them. Relative ones are relative to the working directory,
 * which is what %SRCROOT% stands for in CI (GitHub resolves it to the checkout); absolute ones
 * cannot be expressed against %SRCROOT%, so they become file: URIs.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const p = path.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):\//.exec(p);
  if (drive) return { uri: `file:///${drive[1]}:/${encodeSegments(p.slice(3).split('/'))}` };
  if (p.startsWith('//')) return { uri: `file://${encodeSegments(p.slice(2).split('/'))}` };
  if (p.startsWith('/')) return { uri: `file:///${encodeSegments(p.slice(1).split('/'))}` };
  const segments = p.split('/').filter((s) => s !== '.' && s !== '');
  return { uri: encodeSegments(segments.length > 0 ? segments : ['.']), uriBaseId: '%SRCROOT%' };
}

function region(r: Range) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/**
 * The instruction a finding sits on, with its continuation lines, whitespace-normalised. Line
 * numbers move whenever something is added above; the instruction text does not, and many
 * multi-line RUNs share their first line (`RUN powershell -Command \`), hence the continuations.
 */
function instructionText(file: FileResult, line: number): string {
  if (!file.line) return '';
  const parts: string[] = [];
  for (let n = line; n < line + 50; n++) {
    const text = file.line(n);
    parts.push(text.trim().replace(/\s+/g, ' '));
    if (!/[\\`]\s*$/.test(text)) break;
  }
  return parts.join('\n');
}

/**
 * `winfileInstructionHash/v1`: sha256 over rule id, file and instruction text, plus an occurrence
 * counter for identical instructions (as GitHub's own primaryLocationLineHash does). It survives
 * edits elsewhere in the file and re-indentation, so code scanning keeps an alert open instead of
 * closing and reopening it. GitHub's primaryLocationLineHash is left to the upload action, which
 * computes it from the checkout with its own algorithm.
 */
function fingerprints(file: FileResult, uri: string): (d: Diagnostic) => Record<string, string> {
  const seen = new Map<string, number>();
  return (d) => {
    const hash = sha256Hex(`${d.ruleId}\0${uri}\0${instructionText(file, d.range.start.line)}`).slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return { 'winfileInstructionHash/v1': `${hash}:${n}` };
  };
}

function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((m) => m.length + 1)));
  return `${fence}dockerfile\n${text.replace(/\n$/, '')}\n${fence}`;
}

function helpMarkdown(m: RuleMeta, uri: string): string {
  return [
    m.rationale,
    `**Workaround:** ${m.workaround}`,
    `Flagged:\n\n${codeBlock(m.examples.bad)}`,
    `Builds on a Linux builder:\n\n${codeBlock(m.examples.good)}`,
    `[${m.id} documentation](${uri})`,
  ].join('\n\n');
}

function driverRule(run: LintRun, m: RuleMeta) {
  const helpUri = run.helpUri(m);
  return {
    id: m.id,
    name: m.name,
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: { text: m.workaround, markdown: helpMarkdown(m, helpUri) },
    helpUri,
    defaultConfiguration: { level: sarifLevel(m.severity) },
    // GitHub code scanning offers tags as filters.
    properties: { category: m.category, targets: m.targets, tags: ['dockerfile', 'windows', m.category] },
  };
}

function result(ruleIndex: Map<string, number>, loc: ReturnType<typeof artifactLocation>, d: Diagnostic, fp: Record<string, string>) {
  const index = ruleIndex.get(d.ruleId);
  return {
    ruleId: d.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(d.severity),
    message: { text: `${d.message}\n\n${d.workaround}` },
    locations: [{ physicalLocation: { artifactLocation: loc, region: region(d.range) } }],
    partialFingerprints: fp,
    ...(d.fix
      ? {
          fixes: [
            {
              description: { text: d.fix.description },
              artifactChanges: [
                {
                  artifactLocation: loc,
                  replacements: d.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.text } })),
                },
              ],
            },
          ],
        }
      : {}),
    properties: { ...(d.stage ? { stage: d.stage } : {}), target: d.target },
  };
}

function notification(f: FileResult & { error: NonNullable<FileResult['error']> }) {
  const r = f.error.line ? { region: { startLine: f.error.line, startColumn: f.error.column ?? 1 } } : {};
  return {
    level: 'error',
    message: { text: `${f.path}: ${f.error.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path), ...r } }],
  };
}

/** SARIF 2.1.0 for code scanning and IDE viewers; see test/sarif-schema.test.ts for validation. */
export function formatSarif(run: LintRun): string {
  const ruleIndex = new Map(run.rules.map((m, i) => [m.id, i]));
  const results = run.files.flatMap((f) => {
    const loc = artifactLocation(f.path);
    const fp = fingerprints(f, loc.uri);
    return f.diagnostics.map((d) => result(ruleIndex, loc, d, fp(d)));
  });
  const failed = run.files.filter((f): f is FileResult & { error: NonNullable<FileResult['error']> } => f.error !== undefined);
  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.tool.name,
            version: run.tool.version,
            informationUri: run.tool.informationUri,
            rules: run.rules.map((m) => driverRule(run, m)),
          },
        },
        invocations: [
          {
            executionSuccessful: failed.length === 0,
            ...(failed.length > 0 ? { toolExecutionNotifications: failed.map(notification) } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        defaultSourceLanguage: 'dockerfile',
        results,
        properties: { target: run.target },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
