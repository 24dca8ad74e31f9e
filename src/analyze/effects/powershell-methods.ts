// .NET method calls used as statements: WebClient downloads, [Environment]::SetEnvironmentVariable,
// [IO.Compression.ZipFile]::ExtractToDirectory, [IO.File]/[IO.Directory] writes. A method whose
// result is used is assumed pure unless it is one of these; one whose result is thrown away is
// called for what it does, so an unknown one is reported as unknown.

import type { Expression, InvokeMember } from '../../../grammar/powershell/ast.ts';
import { envEffect, envSet, targetScope } from './powershell-env.ts';
import { normalType } from './powershell-dotnet.ts';
import { markWaited } from './powershell-support.ts';
import type { W } from './powershell-support.ts';
import { toText } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { Verdict } from './powershell-verdicts.ts';
import type { DownloadEffect, Effect, ExtractEffect, FileEffect, PrintEffect } from './types.ts';

/** Types whose static methods only compute values. */
const PURE_TYPES = /^(?:io\.path|string|convert|text\.encoding|math|version|uri|regex|text\.regularexpressions\.regex|guid|datetime|timespan|bitconverter|char|int32|int64|double|boolean|environment|io\.file|io\.directory|management\.automation\.wildcardpattern|security\.principal\.windowsidentity|net\.dns)$/;
const MEMORY_METHODS = /^(?:dispose|close|wait|flush|add|addrange|remove|removeat|clear|insert|append|appendline|appendformat|setaccessrule|addaccessrule|removeaccessrule|setaccessruleprotection|setowner|setauditrule|setvalue|refresh|reset|push|pop|enqueue|dequeue|waitall|getawaiter|getresult|configureawait)$/;
const STRING_METHODS = /^(?:tostring|tolower|toupper|tolowerinvariant|toupperinvariant|trim|trimstart|trimend|replace|substring|split|contains|startswith|endswith|indexof|padleft|padright|equals|gettype|getenumerator|getvalue|getfiles|getdirectories|getproperty|getmethod)$/;

function session(w: W, e: InvokeMember, command: string, v: Verdict): Effect {
  return { kind: 'session', ...w.base(e, command, v), setting: 'other' };
}

function download(w: W, e: InvokeMember, command: string, url: Expression, output?: Expression): Effect {
  const d: DownloadEffect = { kind: 'download', ...w.base(e, command, verdict(output ? 'download' : 'downloadToMemory')), url: w.value(url) };
  if (output) d.output = w.value(output);
  return d;
}

function file(w: W, e: InvokeMember, command: string, op: FileEffect['op'], args: readonly Expression[], extra: Partial<FileEffect> = {}): Effect {
  const paths = args.map((a) => w.value(a));
  const known = paths.every((p) => p.text !== undefined);
  return { kind: 'file', ...w.base(e, command, verdict(known ? 'file' : 'fileUnknownPath')), op, paths, ...extra };
}

function staticCall(w: W, e: InvokeMember, type: string, method: string, command: string, valuePos: boolean): Effect[] {
  const [a0, a1, a2] = e.arguments;
  if (type === 'environment' && method === 'setenvironmentvariable' && a0) {
    const name = w.value(a0);
    const scope = targetScope(a2 ? w.text(a2) : undefined, a2 !== undefined) ?? 'machine';
    return [envEffect(w, e, command, envSet(w, e, name, a1, scope, name.text))];
  }
  if (type === 'environment' && method === 'exit') return [];
  if (type === 'io.compression.zipfile' && method === 'extracttodirectory' && a0) {
    const x: ExtractEffect = { kind: 'extract', ...w.base(e, command, verdict('extract')), archive: w.value(a0), format: 'zip' };
    if (a1) x.destination = w.value(a1);
    return [x];
  }
  if (type === 'io.compression.zipfile' && method === 'createfromdirectory' && a1) return [file(w, e, command, 'write', [a1])];
  if (type === 'io.file' || type === 'io.directory') {
    if (/^(?:write|append)all(?:text|lines|bytes)$|^create(?:text)?$/.test(method) && a0) {
      const extra: Partial<FileEffect> = method.startsWith('append') ? { append: true } : {};
      if (a1 && !method.startsWith('create')) extra.content = w.value(a1);
      return [file(w, e, command, 'write', [a0], extra)];
    }
    if (method === 'createdirectory' && a0) return [file(w, e, command, 'mkdir', [a0])];
    if ((method === 'copy' || method === 'move') && a0 && a1) return [file(w, e, command, method, [a0], { destination: w.value(a1) })];
    if (method === 'delete' && a0) return [file(w, e, command, 'remove', [a0])];
  }
  if ((type === 'io.filestream' || type === 'io.streamwriter') && method === 'new' && a0) {
    // A FileStream opened to create or append (a hand-written download or writer) writes the file.
    const mode = (a1 ? w.text(a1) : type === 'io.streamwriter' ? 'Create' : undefined) ?? '';
    if (/^(?:create|createnew|append|openorcreate|truncate|true|false)$/i.test(mode)) return [file(w, e, command, 'write', [a0], /^(?:append|true)$/i.test(mode) ? { append: true } : {})];
  }
  if (type === 'reflection.assembly' || type === 'appdomain') return [session(w, e, command, verdict('session'))];
  if (type === 'console' && /^write(?:line)?$/.test(method)) {
    const p: PrintEffect = { kind: 'print', ...w.base(e, command, verdict('print')) };
    if (a0) p.text = w.value(a0);
    return [p];
  }
  if (valuePos) return [];
  if (method === 'new') return [session(w, e, command, verdict('memory'))];
  if (PURE_TYPES.test(type)) return [{ kind: 'print', ...w.base(e, command, verdict('print')) }];
  return [{ kind: 'unknown', ...w.base(e, command, verdict('unknownMethod')) }];
}

function instanceCall(w: W, e: InvokeMember, method: string, command: string, valuePos: boolean): Effect[] {
  const [a0, a1] = e.arguments;
  if (/^downloadfile(?:async|taskasync)?$/.test(method) && a0) return [download(w, e, command, a0, a1)];
  if (/^(?:downloadstring|downloaddata|openread)(?:async|taskasync)?$/.test(method) && a0) return [download(w, e, command, a0)];
  if (/^get(?:async|streamasync|bytearrayasync|stringasync)$/.test(method) && a0) return [download(w, e, command, a0)];
  if ((method === 'foreach' || method === 'where') && a0?.type === 'ScriptBlock') {
    w.forEachItem(w.eval(e.object), ['_', 'PSItem'], a0.statements, method === 'where' || valuePos);
    return [];
  }
  if (method === 'save' && a0 && e.arguments.length === 1) return [file(w, e, command, 'write', [a0])];
  if (method === 'waitforexit') {
    markWaited(w.eval(e.object));
    return [];
  }
  if (method === 'commitchanges') return [{ kind: 'service', ...w.base(e, command, verdict('iis')), action: 'configure' }];
  if (method === 'extracttodirectory' && a0) {
    return [{ kind: 'extract', ...w.base(e, command, verdict('extract')), archive: w.valueAt(e.object, undefined), destination: w.value(a0), format: 'zip' }];
  }
  if (MEMORY_METHODS.test(method)) return valuePos ? [] : [session(w, e, command, verdict('memory'))];
  if (valuePos) return [];
  if (STRING_METHODS.test(method)) return [{ kind: 'print', ...w.base(e, command, verdict('print')) }];
  return [{ kind: 'unknown', ...w.base(e, command, verdict('unknownMethod')) }];
}

/** Effects of a method call expression; undefined when `e` is not one. */
export function methodCall(w: W, e: Expression, valuePos: boolean): Effect[] | undefined {
  if (e.type !== 'InvokeMember') return undefined;
  if (!e.static) w.walkValue(e.object);
  for (const a of e.arguments) w.walkValue(a);
  const method = (toText(w.eval(e.member)) ?? '').toLowerCase();
  const command = w.ctx.text.slice(e.start, e.member.end);
  if (e.static && e.object.type === 'TypeLiteral') return staticCall(w, e, normalType(e.object.typeName), method, command, valuePos);
  return instanceCall(w, e, method, command, valuePos);
}
