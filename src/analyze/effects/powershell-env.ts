// Environment variables set by PowerShell: `$env:X = ...`, [Environment]::SetEnvironmentVariable,
// the `env:` provider and the registry keys Windows builds the environment from.

import type { Expression, NodeBase } from '../../../grammar/powershell/ast.ts';
import { PATH_MARK } from './powershell-support.ts';
import type { W } from './powershell-support.ts';
import { toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { EnvEffect, Value } from './types.ts';

export interface EnvSet {
  name: Value;
  value: Value;
  /** The new value as evaluated (it may carry the PATH marker, which `value.text` never does). */
  raw: PsValue;
  scope: EnvEffect['scope'];
  /** The variable name when `name.text` is not it (e.g. a registry value name). */
  varName?: string | undefined;
}

/**
 * Directories a new PATH adds around the old one; undefined when the new value does not contain
 * the old one (a full replacement) or is not static.
 */
export function pathAdditions(next: string | undefined, old: string | undefined): string[] | undefined {
  if (next === undefined || old === undefined || old === '') return undefined;
  const at = next.indexOf(old);
  if (at < 0) return undefined;
  const rest = `${next.slice(0, at)};${next.slice(at + old.length)}`;
  if (rest.includes('\uE000')) return undefined;
  const oldEntries = new Set(old.toLowerCase().split(';'));
  return rest.split(';').map((p) => p.trim()).filter((p) => p !== '' && !oldEntries.has(p.toLowerCase()));
}

export function envEffect(w: W, node: NodeBase, command: string, set: EnvSet): EnvEffect {
  const rawText = toText(set.raw);
  const persistent = set.scope !== 'process';
  const e: EnvEffect = { kind: 'env', ...w.base(node, command, verdict(persistent ? 'envPersistent' : 'envProcess')), name: set.name, value: set.value, scope: set.scope };
  const varName = set.varName ?? set.name.text;
  if (varName?.toLowerCase() === 'path') {
    // Machine and user PATH are compared with the PATH the RUN started with, not this process's.
    const old = persistent ? w.scope.initialEnv('PATH') : toText(w.scope.getEnv('PATH'));
    const additions = pathAdditions(rawText, old);
    if (additions) e.pathAdditions = additions;
  }
  // Only the process block changes this RUN's environment; machine/user values reach new processes.
  if (set.scope === 'process' && varName !== undefined) w.scope.setEnv(varName, rawText === undefined ? UNKNOWN : set.raw);
  return e;
}

/** An EnvSet for a value given as an expression (or nothing: the variable is removed). */
export function envSet(w: W, node: NodeBase, name: Value, valueExpr: Expression | undefined, scope: EnvEffect['scope'], varName?: string): EnvSet {
  const raw: PsValue = valueExpr ? w.eval(valueExpr) : { kind: 'string', value: '' };
  const value = valueExpr ? w.value(valueExpr) : w.valueAt(node, '');
  return { name, value, raw, scope, varName };
}

/** `'Machine'`, `[EnvironmentVariableTarget]::User`, `2`: the target of SetEnvironmentVariable. */
export function targetScope(text: string | undefined, given: boolean): EnvEffect['scope'] | undefined {
  if (!given) return 'process';
  switch (text?.toLowerCase()) {
    case 'machine':
    case '2':
      return 'machine';
    case 'user':
    case '1':
      return 'user';
    case 'process':
    case '0':
      return 'process';
    default:
      return undefined;
  }
}

export { PATH_MARK };
