// Node construction for the parser's semantic actions, kept apart so that the
// grammar in parser.ts reads as a grammar.
import type { IToken } from 'chevrotain';
import type {
  CmdChainOperatorValue,
  CmdCommand,
  CmdCondition,
  CmdError,
  CmdFor,
  CmdForSet,
  CmdIf,
  CmdLabel,
  CmdOperator,
  CmdRedirection,
  CmdRem,
  CmdStatement,
  CmdWord,
} from './ast.ts';
import type { QuietPayload } from './lexer.ts';
import type { CmdSyntaxError } from './parser.ts';
import * as T from './tokens.ts';

export function tokenEnd(t: IToken): number {
  return (t.endOffset ?? t.startOffset) + 1;
}

// parseCmd shows at most 100 errors; collecting many more only costs memory.
const MAX_PROBLEMS = 1000;

export function report(problems: CmdSyntaxError[], message: string, start: number, end: number): void {
  if (problems.length < MAX_PROBLEMS) problems.push({ message, start, end });
}

export function commandError(source: string, start: number, end: number, message: string): CmdError {
  return { type: 'Error', start, end, quiet: false, message, raw: source.slice(start, end) };
}

// Loosest first: `a & b || c && d | e` groups as a & (b || (c && (d | e))).
const LEVELS = ['&', '||', '&&', '|'] as const;

/**
 * Builds the statement for `items[0] ops[0] items[1] ...`. An item is
 * undefined where an operator had no command after it.
 */
export function buildChain(
  items: readonly (CmdCommand | undefined)[],
  ops: readonly IToken[],
  problems: CmdSyntaxError[],
): CmdStatement {
  ops.forEach((op, i) => {
    if (items[i + 1]) return;
    // cmd accepts a trailing `&`, but not `a & & b` or a trailing `&&`.
    const trailingAmp = i === ops.length - 1 && op.image === '&';
    if (!trailingAmp) report(problems, `Expected a command after '${op.image}'`, op.startOffset, tokenEnd(op));
  });
  const built = level(items, ops, 0, items.length - 1, 0);
  if (built) return built;
  const first = ops[0];
  const start = first ? first.startOffset : 0;
  return commandError('', start, start, 'Missing command');
}

function level(
  items: readonly (CmdCommand | undefined)[],
  ops: readonly IToken[],
  lo: number,
  hi: number,
  lvl: number,
): CmdStatement | null {
  const symbol = LEVELS[lvl];
  if (symbol === undefined) return items[lo] ?? null;
  const children: CmdStatement[] = [];
  const operators: CmdOperator[] = [];
  let segment = lo;
  for (let k = lo; k < hi; k++) {
    const op = ops[k] as IToken;
    if (op.image !== symbol) continue;
    const child = level(items, ops, segment, k, lvl + 1);
    if (child) children.push(child);
    operators.push({ type: 'Operator', value: symbol, start: op.startOffset, end: tokenEnd(op) });
    segment = k + 1;
  }
  if (operators.length === 0) return level(items, ops, lo, hi, lvl + 1);
  const lastChild = level(items, ops, segment, hi, lvl + 1);
  if (lastChild) children.push(lastChild);
  let start = (operators[0] as CmdOperator).start;
  let end = (operators[operators.length - 1] as CmdOperator).end;
  for (const c of children) {
    start = Math.min(start, c.start);
    end = Math.max(end, c.end);
  }
  if (symbol === '|') {
    // Pipeline members come straight from `items`, so they are commands.
    return { type: 'Pipeline', start, end, commands: children as CmdCommand[], operators };
  }
  return { type: 'Chain', operator: symbol as CmdChainOperatorValue, start, end, items: children, operators };
}

export function withQuiet(node: CmdCommand, first: IToken): CmdCommand {
  const payload = first.payload as QuietPayload | undefined;
  if (payload) {
    node.quiet = true;
    node.start = Math.min(node.start, payload.quietStart);
  }
  return node;
}

export function redirectionNode(op: IToken, target: CmdWord | null): CmdRedirection {
  const m = /^(\d)?(>>|>|<)(&)?/.exec(op.image);
  const digit = m?.[1];
  const base = m?.[2] ?? '>';
  const operator = m?.[3] ? (base === '<' ? '<&' : '>&') : (base as '>' | '>>' | '<');
  return {
    type: 'Redirection',
    start: op.startOffset,
    end: target ? Math.max(target.end, tokenEnd(op)) : tokenEnd(op),
    operator,
    handle: digit !== undefined ? Number(digit) : base === '<' ? 0 : 1,
    target,
  };
}

export function remNode(kw: IToken, text: IToken | undefined): CmdRem {
  return { type: 'Rem', start: kw.startOffset, end: tokenEnd(text ?? kw), quiet: false, text: text?.image ?? '' };
}

export function labelNode(t: IToken): CmdLabel {
  const text = t.image.slice(1);
  const name = /^[^\s]*/.exec(text)?.[0] ?? '';
  return { type: 'Label', start: t.startOffset, end: tokenEnd(t), quiet: false, name, text };
}

export function ifNode(
  kw: IToken,
  flags: { caseInsensitive: boolean; negated: boolean },
  condition: CmdCondition | null,
  then: CmdStatement | null,
  otherwise: { elseKw: IToken; body: CmdStatement | undefined } | undefined,
  problems: CmdSyntaxError[],
): CmdIf {
  let end = tokenEnd(kw);
  if (!condition) report(problems, "Expected a condition after 'if'", kw.startOffset, end);
  else end = condition.end;
  // A missing body after a missing condition would be a cascade.
  if (!then && condition) report(problems, 'Expected a command after the if condition', kw.startOffset, end);
  else if (then) end = then.end;
  if (otherwise) {
    end = tokenEnd(otherwise.elseKw);
    if (otherwise.body) end = otherwise.body.end;
    else report(problems, "Expected a command after 'else'", otherwise.elseKw.startOffset, end);
  }
  return {
    type: 'If',
    start: kw.startOffset,
    end,
    quiet: false,
    caseInsensitive: flags.caseInsensitive,
    negated: flags.negated,
    condition,
    then,
    else: otherwise?.body ?? null,
  };
}

export interface ForParts {
  kw: IToken;
  header: IToken[];
  variable: IToken | undefined;
  inKw: IToken | undefined;
  set: { open: IToken; items: IToken[]; close: IToken | undefined } | undefined;
  doKw: IToken | undefined;
  body: CmdStatement | undefined;
}

const FOR_KINDS: Record<string, CmdFor['kind']> = { '/d': 'directories', '/r': 'recursive', '/l': 'range', '/f': 'parse' };

export function forNode(source: string, p: ForParts, word: (t: IToken) => CmdWord, problems: CmdSyntaxError[]): CmdFor {
  const node: CmdFor = {
    type: 'For',
    start: p.kw.startOffset,
    end: tokenEnd(p.kw),
    quiet: false,
    kind: 'files',
    switches: [],
    root: null,
    parseOptions: null,
    variable: null,
    set: null,
    body: p.body ?? null,
  };
  let previous = '';
  for (const t of p.header) {
    const w = word(t);
    if (t.tokenType === T.ForOption) {
      previous = t.image.toLowerCase();
      node.switches.push(w);
      node.kind = FOR_KINDS[previous] ?? node.kind;
      continue;
    }
    if (previous === '/r' && !node.root) node.root = w;
    else if (previous === '/f' && !node.parseOptions) node.parseOptions = w;
    else report(problems, `'${t.image}' was unexpected in the for header`, t.startOffset, tokenEnd(t));
    previous = '';
  }
  // Only the first missing piece is reported: the rest would be cascades.
  // The error spans the last piece that is present.
  let lastStart = p.kw.startOffset;
  let end = tokenEnd(p.kw);
  let complete = true;
  const seen = (start: number, stop: number): void => {
    lastStart = start;
    end = Math.max(end, stop);
  };
  const missing = (what: string): void => {
    if (complete) report(problems, `Expected ${what}`, lastStart, end);
    complete = false;
  };
  for (const w of [...node.switches, node.root, node.parseOptions]) if (w) seen(w.start, w.end);
  if (p.variable) {
    node.variable = { type: 'ForVariable', start: p.variable.startOffset, end: tokenEnd(p.variable), raw: p.variable.image, name: p.variable.image.slice(-1) };
    seen(node.variable.start, node.variable.end);
  } else missing('a for variable such as %i');
  if (p.inKw) seen(p.inKw.startOffset, tokenEnd(p.inKw));
  else missing("'in'");
  if (p.set) {
    node.set = forSet(source, p.set, word);
    if (!p.set.close) {
      if (complete) report(problems, "Missing ')' after the for set", p.set.open.startOffset, node.set.end);
      complete = false;
    }
    seen(node.set.start, node.set.end);
  } else missing("'(' and the set to loop over");
  if (p.doKw) seen(p.doKw.startOffset, tokenEnd(p.doKw));
  else missing("'do'");
  if (p.body) end = Math.max(end, p.body.end);
  else missing("a command after 'do'");
  node.end = end;
  return node;
}

function forSet(source: string, s: NonNullable<ForParts['set']>, word: (t: IToken) => CmdWord): CmdForSet {
  const items = s.items.map(word);
  const innerStart = tokenEnd(s.open);
  const last = items[items.length - 1];
  const innerEnd = s.close ? s.close.startOffset : last ? last.end : innerStart;
  return {
    type: 'ForSet',
    start: s.open.startOffset,
    end: s.close ? tokenEnd(s.close) : innerEnd,
    raw: source.slice(innerStart, innerEnd),
    items,
  };
}
