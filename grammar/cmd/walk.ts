// Traversal helpers over the cmd AST.
import type { CmdInvocation, CmdNode, CmdWord } from './ast.ts';

/** Return false to skip the node's children. */
export type CmdVisitor = (node: CmdNode, parent: CmdNode | null) => boolean | void;

/** Direct children of a node, in source order. Words shared with an inner call/start command are listed once. */
export function cmdChildren(node: CmdNode): CmdNode[] {
  switch (node.type) {
    case 'Script':
      return node.body;
    case 'Chain':
      return interleave(node.items, node.operators);
    case 'Pipeline':
      return interleave(node.commands, node.operators);
    case 'Group':
      return sorted([...node.body, ...node.redirections]);
    case 'If':
      return compact([node.condition, node.then, node.else]);
    case 'For':
      return compact([...node.switches, node.root, node.parseOptions, node.variable, node.set, node.body]);
    case 'ForSet':
      return node.items;
    case 'Condition':
      return node.kind === 'compare' ? compact([node.left, node.right]) : compact([node.operand]);
    case 'Redirection':
      return compact([node.target]);
    case 'Word':
      return node.parts;
    case 'Call':
    case 'Start': {
      const inner = node.command;
      if (!inner) return sorted([node.name, ...node.args, ...node.redirections]);
      const shared = new Set<CmdWord>([inner.name, ...inner.args]);
      return sorted([node.name, ...node.args.filter((w) => !shared.has(w)), inner, ...node.redirections]);
    }
    case 'SimpleCommand':
    case 'Echo':
    case 'Set':
      return sorted([node.name, ...node.args, ...node.redirections]);
    default:
      return [];
  }
}

function compact(nodes: (CmdNode | null | undefined)[]): CmdNode[] {
  return nodes.filter((n): n is CmdNode => n != null);
}

function sorted(nodes: CmdNode[]): CmdNode[] {
  return nodes.sort((a, b) => a.start - b.start);
}

function interleave(items: readonly CmdNode[], operators: readonly CmdNode[]): CmdNode[] {
  return sorted([...items, ...operators]);
}

/**
 * Pre-order walk. Iterative, so that arbitrarily deep trees cannot overflow
 * the stack.
 */
export function walkCmd(root: CmdNode, visit: CmdVisitor): void {
  const stack: { node: CmdNode; parent: CmdNode | null }[] = [{ node: root, parent: null }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop() as { node: CmdNode; parent: CmdNode | null };
    if (visit(node, parent) === false) continue;
    const children = cmdChildren(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as CmdNode, parent: node });
  }
}

export interface CmdCommandInfo {
  node: CmdInvocation;
  /** `node.name.value`: unquoted, carets removed, variables as written. */
  name: string;
  /** Lower-case file name without directory and .exe/.com/.bat/.cmd: `C:\x\7z.exe` -> `7z`. */
  program: string;
  /** Argument values (unquoted). */
  args: string[];
  /** How it runs: directly, as the target of `call`, or of `start`. */
  via: 'direct' | 'call' | 'start';
  /** Started by `start` without `/wait`: cmd does not wait for it. */
  async: boolean;
}

/** Lower-case program name: directory and executable extension removed. */
export function programName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/')) + 1);
  return base.replace(/\.(exe|com|bat|cmd)$/i, '').toLowerCase();
}

/**
 * Every command invocation in the tree, in source order: those nested in
 * if/for/blocks, and both `call`/`start` themselves and the command they run.
 */
export function listSimpleCommands(root: CmdNode): CmdCommandInfo[] {
  const out: CmdCommandInfo[] = [];
  const via = new Map<CmdNode, { via: CmdCommandInfo['via']; async: boolean }>();
  walkCmd(root, (node) => {
    switch (node.type) {
      case 'SimpleCommand':
      case 'Echo':
      case 'Set':
      case 'Call':
      case 'Start': {
        const how = via.get(node) ?? { via: 'direct', async: false };
        out.push({
          node,
          name: node.name.value,
          program: programName(node.name.value),
          args: node.args.map((a) => a.value),
          ...how,
        });
        if (node.type === 'Call' && node.command) via.set(node.command, { via: 'call', async: false });
        if (node.type === 'Start' && node.command) via.set(node.command, { via: 'start', async: !node.wait });
        return undefined;
      }
      case 'Word':
        return false;
      default:
        return undefined;
    }
  });
  return out;
}
