import type { Range } from '../../parse/source.ts';
import type { Effect, ScriptLanguage } from './types.ts';

/** What a classifier may ask about the script it classifies. */
export interface EffectContext {
  /** The script text that AST offsets refer to. */
  text: string;
  /** Script offsets [start, end) as a Dockerfile range. */
  range(start: number, end: number): Range;
  /** An ENV or ARG value the RUN's process sees; names compare case-insensitively, as on Windows. */
  env(name: string): string | undefined;
  /** The PowerShell a nested `powershell`/`pwsh` or this script runs under. */
  host: 'powershell' | 'pwsh';
  /**
   * Effects of a script nested in this one (`powershell -Command ...` under cmd, `cmd /c ...` under
   * PowerShell); `offset` maps nested-script offsets to offsets in this script.
   */
  nested(language: ScriptLanguage, text: string, offset: (i: number) => number, host?: 'powershell' | 'pwsh'): Effect[];
}
