// The PowerShell parser: the rule layers in productions/ stacked into one
// Chevrotain EmbeddedActionsParser (see productions/core.ts for why embedded
// actions). Construction runs Chevrotain's self-analysis, so the production
// instance is created lazily, once, with validations skipped; tests build one
// with validations to prove the grammar is well formed.

import { psTokens } from './tokens.ts';
import { StatementRules } from './productions/statements.ts';

export class PowerShellParser extends StatementRules {
  constructor(options: { validate?: boolean } = {}) {
    super(psTokens(), options.validate === true);
    this.analyse();
    this.enableInRuleRecovery();
  }
}

let instance: PowerShellParser | undefined;
let constructionMs = 0;

export function getPowerShellParser(): PowerShellParser {
  if (!instance) {
    const t0 = performance.now();
    instance = new PowerShellParser();
    constructionMs = performance.now() - t0;
  }
  return instance;
}

/** Milliseconds spent constructing the singleton (0 before first use). */
export function parserConstructionMs(): number {
  return constructionMs;
}
