import { Lexer, type IToken } from 'chevrotain';
import { psTokens } from './tokens.ts';

export interface LexOutput {
  tokens: IToken[];
  /**
   * Unterminated block comments and braced variables, and characters no token
   * matched (the catch-all token should make the latter impossible). Offsets
   * are relative to the lexed text.
   */
  problems: Array<{ message: string; start: number; end: number }>;
}

let lexer: Lexer | undefined;

export function createPowerShellLexer(validate = false): Lexer {
  // Only offsets are tracked: the AST never needs lines/columns and tracking
  // them costs a scan of every token image.
  return new Lexer(psTokens().all, {
    positionTracking: 'onlyOffset',
    skipValidations: !validate,
    ensureOptimizations: validate,
  });
}

export function lexPowerShell(text: string): LexOutput {
  lexer ??= createPowerShellLexer();
  const result = lexer.tokenize(text);
  const problems: LexOutput['problems'] = [];
  for (const c of result.groups['comments'] ?? []) {
    const img = c.image;
    if (img.startsWith('<#') && (img.length < 4 || !img.endsWith('#>'))) {
      problems.push({ message: "Missing end of comment '#>'.", start: c.startOffset, end: c.startOffset + img.length });
    }
  }
  const variable = psTokens().Variable;
  for (const t of result.tokens) {
    if (t.tokenType === variable && t.image.charCodeAt(1) === 123 /* { */ && !t.image.endsWith('}')) {
      problems.push({ message: "Missing closing '}' of the variable name.", start: t.startOffset, end: t.startOffset + t.image.length });
    }
  }
  for (const e of result.errors) problems.push({ message: e.message, start: e.offset, end: e.offset + e.length });
  return { tokens: result.tokens, problems };
}
