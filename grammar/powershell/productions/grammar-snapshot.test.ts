import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EOF, LLkLookaheadStrategy, type IOrAlt, type IToken, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';
import { describe, expect, test } from 'vitest';
import { PS_GRAMMAR_SNAPSHOT } from '../generated/grammar-snapshot.ts';
import { parsePowerShell } from '../index.ts';
import { PowerShellParser } from '../parser.ts';
import { psTokens } from '../tokens.ts';
import { alternationLookahead, captureSnapshot, decisionKey, optionalLookahead, tokenLookup, type DecisionKind } from './grammar-snapshot.ts';
import { MAX_LOOKAHEAD } from './engine.ts';

const recorded = new PowerShellParser();
const rules = (p: PowerShellParser): Rule[] => Object.values(p.getGAstProductions());
const fresh = captureSnapshot(rules(recorded), MAX_LOOKAHEAD);

describe('grammar snapshot', () => {
  test('the generated snapshot is the grammar as recorded now (else run npm run build)', () => {
    expect(PS_GRAMMAR_SNAPSHOT, 'grammar/powershell/generated/grammar-snapshot.ts is missing or stale: run npm run build').toEqual(fresh);
  });

  test('a parser restored from the snapshot has the recorded grammar', () => {
    const restored = new PowerShellParser({ snapshot: fresh });
    expect(restored.restoredFromSnapshot).toBe(true);
    expect(recorded.restoredFromSnapshot).toBe(false);
    expect(captureSnapshot(rules(restored), MAX_LOOKAHEAD)).toEqual(fresh);
  });

  test('a snapshot of another grammar is ignored', () => {
    const other = { ...fresh, rules: fresh.rules.slice(1) };
    expect(new PowerShellParser({ snapshot: other }).restoredFromSnapshot).toBe(false);
  });

  test('every lookahead function chooses what Chevrotain would, for every next token and gate', () => {
    const t = psTokens();
    const all: TokenType[] = [...t.all.filter((x) => (x as { isParent?: boolean }).isParent !== true), EOF];
    const token = tokenLookup([...t.all, EOF]);
    const chevrotain = new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD });
    const ruleByName = new Map(rules(recorded).map((r) => [r.name, r]));
    let decisions = 0;
    for (const [key, sets] of Object.entries(fresh.lookahead)) {
      const [ruleName, kind, occurrence] = key.split('|') as [string, DecisionKind, string];
      const rule = ruleByName.get(ruleName)!;
      const prodOccurrence = Number(occurrence);
      expect(decisionKey(ruleName, kind, prodOccurrence)).toBe(key);
      for (const next of all) {
        const la = { LA: () => ({ tokenTypeIdx: next.tokenTypeIdx, tokenType: next }) as unknown as IToken };
        const self = { ...la, LA_FAST: la.LA };
        if (kind === 'Alternation') {
          for (const hasPredicates of [false, true]) {
            const theirs = chevrotain.buildLookaheadForAlternation({ prodOccurrence, rule, maxLookahead: MAX_LOOKAHEAD, hasPredicates, dynamicTokensEnabled: false });
            const ours = alternationLookahead(sets, hasPredicates, token);
            const gateSets: (boolean | undefined)[][] = [sets.map(() => undefined), sets.map(() => true), sets.map(() => false)];
            sets.forEach((_, i) => gateSets.push(sets.map((__, j) => j !== i)));
            for (const gates of gateSets) {
              const alts = gates.map((g) => ({ ALT: () => undefined, ...(g === undefined ? {} : { GATE: () => g }) })) as IOrAlt<unknown>[];
              expect(ours.call(self, alts), `${key} on ${next.name}, gates ${JSON.stringify(gates)}`).toBe(theirs.call(self, alts));
            }
          }
        } else {
          const theirs = chevrotain.buildLookaheadForOptional({ prodOccurrence, prodType: kind as OptionalProductionType, rule, maxLookahead: MAX_LOOKAHEAD, dynamicTokensEnabled: false });
          const ours = optionalLookahead(sets[0]!, token);
          expect(ours.call(self), `${key} on ${next.name}`).toBe(theirs.call(self));
        }
      }
      decisions++;
    }
    expect(decisions).toBeGreaterThan(50);
  });

  test('restored and recorded parsers build the same trees, errors and recoveries included', () => {
    const restored = new PowerShellParser({ snapshot: fresh });
    const scripts = [
      "$ErrorActionPreference = 'Stop'; iwr https://x/a.zip -OutFile a.zip; Expand-Archive a.zip -Dest C:\\x",
      'if ($a -eq 1) { "x" } elseif ($b) { 2 } else { foreach ($i in 1..3) { $i } }',
      'switch -regex ($x) { "a" { 1 } default { 2 } }; try { throw "x" } catch [System.Exception] { $_ } finally { }',
      'function f([string]$a = "b") { param() return @{ a = 1; b = @(1, 2) } }; & f -a:1 @splat 2>&1 | Out-Null',
      '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; $x.y.z($a, $b)',
      '$x = (1 +; if ( { ) ]] "unterminated', 'Write-Host (', 'foreach (', '@{ a = ', 'a | | b', '$(', ')))', '}{',
    ];
    const corpus = join(import.meta.dirname, '../../../../shared/corpus/windows');
    if (existsSync(corpus)) {
      for (const repo of readdirSync(corpus, { withFileTypes: true })) {
        if (!repo.isDirectory()) continue;
        // Whole files are not PowerShell, which exercises error recovery on every line.
        for (const f of readdirSync(join(corpus, repo.name)).slice(0, 3)) scripts.push(readFileSync(join(corpus, repo.name, f), 'utf8'));
      }
    }
    for (const s of scripts) expect(parsePowerShell(s, restored), s.slice(0, 80)).toEqual(parsePowerShell(s, recorded));
  });
});
