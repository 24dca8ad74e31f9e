// Test helpers for the PowerShell classifier: realistic servercore Dockerfiles analysed end to end.

import { analyzeRun } from '../analyze-run.ts';
import { buildModel } from '../../model/build.ts';
import type { Range } from '../../parse/source.ts';
import type { Effect, EffectKind, RunAnalysis } from './types.ts';

export interface Ran {
  effects: Effect[];
  analysis: RunAnalysis;
  /** The Dockerfile text a range covers. */
  at(r: { range: Range } | Range | undefined): string | undefined;
  /** The only effect of a kind (throws when there is not exactly one). */
  one<K extends EffectKind>(kind: K): Extract<Effect, { kind: K }>;
}

export const PS_SHELL = `SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]\n`;

/** Analyses the last RUN of a servercore Dockerfile with a PowerShell SHELL (backtick escape). */
export function psRun(body: string, preamble = '', shell = PS_SHELL): Ran {
  const text = `# escape=\`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n${shell}${preamble}RUN ${body}\n`;
  const model = buildModel('Dockerfile', text);
  const ins = model.instructions.filter((i) => i.keyword === 'RUN').at(-1);
  if (!ins) throw new Error('no RUN');
  const analysis = analyzeRun(model, ins);
  const at = (r: { range: Range } | Range | undefined) => {
    if (!r) return undefined;
    const range = 'range' in r ? r.range : r;
    return text.slice(range.start.offset, range.end.offset);
  };
  const one = <K extends EffectKind>(kind: K): Extract<Effect, { kind: K }> => {
    const found = analysis.effects.filter((e) => e.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind}, got ${analysis.effects.map((e) => e.kind).join(', ')}`);
    return found[0] as Extract<Effect, { kind: K }>;
  };
  return { effects: analysis.effects, analysis, at, one };
}

export const kinds = (r: Ran): string[] => r.effects.map((e) => e.kind);
