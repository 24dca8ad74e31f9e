import type { RunAnalysis } from '../analyze/effects/types.ts';
import type { Catalog } from '../model/catalog.ts';
import type { DockerfileModel, Instruction, Stage } from '../model/types.ts';
import type { Range } from '../parse/source.ts';
import type { Version } from '../util/version.ts';

export type Severity = 'error' | 'warning' | 'info' | 'style';
export type Target = 'buildkit' | 'crane';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** Rule metadata, loaded from rules/WFnnn.yaml. */
export interface RuleMeta {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  targets: Target[];
  category: string;
  rationale: string;
  message: string;
  messages?: Record<string, string>;
  workaround: string;
  kubernetes?: string;
  fixable?: boolean;
  examples: { bad: string; good: string; target?: Target; args?: string[] };
  aliases?: { hadolint?: string[]; buildkit?: string[] };
}

export interface TextEdit {
  range: Range;
  text: string;
}

export interface TextFix {
  description: string;
  edits: TextEdit[];
}

export interface Report {
  range: Range;
  /** Picks `messages[messageId]` instead of `message`. */
  messageId?: string;
  data?: Record<string, string | number>;
  instruction?: Instruction;
  stage?: Stage;
  fix?: TextFix;
  /** Replaces the rule's generic workaround with one specific to this finding. */
  workaround?: string;
}

export interface RuleContext {
  model: DockerfileModel;
  target: Target;
  craneVersion: Version;
  /** Windows versions one build should serve. */
  windowsVersions: string[];
  catalog: Catalog;
  /**
   * What a RUN (or ONBUILD RUN) does, from the shell grammars: available when the caller loaded
   * the analyser, which the CLI does only for files with a RUN in a Windows stage.
   */
  analysis(run: Instruction): RunAnalysis | undefined;
  report(r: Report): void;
}

export interface Rule {
  id: string;
  check(ctx: RuleContext): void;
}

export interface Diagnostic {
  file: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  range: Range;
  stage?: { index: number; name?: string };
  target: Target;
  workaround: string;
  fix?: TextFix;
}

/** An unusable input (missing, unreadable, binary, rejected by BuildKit's parser). */
export interface InputError {
  file: string;
  message: string;
  range?: Range;
}
