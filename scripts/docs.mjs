// Writes docs/rules/ from the rule metadata in rules/WFnnn.yaml. A test fails when the
// committed pages differ from what this produces, so docs never drift from the rules.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const TARGET = { buildkit: 'BuildKit on Linux', crane: 'crane' };

export function rulePage(r) {
  const lines = [
    `# ${r.id} ${r.name}`,
    '',
    `**${r.title}**`,
    '',
    `| severity | targets | category | fixable |`,
    `|---|---|---|---|`,
    `| ${r.severity} | ${r.targets.map((t) => TARGET[t]).join(', ')} | ${r.category} | ${r.fixable ? 'yes' : 'no'} |`,
    '',
    '## Why',
    '',
    r.rationale,
    '',
    '## Workaround',
    '',
    r.workaround,
    '',
  ];
  if (r.kubernetes) lines.push('## In Kubernetes', '', r.kubernetes, '');
  lines.push('## Problem', '', '```dockerfile', r.examples.bad.trimEnd(), '```', '', '## Fixed', '', '```dockerfile', r.examples.good.trimEnd(), '```', '');
  if (r.examples.target) lines.push(`The examples are checked with \`--target ${r.examples.target}\`.`, '');
  const aliases = [...(r.aliases?.hadolint ?? []).map((a) => `hadolint \`${a}\``), ...(r.aliases?.buildkit ?? []).map((a) => `BuildKit check \`${a}\``)];
  if (aliases.length > 0) lines.push('## Suppressed by', '', `${aliases.join(', ')} in ignore pragmas, as well as \`# winfile ignore=${r.id}\`.`, '');
  lines.push('## Message', '', '```', r.message, ...Object.values(r.messages ?? {}), '```', '');
  return lines.join('\n');
}

export function indexPage(rules) {
  const lines = ['# winfile rules', '', 'Generated from `rules/WFnnn.yaml`; `winfile explain ID` prints the same text.', '', '| id | name | severity | targets | title |', '|---|---|---|---|---|'];
  for (const r of rules) lines.push(`| [${r.id}](${r.id}.md) | ${r.name} | ${r.severity} | ${r.targets.join(', ')} | ${r.title} |`);
  return lines.join('\n') + '\n';
}

export function docsFiles() {
  const rules = JSON.parse(readFileSync(join(root, 'src/generated/rules.json'), 'utf8'));
  const files = new Map([['README.md', indexPage(rules)]]);
  for (const r of rules) files.set(`${r.id}.md`, rulePage(r));
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!generate()) process.exit(1);
  const dir = join(root, 'docs/rules');
  mkdirSync(dir, { recursive: true });
  const files = docsFiles();
  for (const f of readdirSync(dir)) if (!files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  console.log(`wrote ${files.size} files to docs/rules/`);
}
