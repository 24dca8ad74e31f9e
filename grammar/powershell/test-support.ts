// Compact rendering of the AST for tests: one line per script, close to the
// source, so expectations stay readable. Not used by the parser.

import type { PsNode } from './ast.ts';
import { parsePowerShell } from './index.ts';

const list = (nodes: readonly PsNode[], sep = ', '): string => nodes.map(show).join(sep);

export function show(n: PsNode | undefined): string {
  if (!n) return '∅';
  switch (n.type) {
    case 'Script': return (n.paramBlock ? show(n.paramBlock) + ' ' : '') + list(n.statements, ' ;; ');
    case 'Pipeline': return list(n.elements, ' | ') + (n.background ? ' &' : '');
    case 'PipelineChain': return `(${show(n.left)} ${n.operator} ${show(n.right)})` + (n.background ? ' &' : '');
    case 'Assignment': return `${show(n.target)} ${n.operator} ${show(n.value)}`;
    case 'CommandExpression': return show(n.expression) + n.redirections.map(show).join('');
    case 'Command': return `${n.invocation === 'none' ? '' : n.invocation}cmd[${show(n.name)}](${list(n.elements)})`;
    case 'CommandParameter': return `-${n.name}${n.value ? (n.colon ? ':' : '=') + show(n.value) : ''}`;
    case 'Splat': return `@${n.name}`;
    case 'Redirection': return ` ${n.operator}${n.target ? show(n.target) : ''}`;
    case 'StopParsingArgument': return `--%<${n.text}>`;
    case 'BareWord': return `w'${n.value}'`;
    case 'StringLiteral': return `${n.here ? 'h' : ''}${n.quote === 'single' ? "'" : '"'}${n.value}${n.quote === 'single' ? "'" : '"'}`;
    case 'ExpandableString': return `x"${n.parts.map(show).join('')}"`;
    case 'ExpandableWord': return `xw{${n.parts.map(show).join('')}}`;
    case 'StringText': return n.value;
    case 'Variable': return `$${n.braced ? '{' : ''}${n.scope ? n.scope + ':' : ''}${n.name}${n.braced ? '}' : ''}`;
    case 'SubExpression': return `$(${list(n.statements, '; ')})`;
    case 'ArrayExpression': return `@(${list(n.statements, '; ')})`;
    case 'ParenExpression': return `(${show(n.statement)})`;
    case 'NumberLiteral': return n.raw;
    case 'MemberAccess': return `${show(n.object)}${n.static ? '::' : '.'}${show(n.member)}`;
    case 'InvokeMember': return `${show(n.object)}${n.static ? '::' : '.'}${show(n.member)}(${list(n.arguments)})`;
    case 'Index': return `${show(n.object)}[${show(n.index)}]`;
    case 'TypeLiteral': return `[${n.typeName}]`;
    case 'Attribute': return `[${n.typeName}(${[...n.positional.map(show), ...n.named.map(show)].join(', ')})]`;
    case 'NamedAttributeArgument': return n.value ? `${n.name}=${show(n.value)}` : n.name;
    case 'Cast': return `cast[${n.targetType.typeName}](${show(n.operand)})`;
    case 'Unary': return n.postfix ? `(${show(n.operand)}${n.operator})` : `(${n.operator} ${show(n.operand)})`;
    case 'Binary': return `(${show(n.left)} ${n.operator} ${show(n.right)})`;
    case 'ArrayLiteral': return `{${list(n.elements)}}`;
    case 'Hashtable': return `@{${n.entries.map((e) => `${show(e.key)}=${show(e.value)}`).join('; ')}}`;
    case 'HashtableEntry': return `${show(n.key)}=${show(n.value)}`;
    case 'ScriptBlock': return `sb{${n.paramBlock ? show(n.paramBlock) + ' ' : ''}${list(n.statements, '; ')}}`;
    case 'StatementBlock': return `{${list(n.statements, '; ')}}`;
    case 'ParamBlock': return `param${n.attributes.map(show).join('')}(${list(n.parameters)})`;
    case 'ParameterDeclaration': return `${n.attributes.map(show).join('')}${show(n.variable)}${n.defaultValue ? '=' + show(n.defaultValue) : ''}`;
    case 'If': return `if ${n.clauses.map(show).join(' elseif ')}${n.elseBody ? ' else ' + show(n.elseBody) : ''}`;
    case 'IfClause': return `(${show(n.condition)}) ${show(n.body)}`;
    case 'Foreach': return `foreach${n.parallel ? '-parallel' : ''}(${show(n.variable)} in ${show(n.iterable)}) ${show(n.body)}`;
    case 'For': return `for(${show(n.initializer)}; ${show(n.condition)}; ${show(n.iterator)}) ${show(n.body)}`;
    case 'While': return `while(${show(n.condition)}) ${show(n.body)}`;
    case 'DoWhile': return `do ${show(n.body)} while(${show(n.condition)})`;
    case 'DoUntil': return `do ${show(n.body)} until(${show(n.condition)})`;
    case 'Try': return `try ${show(n.body)}${n.catches.map((c) => ' ' + show(c)).join('')}${n.finallyBody ? ' finally ' + show(n.finallyBody) : ''}`;
    case 'CatchClause': return `catch${n.types.map(show).join(',')} ${show(n.body)}`;
    case 'Trap': return `trap${n.types.map(show).join(',')} ${show(n.body)}`;
    case 'Switch': {
      const head = `switch${n.options.map((o) => '-' + o).join('')}${n.file ? ' ' + show(n.file) : ''}${n.subject ? `(${show(n.subject)})` : ''}`;
      return `${head} {${[...n.clauses.map(show), ...(n.defaultBody ? [`default ${show(n.defaultBody)}`] : [])].join('; ')}}`;
    }
    case 'SwitchClause': return `${show(n.condition)} ${show(n.body)}`;
    case 'FunctionDefinition': return `${n.keyword} ${n.name}(${list(n.parameters)}) ${show(n.body)}`;
    case 'NamedBlock': return `${n.name} ${show(n.body)}`;
    case 'Throw': case 'Return': case 'Exit': return `${n.type.toLowerCase()}${n.value ? ' ' + show(n.value) : ''}`;
    case 'Break': case 'Continue': return `${n.type.toLowerCase()}${n.label ? ' ' + show(n.label) : ''}`;
    case 'ErrorStatement': return `ERR<${n.text}>`;
    case 'ErrorExpression': return 'ERR';
  }
}

/** Parses and renders; throws when the parse recovered from errors, unless `allowErrors`. */
export function render(text: string, allowErrors = false): string {
  const r = parsePowerShell(text);
  if (!allowErrors && r.errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return show(r.script);
}
