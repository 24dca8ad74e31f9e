// The token definitions (tokens.ts) as a Chevrotain lexer. Scripts are tokenized by the equivalent
// hand-written scanner (token-scanner.ts); this lexer is the reference the scanner is tested
// against, and its validation checks the definitions. Tests only: nothing at run time loads it.

import { Lexer } from 'chevrotain';
import { psTokens } from './tokens.ts';

export function createPowerShellLexer(validate = false): Lexer {
  // Only offsets are tracked, as by the scanner.
  return new Lexer(psTokens().all, {
    positionTracking: 'onlyOffset',
    skipValidations: !validate,
    ensureOptimizations: validate,
  });
}
