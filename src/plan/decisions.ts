import type { Effect } from '../analyze/effects/types.ts';
import type { Instruction } from '../model/types.ts';
import type { Decision, Origin } from './types.ts';

const PRAGMA = /^(?:winfile|hadolint)\s|^check\s*=|^(?:syntax|escape)\s*=/i;

export function originOf(ins: Instruction, effect?: number): Origin {
  const o: Origin = { instruction: ins.index, keyword: ins.keyword, range: ins.range };
  if (effect !== undefined) o.effect = effect;
  else {
    const comments = ins.comments.map((c) => c.text).filter((t) => !PRAGMA.test(t));
    if (comments.length > 0) o.comments = comments;
  }
  return o;
}

/** The instruction's first line as written, for the report. */
export function subjectOf(ins: Instruction): string {
  const line = ins.line.text.trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

export function effectSubject(effect: Effect, source: string): string {
  const first = source.split('\n')[0]?.trim() ?? effect.command;
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
}

export function decision(origin: Origin, subject: string, action: Decision['action'], detail: string, extra: Partial<Decision> = {}): Decision {
  return { origin, subject, action, detail, ...extra };
}
