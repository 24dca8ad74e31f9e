// Cmdlets whose output the evaluator can compute without running them (Join-Path, Split-Path,
// New-Object, Select-Object -ExpandProperty...), and Get-FileHash as a symbolic object so that
// a later comparison of its hash is recognised as a verification.

import type { Command, Expression } from '../../../grammar/powershell/ast.ts';
import { argOf, bind, hasSwitch, lookupCmdlet } from './powershell-cmdlets.ts';
import { directoryName, fileName, normalType } from './powershell-dotnet.ts';
import type { PsEvaluator, PsScope } from './ps-eval.ts';
import { member } from './ps-eval.ts';
import { toText, UNKNOWN } from './powershell-values.ts';
import type { PsValue } from './powershell-values.ts';

/** What a Get-FileHash result remembers, so a comparison of its `.Hash` can become a VerifyEffect. */
export interface FileHashRef {
  command: Command;
  /** The file argument; absent when the file comes through the pipeline. */
  path?: Expression;
  /** Its value where Get-FileHash ran (the variables in it may change later). */
  pathValue: PsValue;
  algorithm: string;
}

const str = (value: string): PsValue => ({ kind: 'string', value });

export function fileHashValue(ref: FileHashRef): PsValue {
  const hash: PsValue = { kind: 'object', type: 'filehash.hash', ref };
  const props = new Map<string, PsValue>([['hash', hash], ['algorithm', str(ref.algorithm)], ['path', ref.pathValue]]);
  return { kind: 'object', type: 'filehash', props, ref };
}

export function fileHashRef(v: PsValue): FileHashRef | undefined {
  return v.kind === 'object' && v.type === 'filehash.hash' ? (v.ref as FileHashRef) : undefined;
}

function joinPath(base: string, child: string): string {
  if (base === '') return child;
  return `${base.replace(/[\\/]+$/, '')}\\${child.replace(/^[\\/]+/, '')}`;
}

function each(v: PsValue, f: (item: PsValue) => PsValue): PsValue {
  if (v.kind !== 'array') return f(v);
  const items = v.items.map(f);
  return items.some((i) => i.kind === 'unknown') ? UNKNOWN : { kind: 'array', items };
}

export function pureCommand(cmd: Command, input: PsValue | undefined, scope: PsScope, ev: PsEvaluator): PsValue | undefined {
  if (cmd.invocation !== 'none' || cmd.nameText === undefined) return undefined;
  const spec = lookupCmdlet(cmd.nameText, 'powershell');
  if (!spec) return undefined;
  const b = bind(cmd, spec);
  if (b.splat) return undefined;
  const val = (...names: string[]): PsValue => {
    const e = argOf(b, ...names);
    return e ? ev.expression(e, scope) : UNKNOWN;
  };
  switch (spec.name) {
    case 'Join-Path': {
      if (hasSwitch(b, 'resolve')) return UNKNOWN;
      const children = [argOf(b, 'childpath'), argOf(b, 'additionalchildpath'), ...b.rest].filter((e): e is Expression => e !== undefined);
      const parts = children.map((e) => toText(ev.expression(e, scope)));
      if (parts.some((p) => p === undefined)) return UNKNOWN;
      return each(input && !argOf(b, 'path') ? input : val('path'), (base) => {
        const t = toText(base);
        return t === undefined ? UNKNOWN : str((parts as string[]).reduce(joinPath, t));
      });
    }
    case 'Split-Path': {
      if (hasSwitch(b, 'resolve') || hasSwitch(b, 'isabsolute')) return UNKNOWN;
      return each(val('path', 'literalpath'), (p) => {
        const t = toText(p);
        if (t === undefined) return UNKNOWN;
        if (hasSwitch(b, 'leaf')) return str(fileName(t));
        if (hasSwitch(b, 'qualifier')) return /^[A-Za-z]:/.test(t) ? str(t.slice(0, 2)) : UNKNOWN;
        if (hasSwitch(b, 'noqualifier')) return str(t.replace(/^[A-Za-z]:/, ''));
        if (hasSwitch(b, 'extension') || hasSwitch(b, 'leafbase')) return UNKNOWN;
        return str(directoryName(t) ?? '');
      });
    }
    case 'New-Object': {
      const type = toText(val('typename'));
      if (type !== undefined) return { kind: 'object', type: normalType(type) };
      const com = toText(val('comobject'));
      return com === undefined ? UNKNOWN : { kind: 'object', type: `com:${com.toLowerCase()}` };
    }
    case 'Get-FileHash': {
      const path = argOf(b, 'path', 'literalpath');
      const algorithm = toText(val('algorithm'));
      const ref: FileHashRef = { command: cmd, pathValue: path ? ev.expression(path, scope) : UNKNOWN, algorithm: (argOf(b, 'algorithm') ? algorithm : 'SHA256')?.toUpperCase() ?? '?' };
      if (path) ref.path = path;
      return fileHashValue(ref);
    }
    case 'Write-Output': {
      if (!/^(?:write-output|echo|write)$/i.test(cmd.nameText)) return { kind: 'null' };
      const args = [argOf(b, 'inputobject'), ...b.rest].filter((e): e is Expression => e !== undefined);
      if (args.length === 0) return input;
      const values = args.map((e) => ev.expression(e, scope));
      return values.length === 1 ? (values[0] as PsValue) : { kind: 'array', items: values };
    }
    case 'Select-Object': {
      if (!input) return undefined;
      const prop = toText(val('expandproperty'));
      if (prop !== undefined) return each(input, (item) => member(item, prop));
      const first = val('first');
      if (first.kind === 'number' && b.named.size === 1) return input.kind === 'array' ? { kind: 'array', items: input.items.slice(0, first.value) } : input;
      return undefined;
    }
    case 'ForEach-Object': {
      if (!input) return undefined;
      const body = argOf(b, 'process', 'membername');
      if (!body) return undefined;
      if (body.type !== 'ScriptBlock') {
        const name = toText(ev.expression(body, scope));
        return name === undefined ? UNKNOWN : each(input, (item) => member(item, name));
      }
      if (body.statements.length !== 1) return undefined;
      return each(input, (item) => {
        const inner = scope.child();
        inner.set('_', item);
        inner.set('PSItem', item);
        return ev.statement(body.statements[0]!, inner);
      });
    }
    case 'Out-Null':
    case 'Write-Host':
      return { kind: 'null' };
    default:
      return undefined;
  }
}
