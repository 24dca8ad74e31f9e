import type { IToken } from 'chevrotain';
import { psTokens } from './tokens.ts';
import { scanTokens } from './token-scanner.ts';

export interface LexOutput {
  tokens: IToken[];
  /**
   * Unterminated block comments and braced variables (every character is
   * some token: `Other` takes what nothing else does). Offsets are relative
   * to the lexed text.
   */
  problems: Array<{ message: string; start: number; end: number }>;
}

export function lexPowerShell(text: string): LexOutput {
  const result = scanTokens(text);
  const problems: LexOutput['problems'] = [];
  for (const c of result.comments) {
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
  return { tokens: result.tokens, problems };
}
