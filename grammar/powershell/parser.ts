// The PowerShell parser: the rule layers in productions/ stacked into one
// Chevrotain EmbeddedActionsParser (see productions/core.ts for why embedded
// actions). Construction runs Chevrotain's self-analysis, so the production
// instance is created lazily, once, with validations skipped and the grammar
// restored from the snapshot taken at build time (productions/grammar-snapshot.ts);
// tests build one with validations to prove the grammar is well formed.

import { psTokens } from './tokens.ts';
import { StatementRules } from './productions/statements.ts';
import type { GrammarSnapshot } from './productions/grammar-snapshot.ts';
import { PS_GRAMMAR_SNAPSHOT } from './generated/grammar-snapshot.ts';

export class PowerShellParser extends StatementRules {
  constructor(options: { validate?: boolean; snapshot?: GrammarSnapshot } = {}) {
    super(psTokens(), options.validate === true, options.snapshot);
    this.analyse();
    this.enableInRuleRecovery();
  }
}

let instance: PowerShellParser | undefined;
let constructionMs = 0;

export function getPowerShellParser(): PowerShellParser {
  if (!instance) {
    const t0 = performance.now();
    instance = new PowerShellParser({ snapshot: PS_GRAMMAR_SNAPSHOT });
    constructionMs = performance.now() - t0;
  }
  return instance;
}

/** Milliseconds spent constructing the singleton (0 before first use). */
export function parserConstructionMs(): number {
  return constructionMs;
}
