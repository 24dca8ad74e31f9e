// Cmdlets that download, unpack and change files, and the item cmdlets that reach the registry
// or the environment through their providers (`HKLM:\...`, `env:PATH`).

import type { Expression } from '../../../grammar/powershell/ast.ts';
import { argOf, bind, hasSwitch, lookupCmdlet } from './powershell-cmdlets.ts';
import { combinePath } from './powershell-dotnet.ts';
import { archiveFormat, envProviderName, environmentKeyScope, isIisPath, isRegistryPath } from './powershell-support.ts';
import type { CmdCall, Upstream, W } from './powershell-support.ts';
import { toText } from './powershell-values.ts';
import { verdict } from './powershell-verdicts.ts';
import type { Effect, EnvEffect, FileEffect, RegistryEffect, Value } from './types.ts';
import { envEffect, envSet } from './powershell-env.ts';

/** Paths a command receives through the pipeline (`Get-ChildItem C:\x -Filter *.pdb | Remove-Item`). */
function upstreamPaths(w: W, input: Upstream | undefined): Value[] {
  if (!input) return [];
  const node = input.node;
  if (node.type === 'Command' && node.nameText) {
    const spec = lookupCmdlet(node.nameText, w.ctx.host);
    if (spec && (spec.name === 'Get-ChildItem' || spec.name === 'Get-Item')) {
      const b = bind(node, spec);
      const path = w.text(argOf(b, 'path', 'literalpath')) ?? (argOf(b, 'path', 'literalpath') ? undefined : '.');
      let text = path;
      // Get-ChildItem P yields what P\<filter> names, unless other options narrow or widen it.
      if (spec.name === 'Get-ChildItem' && path !== undefined) {
        const narrowed = b.named.has('include') || b.named.has('exclude') || b.named.has('recurse') || b.named.has('directory') || b.named.has('file');
        const filter = argOf(b, 'filter') ? w.text(argOf(b, 'filter')) : '*';
        text = narrowed || filter === undefined ? undefined : combinePath([path, filter]);
      }
      return [w.valueAt(node, text)];
    }
  }
  return [w.valueAt(node, toText(input.value))];
}

function pathsOf(w: W, c: CmdCall, ...names: string[]): Value[] {
  const arg = argOf(c.b, ...names);
  return arg ? w.values(arg) : upstreamPaths(w, c.input);
}

function contentOf(w: W, c: CmdCall, ...names: string[]): Value | undefined {
  const arg = argOf(c.b, ...names);
  if (arg) return w.value(arg);
  return c.input ? w.valueAt(c.input.node, toText(c.input.value)) : undefined;
}

function fileEffect(w: W, c: CmdCall, op: FileEffect['op'], paths: Value[], extra: Partial<FileEffect> = {}): FileEffect {
  const known = paths.length > 0 && paths.every((p) => p.text !== undefined) && (!extra.destination || extra.destination.text !== undefined);
  return { kind: 'file', ...w.base(c.cmd, c.name, verdict(known ? 'file' : 'fileUnknownPath')), op, paths, ...extra };
}

function registry(w: W, c: CmdCall, action: RegistryEffect['action'], key: Value | undefined, name?: Expression, data?: Expression): RegistryEffect {
  const e: RegistryEffect = { kind: 'registry', ...w.base(c.cmd, c.name, verdict('registry')), action };
  if (key) e.key = key;
  if (name) e.name = w.value(name);
  if (data) e.data = w.value(data);
  return e;
}

function iis(w: W, c: CmdCall, path: Value | undefined): Effect {
  const e: Effect = { kind: 'service', ...w.base(c.cmd, c.name, verdict('iis')), action: 'configure' };
  if (path) e.name = path;
  return e;
}

/** New-Item/Set-Item/Remove-Item on `env:X`: the process environment. */
function envItem(w: W, c: CmdCall, path: Value, name: string, value: Expression | undefined): EnvEffect {
  return envEffect(w, c.cmd, c.name, envSet(w, c.cmd, { ...path, text: name }, value, 'process'));
}

/** Effects of the file, archive, download and item cmdlets; undefined for other kinds. */
export function fileCmdlet(w: W, c: CmdCall): Effect[] | undefined {
  const b = c.b;
  switch (b.spec.kind) {
    case 'download':
    case 'rest': {
      const url = argOf(b, 'uri');
      const out = argOf(b, 'outfile');
      const e: Effect = { kind: 'download', ...w.base(c.cmd, c.name, verdict(out ? 'download' : 'downloadToMemory')), url: url ? w.value(url) : w.valueAt(c.cmd, undefined) };
      if (out) e.output = w.value(out);
      return [e];
    }
    case 'bits': {
      const src = argOf(b, 'source');
      const dst = argOf(b, 'destination');
      const e: Effect = { kind: 'download', ...w.base(c.cmd, c.name, verdict('download')), url: src ? w.value(src) : w.valueAt(c.cmd, undefined) };
      if (dst) e.output = w.value(dst);
      return [e];
    }
    case 'expand-archive':
    case 'expand-7zip': {
      const archive = pathsOf(w, c, 'path', 'literalpath', 'archivefilename')[0] ?? w.valueAt(c.cmd, undefined);
      const dst = argOf(b, 'destinationpath', 'targetpath');
      const zipOnly = b.spec.kind === 'expand-archive';
      const format = zipOnly ? 'zip' : archiveFormat(archive.text, 'unknown') === 'unknown' ? '7z' : archiveFormat(archive.text);
      const e: Effect = { kind: 'extract', ...w.base(c.cmd, c.name, verdict('extract')), archive, format };
      if (dst) e.destination = w.value(dst);
      return [e];
    }
    case 'compress': {
      const dst = argOf(b, 'destinationpath');
      return [fileEffect(w, c, 'write', dst ? [w.value(dst)] : [], hasSwitch(b, 'update') ? { append: true } : {})];
    }
    case 'new-item':
    case 'mkdir':
      return [newItem(w, c)];
    case 'copy':
    case 'move': {
      const paths = pathsOf(w, c, 'path', 'literalpath');
      if (paths.some((p) => isRegistryPath(p.text))) return [registry(w, c, 'set', paths[0])];
      const dst = argOf(b, 'destination');
      return [fileEffect(w, c, b.spec.kind, paths, dst ? { destination: w.value(dst) } : {})];
    }
    case 'rename': {
      const paths = pathsOf(w, c, 'path', 'literalpath');
      const to = argOf(b, 'newname');
      if (paths.some((p) => isRegistryPath(p.text))) return [registry(w, c, 'set', paths[0])];
      return [fileEffect(w, c, 'rename', paths, to ? { destination: w.value(to) } : {})];
    }
    case 'remove': {
      const paths = pathsOf(w, c, 'path', 'literalpath');
      const env = envProviderName(paths[0]?.text);
      if (env !== undefined && paths[0]) return [envItem(w, c, paths[0], env, undefined)];
      if (paths.some((p) => isRegistryPath(p.text))) return [registry(w, c, 'delete', paths[0])];
      return [fileEffect(w, c, 'remove', paths)];
    }
    case 'set-content':
    case 'add-content':
    case 'out-file':
    case 'clear-content':
    case 'tee': {
      if (b.spec.kind === 'tee' && !argOf(b, 'filepath', 'literalpath')) return [];
      const paths = pathsOf(w, c, 'path', 'literalpath', 'filepath');
      const content = b.spec.kind === 'clear-content' ? undefined : contentOf(w, c, b.spec.kind === 'out-file' ? 'inputobject' : 'value');
      const append = b.spec.kind === 'add-content' || hasSwitch(b, 'append');
      const extra: Partial<FileEffect> = append ? { append } : {};
      if (content) extra.content = content;
      return [fileEffect(w, c, 'write', paths, extra)];
    }
    case 'set-item': {
      const paths = pathsOf(w, c, 'path', 'literalpath');
      const env = envProviderName(paths[0]?.text);
      if (env !== undefined && paths[0]) return [envItem(w, c, paths[0], env, argOf(b, 'value'))];
      if (isRegistryPath(paths[0]?.text)) return [registry(w, c, 'set', paths[0], undefined, argOf(b, 'value'))];
      if (isIisPath(paths[0]?.text)) return [iis(w, c, paths[0])];
      return undefined;
    }
    case 'location': {
      const path = argOf(b, 'path', 'literalpath');
      const e: Effect = { kind: 'session', ...w.base(c.cmd, c.name, verdict('location')), setting: 'location' };
      const text = path ? w.text(path) : undefined;
      if (text !== undefined) e.value = text;
      return [e];
    }
    case 'set-itemproperty':
    case 'new-itemproperty':
    case 'remove-itemproperty':
      return [itemProperty(w, c)];
    default:
      return undefined;
  }
}

function newItem(w: W, c: CmdCall): Effect {
  const b = c.b;
  const nameExpr = argOf(b, 'name');
  const name = nameExpr ? w.text(nameExpr) : undefined;
  let paths = pathsOf(w, c, 'path');
  if (nameExpr) {
    paths = paths.length === 0 ? [w.value(nameExpr)] : paths.map((p) => ({ ...p, text: p.text === undefined || name === undefined ? undefined : combinePath([p.text, name]) }));
  }
  const first = paths[0];
  const env = envProviderName(first?.text);
  if (env !== undefined && first) return envItem(w, c, first, env, argOf(b, 'value'));
  if (isRegistryPath(first?.text)) return registry(w, c, 'create-key', first);
  if (isIisPath(first?.text)) return iis(w, c, first);
  const type = b.spec.kind === 'mkdir' ? 'directory' : (w.text(argOf(b, 'itemtype')) ?? (b.named.has('itemtype') ? '?' : 'file')).toLowerCase();
  if (type.startsWith('d')) return fileEffect(w, c, 'mkdir', paths);
  if (/^(?:s|j|h)/.test(type)) {
    const target = argOf(b, 'target', 'value');
    return fileEffect(w, c, 'link', paths, target ? { destination: w.value(target) } : {});
  }
  const value = argOf(b, 'value');
  return fileEffect(w, c, 'write', paths, value ? { content: w.value(value) } : {});
}

function itemProperty(w: W, c: CmdCall): Effect {
  const b = c.b;
  const path = pathsOf(w, c, 'path', 'literalpath')[0];
  const name = argOf(b, 'name');
  const data = b.spec.kind === 'remove-itemproperty' ? undefined : argOf(b, 'value');
  const scope = environmentKeyScope(path?.text);
  const nameText = name ? w.text(name) : undefined;
  if (scope && name && b.spec.kind !== 'remove-itemproperty') {
    return envEffect(w, c.cmd, c.name, envSet(w, c.cmd, w.value(name), data, scope, nameText));
  }
  if (isIisPath(path?.text)) return iis(w, c, path);
  if (path && path.text !== undefined && !isRegistryPath(path.text) && /^(?:[A-Za-z]:|\.|\\)/.test(path.text)) {
    // File attributes (`Set-ItemProperty file -Name IsReadOnly -Value $false`).
    return fileEffect(w, c, 'write', [path]);
  }
  return registry(w, c, b.spec.kind === 'remove-itemproperty' ? 'delete' : 'set', path, name, data);
}

