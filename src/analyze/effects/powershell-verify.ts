// Hash checks: `if ((Get-FileHash f -Algorithm sha256).Hash -ne $expected) { throw ... }` in its
// common spellings becomes one VerifyEffect covering the whole `if`; the throw/exit and the
// messages printed on a mismatch belong to it.

import type { Expression, IfStatement, StatementBlock } from '../../../grammar/powershell/ast.ts';
import { fileHashRef } from './powershell-pure.ts';
import type { FileHashRef } from './powershell-pure.ts';
import { resolved, single } from './powershell-support.ts';
import type { W } from './powershell-support.ts';
import { toText } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { VerifyEffect } from './types.ts';

const DIFFERENT = new Set(['-ne', '-ine', '-cne', '-notlike', '-inotlike', '-cnotlike', '-notmatch', '-inotmatch', '-cnotmatch']);
const SAME = new Set(['-eq', '-ieq', '-ceq', '-like', '-ilike', '-clike', '-match', '-imatch', '-cmatch']);

interface HashComparison {
  ref: FileHashRef;
  expected: Expression;
  /** The condition's value when the hash differs. */
  mismatchWhen: boolean;
}

function comparison(w: W, e: Expression | undefined): HashComparison | undefined {
  if (!e) return undefined;
  if (e.type === 'ParenExpression') return comparison(w, single(e.statement));
  if (e.type === 'Unary' && (e.operator === '-not' || e.operator === '!')) {
    const inner = comparison(w, e.operand);
    return inner && { ...inner, mismatchWhen: !inner.mismatchWhen };
  }
  if (e.type === 'Binary' && (DIFFERENT.has(e.operator) || SAME.has(e.operator))) {
    const mismatchWhen = DIFFERENT.has(e.operator);
    const left = fileHashRef(w.eval(e.left));
    if (left) return { ref: left, expected: e.right, mismatchWhen };
    const right = fileHashRef(w.eval(e.right));
    if (right) return { ref: right, expected: e.left, mismatchWhen };
  }
  // `(Get-FileHash f).Hash.Equals($expected)`
  if (e.type === 'InvokeMember' && !e.static && /^equals$/i.test(toText(w.eval(e.member)) ?? '') && e.arguments.length === 1) {
    const ref = fileHashRef(w.eval(e.object));
    if (ref) return { ref, expected: e.arguments[0] as Expression, mismatchWhen: false };
  }
  return undefined;
}

/** What a mismatch branch does: `throw`, `exit 1`, or Write-Error (a throw under the usual `$ErrorActionPreference = 'Stop'`). */
export function consequence(body: StatementBlock | undefined): VerifyEffect['onMismatch'] {
  for (const st of body?.statements ?? []) {
    if (st.type === 'Throw') return 'throw';
    if (st.type === 'Exit') return 'exit';
    const e = single(st);
    if (e?.type === 'InvokeMember' && e.static && e.member.type === 'BareWord' && /^exit$/i.test(e.member.value)) return 'exit';
    if (st.type === 'Pipeline' && st.elements.some((el) => el.type === 'Command' && /^write-error$/i.test(el.nameText ?? ''))) return 'throw';
  }
  return 'none';
}

export interface VerifyMatch {
  effect: VerifyEffect;
  /** The branch that runs on a mismatch (its messages and throw belong to the verify). */
  mismatch?: StatementBlock;
}

/** A VerifyEffect for an `if` whose first condition compares a file hash; undefined otherwise. */
export function verifyIf(w: W, st: IfStatement): VerifyMatch | undefined {
  const clause = st.clauses[0];
  if (!clause) return undefined;
  const cmp = comparison(w, single(clause.condition));
  if (!cmp) return undefined;
  const mismatch = cmp.mismatchWhen ? clause.body : st.clauses.length === 1 ? st.elseBody : undefined;
  const onMismatch = consequence(mismatch);
  const hashCommand = w.ctx.text.slice(cmp.ref.command.name.start, cmp.ref.command.name.end);
  const effect: VerifyEffect = {
    kind: 'verify',
    ...w.base(st, hashCommand, verdict(onMismatch === 'none' ? 'verifyNoConsequence' : 'verify')),
    algorithm: cmp.ref.algorithm,
    expected: w.value(cmp.expected),
    onMismatch,
  };
  if (cmp.ref.path) effect.file = w.valueAt(cmp.ref.path, resolved(toText(cmp.ref.pathValue)));
  return mismatch ? { effect, mismatch } : { effect };
}
