import type { Range, SourceText } from './source.ts';

export type EscapeChar = '\\' | '`';

export interface Directive {
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
  /** BuildKit only reads directives from the unbroken run of directive lines at the very top. */
  honoured: boolean;
  reason?: string;
}

export interface DirectiveScan {
  directives: Directive[];
  escape: EscapeChar;
  /** 1-based line of the first line that is not a directive (where instructions may begin). */
  bodyStartLine: number;
  error?: { message: string; range: Range };
}

const KNOWN = new Set(['syntax', 'escape', 'check']);
// BuildKit's directive pattern (parser/directives.go); \s there is [\t\n\f\r ].
const DIRECTIVE = /^#[\t\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\f\r ]*=[\t\f\r ]*(.+?)[\t\f\r ]*$/;

function trimLeft(s: string): string {
  return s.replace(/^[\t\n\v\f\r ]+/, '');
}

/**
 * Finds parser directives the way BuildKit does: only lines at the top of the file that all match
 * the directive pattern with a known name count; the first other line (comment, blank line,
 * unknown name, instruction) ends the directive block. Directive-shaped comments after that point
 * are kept, marked as not honoured, because users expect them to work and they silently don't.
 */
export function scanDirectives(src: SourceText): DirectiveScan {
  const directives: Directive[] = [];
  let escape: EscapeChar = '\\';
  let done = false;
  let bodyStartLine = 1;
  let error: DirectiveScan['error'];
  const seen = new Set<string>();
  let blockBreaker: string | undefined;

  for (let line = 1; line <= src.lineCount; line++) {
    const raw = src.lineText(line);
    const text = trimLeft(raw);
    const isComment = text.startsWith('#');
    if (!isComment && text !== '') break; // the first instruction: nothing after it is a directive
    const m = isComment ? DIRECTIVE.exec(text) : null;
    const name = m?.[1]?.toLowerCase();
    if (!done && m && name && KNOWN.has(name)) {
      const value = m[2] as string;
      const lineStart = src.lineStart(line);
      const lead = raw.length - text.length;
      const valueAt = lineStart + lead + text.lastIndexOf(value);
      const d: Directive = {
        name,
        value,
        range: src.range(lineStart + lead, lineStart + raw.length),
        valueRange: src.range(valueAt, valueAt + value.length),
        honoured: true,
      };
      if (seen.has(name)) {
        error ??= { message: `only one ${name} parser directive can be used`, range: d.range };
      } else if (name === 'escape') {
        if (value !== '`' && value !== '\\') {
          error ??= { message: `invalid escape token '${value}' does not match \` or \\`, range: d.valueRange };
        } else {
          escape = value;
        }
      }
      seen.add(name);
      directives.push(d);
      bodyStartLine = line + 1;
      continue;
    }
    if (!done) {
      done = true;
      blockBreaker = text === '' ? 'a blank line' : 'a comment';
    }
    if (m && name && KNOWN.has(name)) {
      const value = m[2] as string;
      const lineStart = src.lineStart(line);
      const lead = raw.length - text.length;
      const valueAt = lineStart + lead + text.lastIndexOf(value);
      directives.push({
        name,
        value,
        range: src.range(lineStart + lead, lineStart + raw.length),
        valueRange: src.range(valueAt, valueAt + value.length),
        honoured: false,
        reason: `it comes after ${blockBreaker}; BuildKit reads parser directives only from the first lines of the file`,
      });
    }
  }
  const scan: DirectiveScan = { directives, escape, bodyStartLine };
  if (error) scan.error = error;
  return scan;
}
