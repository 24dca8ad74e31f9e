import data from '../generated/rules.json' with { type: 'json' };
import type { RuleMeta } from './types.ts';

export const RULE_META: readonly RuleMeta[] = data as RuleMeta[];

const byId = new Map(RULE_META.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id.toUpperCase());
}

export const DOCS_BASE = 'https://github.com/winfile/winfile/blob/main/docs/rules/';

export function helpUri(meta: RuleMeta): string {
  return `${DOCS_BASE}${meta.id}.md`;
}

/** Replaces `{{name}}` placeholders; unknown names are left visible so a bad template shows. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}

/** Rules whose pragma names in other tools (hadolint codes, BuildKit check names) match. */
export function rulesForAlias(tool: 'hadolint' | 'buildkit', name: string): string[] {
  return RULE_META.filter((m) => m.aliases?.[tool]?.includes(name)).map((m) => m.id);
}
