// PowerShell parser for the code inside Dockerfile RUN instructions.
//
//   parsePowerShell(text) -> { script, errors, recovered }
//
// Never throws. Offsets are 0-based UTF-16 offsets into `text`, end exclusive.
//
// Parameter values: `-Name:value` is always attached (colon: true). `-Name
// value` is attached (colon: false) only when the command looks like a cmdlet
// or function (Verb-Noun or a common alias) and the parameter is not a known
// switch (productions/binding.ts); for native executables every token after
// the name stays a positional argument, as PowerShell passes them verbatim.

import type { IToken } from 'chevrotain';
import type { CommandExpression, Expression, PsParseResult, PsScript, PsSyntaxError, Statement } from './ast.ts';
import { variableNode } from './productions/strings.ts';
import { lexPowerShell } from './lexer.ts';
import { getPowerShellParser, type PowerShellParser } from './parser.ts';
import type { PendingSubexpression } from './productions/core.ts';

export type * from './ast.ts';
export { staticString, walk, findCommands, findParameter, positionalArguments, isEnvVariable, isStatementNode } from './helpers.ts';
export type { Visitor } from './helpers.ts';
export { KNOWN_SWITCHES, isCmdletLike } from './productions/binding.ts';
export { powershellCommandText, splitWindowsCommandLine } from './cmdline.ts';
export { PowerShellParser, getPowerShellParser, parserConstructionMs } from './parser.ts';

/** `$( )` inside strings nests parses; beyond this depth the inner code is left unparsed. */
export const MAX_STRING_NESTING = 16;

interface FragmentResult {
  script: PsScript;
}

function parseFragment(parser: PowerShellParser, text: string, base: number, depth: number, errors: PsSyntaxError[], queue: PendingSubexpression[]): FragmentResult {
  const lexed = lexPowerShell(text);
  for (const p of lexed.problems) errors.push({ message: p.message, start: p.start + base, end: p.end + base });
  parser.src = text;
  parser.base = base;
  parser.stringDepth = depth;
  parser.pending = [];
  parser.customErrors = [];
  parser.droppedErrors = 0;
  parser.recognitionErrors = 0;
  parser.resetRecovery();
  parser.input = lexed.tokens;
  const script = parser.script();
  for (const e of parser.errors) errors.push(chevrotainError(e.message, e.token, text, base));
  for (const e of parser.customErrors) errors.push(e);
  if (parser.droppedErrors > 0) {
    errors.push({ message: `${parser.droppedErrors} more syntax errors not shown.`, start: base + text.length, end: base + text.length });
  }
  for (const p of parser.pending) {
    if (p.depth > MAX_STRING_NESTING) {
      errors.push({ message: 'Subexpressions in strings are nested too deeply; the inner code was not parsed.', start: p.start, end: p.start + p.text.length });
    } else {
      queue.push(p);
    }
  }
  return { script: script ?? { type: 'Script', statements: [], start: base, end: base + text.length } };
}

const SIMPLE_SUBEXPRESSION = /^(\s*)(\$(?:[A-Za-z_]\w*:)?[\w?]+)((?:\.[A-Za-z_]\w*)*)\s*$/;

/**
 * Most `$( )` in strings are `$($x.Prop)` or `$($env:NAME)`. Building their
 * nodes directly (the same nodes the parser would build) avoids a lexer and
 * parser run per string, which dominated the cost of string-heavy scripts.
 */
function simpleSubexpression(text: string, base: number): Statement | undefined {
  const m = SIMPLE_SUBEXPRESSION.exec(text);
  if (!m) return undefined;
  let pos = base + m[1]!.length;
  const raw = m[2]!;
  let expr: Expression = variableNode(raw, pos, pos + raw.length);
  pos += raw.length;
  for (const name of m[3]!.split('.').slice(1)) {
    const member = { type: 'BareWord' as const, value: name, start: pos + 1, end: pos + 1 + name.length };
    expr = { type: 'MemberAccess', object: expr, member, static: false, start: expr.start, end: member.end };
    pos = member.end;
  }
  const element: CommandExpression = { type: 'CommandExpression', expression: expr, redirections: [], start: expr.start, end: expr.end };
  return { type: 'Pipeline', elements: [element], background: false, start: expr.start, end: expr.end };
}

function chevrotainError(message: string, token: IToken, text: string, base: number): PsSyntaxError {
  const s = token.startOffset;
  if (Number.isFinite(s)) return { message, start: s + base, end: s + token.image.length + base };
  return { message, start: base + text.length, end: base + text.length };
}

/** More errors than this are summarised: a binary blob would otherwise produce one per token. */
export const MAX_ERRORS = 200;

/** `parser`: the shared instance unless a test compares another one. */
export function parsePowerShell(text: string, parser: PowerShellParser = getPowerShellParser()): PsParseResult {
  const errors: PsSyntaxError[] = [];
  // Recognition exceptions are control flow here; capturing their stack
  // traces (deep, recursive) was the main cost on broken input.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const queue: PendingSubexpression[] = [];
    const { script } = parseFragment(parser, text, 0, 0, errors, queue);
    // Subexpressions found inside strings, breadth-first (no recursion). Each
    // nesting level re-lexes its inner text, so deep nesting of big strings
    // would cost depth x size: a budget keeps the total linear in the input.
    let budget = 2 * text.length + 65536;
    for (let i = 0; i < queue.length; i++) {
      const p = queue[i]!;
      budget -= p.text.length;
      if (budget < 0) {
        errors.push({ message: 'Too much code nested in strings; the subexpression was not parsed.', start: p.start, end: p.start + p.text.length });
        continue;
      }
      const simple = simpleSubexpression(p.text, p.start);
      if (simple) {
        p.node.statements = [simple];
        continue;
      }
      const inner = parseFragment(parser, p.text, p.start, p.depth, errors, queue);
      p.node.statements = inner.script.statements as Statement[];
    }
    errors.sort((a, b) => a.start - b.start || a.end - b.end);
    if (errors.length > MAX_ERRORS) {
      const last = errors[errors.length - 1]!;
      const more = errors.length - MAX_ERRORS;
      errors.length = MAX_ERRORS;
      errors.push({ message: `${more} more syntax errors not shown.`, start: last.start, end: last.end });
    }
    return { script, errors, recovered: errors.length > 0 };
  } catch (e) {
    // Defensive: a parser bug must not take the CLI down.
    errors.push({ message: `Internal parser error: ${e instanceof Error ? e.message : String(e)}`, start: 0, end: text.length });
    return { script: { type: 'Script', statements: [], start: 0, end: text.length }, errors, recovered: true };
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}
