// Consumer helpers over the AST: static values, a walker, command queries.

import type { Command, CommandElement, CommandParameter, Expression, PsNode, Statement, Variable } from './ast.ts';

/**
 * The value of a node whose text is known without running anything: bare
 * words, single-quoted strings, double-quoted strings without expansions,
 * numbers (as written). Undefined for everything else.
 */
export function staticString(node: PsNode | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'BareWord':
    case 'StringLiteral':
      return node.value;
    case 'NumberLiteral':
      return node.raw;
    case 'StringText':
      return node.value;
    default:
      return undefined;
  }
}

export type Visitor = (node: PsNode, parent: PsNode | undefined) => boolean | void;

/**
 * Depth-first, source-order walk over every node (iterative, so deep trees
 * are safe). Return `false` from the visitor to skip a node's children.
 */
export function walk(root: PsNode, visit: Visitor): void {
  // Two parallel stacks and children pushed in place: no tuple or array per node (a megabyte of
  // script has millions of nodes, and several analyses walk it).
  const nodes: PsNode[] = [root];
  const parents: (PsNode | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (visit(node, parent) === false) continue;
    const first = nodes.length;
    for (const key in node) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) {
          if (isNode(item)) {
            nodes.push(item);
            parents.push(node);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(node);
      }
    }
    // Reversed, so that the first child is popped first (source order).
    for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
      const t = nodes[i]!;
      nodes[i] = nodes[j]!;
      nodes[j] = t;
    }
  }
}

function isNode(value: unknown): value is PsNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Every Command in the tree, in source order (including those nested in script blocks and subexpressions). */
export function findCommands(root: PsNode): Command[] {
  const out: Command[] = [];
  walk(root, (n) => {
    if (n.type === 'Command') out.push(n);
  });
  return out;
}

/** Case-insensitive parameter lookup; accepts unambiguous prefixes like PowerShell (`-Out` for `-OutFile`) only when `prefix` is set. */
export function findParameter(cmd: Command, name: string, prefix = false): CommandParameter | undefined {
  const want = name.toLowerCase();
  for (const el of cmd.elements) {
    if (el.type !== 'CommandParameter') continue;
    const have = el.name.toLowerCase();
    if (have === want || (prefix && have.length > 0 && want.startsWith(have))) return el;
  }
  return undefined;
}

const NON_POSITIONAL = new Set(['CommandParameter', 'Splat', 'Redirection', 'StopParsingArgument']);

/** Arguments not attached to a parameter, in order. */
export function positionalArguments(cmd: Command): Expression[] {
  return cmd.elements.filter((el): el is Expression => !NON_POSITIONAL.has(el.type));
}

export function isExpressionElement(el: CommandElement): el is Expression {
  return !NON_POSITIONAL.has(el.type);
}

/** `$env:NAME` test, case-insensitive on the scope. */
export function isEnvVariable(v: Variable): boolean {
  return v.scope === 'env';
}

const STATEMENT_TYPES = new Set([
  'Pipeline', 'PipelineChain', 'Assignment', 'If', 'While', 'DoWhile', 'DoUntil', 'For', 'Foreach', 'Switch', 'Try',
  'Trap', 'FunctionDefinition', 'NamedBlock', 'Throw', 'Return', 'Exit', 'Break', 'Continue', 'ErrorStatement',
]);

export function isStatementNode(n: PsNode): n is Statement {
  return STATEMENT_TYPES.has(n.type);
}
