// What the PowerShell effect handlers need from the walker, and small helpers they share.

import type { Command, Expression, NodeBase, Pipeline, PipelineElement, Statement } from '../../../grammar/powershell/ast.ts';
import { walk } from '../../../grammar/powershell/helpers.ts';
import { argOf, bind, lookupCmdlet } from './powershell-cmdlets.ts';
import type { Range } from '../../parse/source.ts';
import type { EffectContext } from './context.ts';
import type { Bound } from './powershell-cmdlets.ts';
import type { PsValue } from './powershell-values.ts';
import type { PsScope } from './ps-eval.ts';
import type { Effect, ScriptLanguage, SessionEffect, Value } from './types.ts';
import type { Verdict } from './powershell-verdicts.ts';

/**
 * `$env:PATH` when the Dockerfile does not set it: a marker the evaluator carries through string
 * operations, so that `$env:PATH + ';C:\x'` still shows what was added. Values never expose it.
 */
export const PATH_MARK = '\uE000PATH\uE000';

/** The element before a command in a pipeline, whose output the command receives. */
export interface Upstream {
  node: PipelineElement;
  value: PsValue;
}

export interface CmdCall {
  cmd: Command;
  /** The command name as written. */
  name: string;
  b: Bound;
  input?: Upstream;
  /** The output is used (assigned, compared, passed on), not printed. */
  valuePos: boolean;
}

export interface BaseFields {
  command: string;
  language: ScriptLanguage;
  range: Range;
}

/** The walker, as the handlers see it. */
export interface W {
  readonly ctx: EffectContext;
  scope: PsScope;
  eval(e: Expression): PsValue;
  /** A script value with its text resolved where static. */
  value(e: Expression): Value;
  /** Like `value`, with a static array spread into one Value per element. */
  values(e: Expression | undefined): Value[];
  text(e: Expression | undefined): string | undefined;
  /** A Value spanning several nodes (`Write-Host a b c`), with the given text. */
  span(nodes: readonly NodeBase[], text: string | undefined): Value;
  /** A Value for a node with a text computed by the caller. */
  valueAt(node: NodeBase, text: string | undefined): Value;
  base(node: NodeBase, command: string, v: Verdict): BaseFields & Verdict;
  /**
   * Runs statements as part of this script: in a child scope (`& { }`, functions, a nested
   * powershell) or the current one (`. { }`, ForEach-Object).
   */
  runBlock(list: readonly Statement[], scope: 'child' | 'same', valuePos: boolean): void;
  /**
   * Runs a loop body once per item with `names` bound to it: unrolled when the items are known
   * (up to a limit), else once with the variables unknown.
   */
  forEachItem(items: PsValue, names: readonly string[], body: readonly Statement[], valuePos: boolean): void;
  /** Runs the commands inside an expression (`(...)`, `$(...)`, `@(...)`), whose output is used. */
  walkValue(e: Expression): void;
}

export function resolved(text: string | undefined): string | undefined {
  return text !== undefined && text.includes('\uE000') ? undefined : text;
}

const REGISTRY = /^(?:(?:Microsoft\.PowerShell\.Core\\)?Registry::)?(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+)(?::|\\|$)/i;

export function isRegistryPath(p: string | undefined): boolean {
  return p !== undefined && REGISTRY.test(p);
}

/** The registry keys Windows builds the environment from: writing them sets a persistent variable. */
export function environmentKeyScope(p: string | undefined): 'machine' | 'user' | undefined {
  if (!p) return undefined;
  const key = p.replace(/^(?:Microsoft\.PowerShell\.Core\\)?Registry::/i, '').replace(/^HKEY_LOCAL_MACHINE/i, 'HKLM:').replace(/^HKEY_CURRENT_USER/i, 'HKCU:').replace(/^(HK\w\w?):?\\?/i, '$1:\\').replace(/\\+$/, '').toLowerCase();
  if (key === 'hklm:\\system\\currentcontrolset\\control\\session manager\\environment') return 'machine';
  if (key === 'hkcu:\\environment') return 'user';
  return undefined;
}

/** `env:PATH`, `Env:\PATH`: the environment provider. */
export function envProviderName(p: string | undefined): string | undefined {
  const m = p === undefined ? null : /^env:\\?(.*)$/i.exec(p);
  return m ? (m[1] as string) : undefined;
}

export function isIisPath(p: string | undefined): boolean {
  return p !== undefined && /^IIS:/i.test(p);
}

export function archiveFormat(p: string | undefined, fallback: 'zip' | 'unknown' = 'unknown'): 'zip' | 'tar' | '7z' | 'cab' | 'unknown' {
  if (!p) return fallback;
  const lower = p.toLowerCase();
  if (/\.(?:zip|nupkg|jar|vsix|whl)$/.test(lower)) return 'zip';
  if (/\.(?:tar|tar\.gz|tgz|tar\.bz2|tar\.xz|txz)$/.test(lower)) return 'tar';
  if (/\.7z$/.test(lower)) return '7z';
  if (/\.cab$/.test(lower)) return 'cab';
  return fallback;
}

/** Preference variables: assigning them changes how the rest of this RUN behaves, nothing else. */
export const SESSION_VARIABLES: Record<string, SessionEffect['setting']> = {
  erroractionpreference: 'error-action', progresspreference: 'progress', verbosepreference: 'other', debugpreference: 'other',
  warningpreference: 'other', informationpreference: 'other', confirmpreference: 'other', whatifpreference: 'other',
  psnativecommanduseerroractionpreference: 'other', psdefaultparametervalues: 'other', ofs: 'other', psmoduleautoloadingpreference: 'other',
  formatenumerationlimit: 'other', pssessionconfigurationname: 'other', maximumhistorycount: 'other',
};

/** The expression a statement consists of, when it is only that (`$x`, `(a -ne b)`). */
export function single(st: Statement | undefined): Expression | undefined {
  if (st?.type !== 'Pipeline' || st.elements.length !== 1) return undefined;
  const el = st.elements[0];
  return el?.type === 'CommandExpression' && el.redirections.length === 0 ? el.expression : undefined;
}

export function isNull(e: Expression): boolean {
  return e.type === 'Variable' && e.name.toLowerCase() === 'null';
}

const FORMATTERS = /^(?:format-table|ft|format-list|fl|format-wide|fw|out-string|out-host|out-default|select-object|select|sort-object|sort|where-object|where|\?)$/i;

export function isFormatter(el: Pipeline['elements'][number] | undefined): boolean {
  return el?.type === 'Command' && FORMATTERS.test(el.nameText ?? '');
}

export function isOutNull(el: Pipeline['elements'][number] | undefined): boolean {
  return el?.type === 'Command' && /^out-null$/i.test(el.nameText ?? '');
}

/** Values whose output shows in the build log (not `$null`, `[void]...`, `$i++`). */
export function printable(e: Expression): boolean {
  if (e.type === 'Cast' && /^void$/i.test(e.targetType.typeName)) return false;
  if (e.type === 'Unary' && (e.operator === '++' || e.operator === '--')) return false;
  if (isNull(e)) return false;
  return e.type !== 'ScriptBlock' && e.type !== 'ErrorExpression';
}

/** The URL a pipeline element downloads from (Invoke-WebRequest, Invoke-RestMethod, DownloadString). */
export function remoteUrl(node: NodeBase & { type: string }, host: 'powershell' | 'pwsh'): Expression | undefined {
  let url: Expression | undefined;
  walk(node as Statement, (n) => {
    if (url || n.type === 'ScriptBlock') return false;
    if (n.type === 'InvokeMember' && n.member.type === 'BareWord' && /^download(?:string|data)$/i.test(n.member.value)) {
      url = n.arguments[0];
      return false;
    }
    const spec = n.type === 'Command' && n.nameText ? lookupCmdlet(n.nameText, host) : undefined;
    if (n.type === 'Command' && (spec?.kind === 'download' || spec?.kind === 'rest')) {
      url = argOf(bind(n, spec), 'uri');
      return false;
    }
    return undefined;
  });
  return url;
}

/** Waiting for the process Start-Process -PassThru returned: its installer now waits. */
export function markWaited(v: PsValue | undefined): boolean {
  if (v?.kind !== 'object' || v.type !== 'process' || !Array.isArray(v.ref)) return false;
  for (const eff of v.ref as Effect[]) if (eff.kind === 'installer') eff.waits = true;
  return true;
}
