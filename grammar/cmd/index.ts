// Public API of the cmd.exe grammar: parseCmd() turns the body of a Windows
// Dockerfile RUN instruction (run as `cmd /S /C <body>`) into a typed AST
// with exact source offsets. It never throws.
import type { CmdScript } from './ast.ts';
import { scan } from './lexer.ts';
import { getCmdParser } from './parser.ts';
import type { CmdSyntaxError } from './parser.ts';

export type * from './ast.ts';
export type { CmdSyntaxError } from './parser.ts';
export { CmdParser, getCmdParser } from './parser.ts';
export { MAX_NESTING } from './lexer.ts';
export { buildWord, cmdText, sourceRange } from './words.ts';
export type { CmdMappedText } from './words.ts';
export { walkCmd, cmdChildren, listSimpleCommands, programName } from './walk.ts';
export type { CmdVisitor, CmdCommandInfo } from './walk.ts';
export { commandTail, joinedArguments, programArguments, splitArguments } from './argv.ts';
export type { CmdArgument } from './argv.ts';
export { powershellHost, powershellInvocation, joinArguments } from './powershell.ts';
export type { PowerShellInvocation } from './powershell.ts';

export interface CmdParseResult {
  script: CmdScript;
  errors: CmdSyntaxError[];
  /** True when anything had to be recovered, i.e. `errors` is not empty. */
  recovered: boolean;
}

// A pathological input could otherwise report one error per token.
const MAX_ERRORS = 100;

export function parseCmd(text: string): CmdParseResult {
  const script: CmdScript = { type: 'Script', start: 0, end: text.length, body: [] };
  try {
    const scanned = scan(text);
    const parsed = getCmdParser().parse(text, scanned.tokens);
    script.body = parsed.body;
    const errors = scanned.errors.concat(parsed.errors).sort((a, b) => a.start - b.start || a.end - b.end);
    if (errors.length > MAX_ERRORS) {
      const dropped = errors.length - MAX_ERRORS;
      errors.length = MAX_ERRORS;
      errors.push({ message: `${dropped} more errors not shown`, start: text.length, end: text.length });
    }
    return { script, errors, recovered: errors.length > 0 };
  } catch (e) {
    // Defensive: a bug must not take the whole lint run down.
    const message = e instanceof Error ? e.message : String(e);
    return { script, errors: [{ message: `Internal cmd parser error: ${message}`, start: 0, end: text.length }], recovered: true };
  }
}
