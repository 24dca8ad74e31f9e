// Records the grammar the way Chevrotain does and returns it as a snapshot (build time only).
import { PowerShellParser } from './parser.ts';
import { captureSnapshot, type GrammarSnapshot } from './productions/grammar-snapshot.ts';
import { MAX_LOOKAHEAD } from './productions/engine.ts';

export function takeSnapshot(): GrammarSnapshot {
  const recorded = new PowerShellParser();
  return captureSnapshot(Object.values(recorded.getGAstProductions()), MAX_LOOKAHEAD);
}
