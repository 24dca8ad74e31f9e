// Operator tables and the precedence-climbing step that turns the flat
// `operand (op operand)*` list produced by the grammar into a tree. Parsing
// binary expressions as a flat loop (instead of one rule per precedence level)
// keeps the rule depth per nesting level low, which is what bounds the stack.

import type { ArrayLiteral, Expression } from '../ast.ts';

// Lowest to highest, following PowerShell's TokenFlags precedence.
export const PREC_LOGICAL = 1;
export const PREC_BITWISE = 2;
export const PREC_COMPARISON = 3;
export const PREC_ADD = 4;
export const PREC_MULTIPLY = 5;
export const PREC_FORMAT = 6;
export const PREC_RANGE = 7;
export const PREC_COMMA = 8;

const BINARY = new Map<string, number>();
for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'replace', 'split']) {
  BINARY.set(`-${op}`, PREC_COMPARISON);
  BINARY.set(`-i${op}`, PREC_COMPARISON);
  BINARY.set(`-c${op}`, PREC_COMPARISON);
}
for (const op of ['-is', '-isnot', '-as', '-join', '-shl', '-shr']) BINARY.set(op, PREC_COMPARISON);
for (const op of ['-band', '-bor', '-bxor']) BINARY.set(op, PREC_BITWISE);
for (const op of ['-and', '-or', '-xor']) BINARY.set(op, PREC_LOGICAL);
BINARY.set('-f', PREC_FORMAT);

const UNARY_DASH = new Set(['-not', '-bnot', '-split', '-isplit', '-csplit', '-join']);

/** '-EQ' / '–eq' -> '-eq' */
export function normalizeDashOperator(image: string): string {
  return `-${image.slice(1).toLowerCase()}`;
}

export function dashBinaryPrecedence(image: string): number | undefined {
  return BINARY.get(normalizeDashOperator(image));
}

export function isDashUnary(image: string): boolean {
  return UNARY_DASH.has(normalizeDashOperator(image));
}

export function symbolPrecedence(image: string): number | undefined {
  switch (image) {
    case ',': return PREC_COMMA;
    case '..': return PREC_RANGE;
    case '*': case '/': case '%': return PREC_MULTIPLY;
    case '+': return PREC_ADD;
    case '??': return PREC_COMPARISON;
    default:
      // Minus in any dash flavour.
      return image.length === 1 && /[-\u2013-\u2015]/.test(image) ? PREC_ADD : undefined;
  }
}

export interface PendingOperator {
  op: string;
  prec: number;
}

/** Shunting-yard over `operands[0] ops[0] operands[1] ...`; all operators are left-associative. */
export function buildBinaryTree(operands: Expression[], ops: PendingOperator[]): Expression {
  const out: Expression[] = [operands[0]!];
  const stack: PendingOperator[] = [];
  const reduce = (): void => {
    const op = stack.pop()!;
    const right = out.pop()!;
    const left = out.pop()!;
    if (op.op === ',') {
      if (left.type === 'ArrayLiteral' && (left as ArrayLiteral & { fromComma?: boolean }).fromComma) {
        left.elements.push(right);
        left.end = right.end;
        out.push(left);
      } else {
        const arr: ArrayLiteral & { fromComma?: boolean } = { type: 'ArrayLiteral', elements: [left, right], start: left.start, end: right.end };
        Object.defineProperty(arr, 'fromComma', { value: true, enumerable: false });
        out.push(arr);
      }
      return;
    }
    out.push({ type: 'Binary', operator: op.op, left, right, start: left.start, end: right.end });
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    while (stack.length > 0 && stack[stack.length - 1]!.prec >= op.prec) reduce();
    stack.push(op);
    out.push(operands[i + 1]!);
  }
  while (stack.length > 0) reduce();
  return out[0]!;
}

/** Numeric value of a PowerShell numeric literal (suffixes and multipliers applied). */
export function numberValue(raw: string): number {
  let s = raw;
  let mult = 1;
  const m = /([kmgtp])b$/i.exec(s);
  if (m) {
    mult = 1024 ** ('kmgtp'.indexOf(m[1]!.toLowerCase()) + 1);
    s = s.slice(0, -2);
  }
  if (/^0x/i.test(s)) {
    const hex = s.slice(2).replace(/(?:[lnsy]|u[lsy]?)$/i, '');
    return Number.parseInt(hex, 16) * mult;
  }
  s = s.replace(/(?:[ldnsy]|u[lsy]?)$/i, '');
  const v = Number(s);
  return Number.isFinite(v) ? v * mult : Number.NaN;
}
