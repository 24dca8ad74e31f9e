import type { Severity } from '../rules/types.ts';
import type { LintRun } from './types.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and lone surrogates cannot appear in XML 1.0,
// not even as character references; one would make a parser reject the whole report.
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element content. CR is a reference because parsers turn a raw CR LF into LF. */
export function xmlText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ENTITIES[c] as string)
    .replace(/\r/g, '&#13;')
    .replace(NOT_XML, '\uFFFD');
}

/** Attribute values. Tab, LF and CR are references because attribute normalisation turns them into spaces. */
export function xmlAttr(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] as string)
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(NOT_XML, '\uFFFD');
}

export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

/** Checkstyle's own levels are error, warning, info and ignore; style is closest to info. */
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/**
 * Checkstyle XML as hadolint writes it (Jenkins warnings-ng, reviewdog, SonarQube import it), with
 * real columns. Every file is listed, clean ones as an empty element, so consumers can tell a
 * checked clean file from one that was never looked at.
 */
export function formatCheckstyle(run: LintRun): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const f of run.files) {
    const errors: string[] = [];
    if (f.error) {
      // Line 0 is how Checkstyle consumers (warnings-ng, reviewdog) mark a file-level problem.
      const attrs = { line: f.error.line ?? 0, column: f.error.column, severity: 'error', message: f.error.message, source: `${run.tool.name}.input` };
      errors.push(`    <error${xmlAttrs(attrs)}/>`);
    }
    for (const d of f.diagnostics) {
      const attrs = { line: d.range.start.line, column: d.range.start.column, severity: LEVEL[d.severity], message: d.message, source: `${run.tool.name}.${d.ruleId}` };
      errors.push(`    <error${xmlAttrs(attrs)}/>`);
    }
    const name = xmlAttrs({ name: f.path });
    if (errors.length === 0) out.push(`  <file${name}/>`);
    else out.push(`  <file${name}>`, ...errors, '  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
