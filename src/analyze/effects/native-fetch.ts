// Downloads, checksums and archives: the steps a Linux stage (or crane prepare step) can take over.
import { basename, known, parseOptions, part, show, str, urlBasename } from './native-args.ts';
import type { ParsedArgs } from './native-args.ts';
import { fields, fetchVerdict, runEffect, smokeTest, translate, windowsOnly } from './native-make.ts';
import type { Handler } from './native-make.ts';
import type { NativeCall } from './native.ts';
import type { DownloadEffect, Effect, ExtractEffect, FileEffect, RegistryEffect, Value, VerifyEffect } from './types.ts';

const URL = /^(?:https?|ftp):\/\//i;

function download(call: NativeCall, url: Value, output: Value | undefined, notes: string[]): DownloadEffect {
  const to = output ? ` to ${show(output)}` : ' (to standard output)';
  const why = known(url) ? '' : '; the URL depends on a value winfile cannot resolve';
  const reason = [`downloads ${show(url)}${to}; a Linux stage can fetch it the same way (or ADD it with --checksum)${why}`, ...notes].join('; ');
  const e: DownloadEffect = { kind: 'download', ...fields(call, fetchVerdict(reason)), url };
  if (output) e.output = output;
  return e;
}

export const curl: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const urls = [...p.positionals, ...p.all('url')];
  if (urls.length === 0) return null;
  if (p.has('upload-file', 'data', 'form')) {
    return [runEffect(call, windowsOnly(`${call.name.source} sends data to a server; winfile does not treat it as a download`))];
  }
  // Each -o/-O applies to the next URL without one, in order.
  const outputs = p.opts.filter((o) => o.key === 'output' || o.key === 'remote-name');
  const dir = p.get('output-dir');
  const notes: string[] = [];
  if (!p.has('fail')) notes.push('Without -f/--fail an HTTP error page is saved as the file and the build goes on');
  if (!p.has('location')) notes.push('Without -L/--location curl saves a redirect response instead of following it');
  return urls.map((url, i) => {
    const o = outputs[i];
    let output = o?.key === 'output' ? o.value : o?.key === 'remote-name' ? urlBasename(url) : undefined;
    if (output && str(output) === '-') output = undefined;
    return download(call, url, output, output && dir ? [`saved under ${show(dir)}`, ...notes] : notes);
  });
};

export const wget: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const urls = p.positionals.filter((a) => URL.test(str(a)));
  if (urls.length === 0) return null;
  const doc = p.get('output-document');
  const prefix = p.get('directory-prefix');
  const notes = prefix ? [`saved under ${show(prefix)}`] : [];
  return urls.map((url) => download(call, url, doc && str(doc) !== '-' ? doc : urlBasename(url), notes));
};

export const certutil: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [a, b, c] = p.positionals;
  if (p.has('urlcache') && a && URL.test(str(a))) {
    const notes = ['certutil -urlcache is often blocked by antivirus as a download tool; curl.exe is the usual choice'];
    return [download(call, a, b ?? urlBasename(a), notes)];
  }
  if (p.has('hashfile') && a) {
    const algorithm = (b ? str(b) : 'SHA1').toUpperCase();
    const reason = `computes the ${algorithm} hash of ${show(a)} and prints it; on its own certutil compares nothing, so nothing is verified unless the script checks the output`;
    const e: VerifyEffect = { kind: 'verify', ...fields(call, fetchVerdict(reason)), algorithm, file: a, onMismatch: 'none' };
    return [e];
  }
  if ((p.has('decode') || p.has('decodehex') || p.has('encode')) && a && b) {
    const reason = `${p.has('encode') ? 'encodes' : 'decodes'} ${show(a)} into ${show(b)} (base64); base64 on Linux does the same`;
    const e: FileEffect = { kind: 'file', ...fields(call, fetchVerdict(reason)), op: 'write', paths: [b], content: a };
    return [e];
  }
  if (p.has('addstore', 'delstore', 'importpfx')) {
    const deleting = p.has('delstore');
    const store = a;
    const file = b ?? a;
    const reason = `${deleting ? 'removes a certificate from' : 'adds certificates to'} the ${p.has('user') ? 'user' : 'machine'} store ${show(store)}; Windows keeps certificate stores in the registry`;
    const e: RegistryEffect = { kind: 'registry', ...fields(call, windowsOnly(reason)), action: deleting ? 'delete' : 'import' };
    if (store) e.key = store;
    if (file && file !== store) e.data = file;
    if (c) e.data = c;
    return [e];
  }
  if (p.has('generatesstfromwu')) {
    return [runEffect(call, windowsOnly('certutil -generateSSTFromWU fetches the trusted root certificates from Windows Update into a store file'))];
  }
  return [smokeTest(call, `${call.name.source} only inspects certificates or files here`)];
};

export const bitsadmin: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  if (!p.has('transfer')) return [runEffect(call, windowsOnly('bitsadmin manages Background Intelligent Transfer Service jobs'))];
  // /transfer <job> [options] <url> <file> [<url> <file> ...]
  const [, ...pairs] = p.positionals;
  const out: Effect[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    out.push(download(call, pairs[i] as Value, pairs[i + 1], ['bitsadmin is deprecated and needs the BITS service; curl.exe does the same']));
  }
  return out.length > 0 ? out : null;
};

function formatOf(archive: string, hint?: ExtractEffect['format']): ExtractEffect['format'] {
  const a = archive.toLowerCase();
  if (/\.(zip|nupkg|jar|war|vsix|whl)$/.test(a)) return 'zip';
  if (/\.(tar|tgz|tbz2?|txz)$|\.tar\.(gz|bz2|xz|zst)$/.test(a)) return 'tar';
  if (/\.7z$/.test(a)) return '7z';
  if (/\.(cab|msu)$/.test(a)) return 'cab';
  return hint ?? 'unknown';
}

function extract(call: NativeCall, archive: Value, destination: Value | undefined, format: ExtractEffect['format'], tool: string, notes: string[] = []): ExtractEffect {
  const into = destination ? ` into ${show(destination)}` : ' into the working directory';
  const reason = [`unpacks ${show(archive)}${into}; ${tool} in a Linux stage does the same`, ...notes].join('; ');
  const e: ExtractEffect = { kind: 'extract', ...fields(call, fetchVerdict(reason)), archive, format };
  if (destination) e.destination = destination;
  return e;
}

export const tar: Handler = (call, spec) => {
  const args = [...call.args];
  // Old style `tar xzf file`: the first argument is a bundle without the dash.
  const first = args[0];
  const old = first && /^[xctru][a-zA-Z]*$/.test(str(first)) ? first : undefined;
  const p = parseOptions(old ? args.slice(1) : args, spec.grammar ?? { style: 'posix' });
  const letters = old ? str(old) : '';
  const has = (k: string, c: string) => p.has(k) || letters.includes(c);
  const file = p.get('file') ?? (letters.includes('f') ? p.positionals.shift() : undefined);
  if (has('list', 't')) return [smokeTest(call, `${call.name.source} only lists the archive`)];
  if (has('create', 'c')) {
    if (!file) return null;
    const reason = `packs ${p.positionals.map(show).join(', ') || 'files'} into ${show(file)}; tar in a Linux stage does the same`;
    const e: FileEffect = { kind: 'file', ...fields(call, fetchVerdict(reason)), op: 'write', paths: [file] };
    return [e];
  }
  if (!has('extract', 'x') || !file) return null;
  const hint = has('gzip', 'z') || p.has('bzip2', 'xz') || letters.includes('j') || letters.includes('J') ? 'tar' : undefined;
  const format = formatOf(str(file), hint);
  const notes = format === 'zip' ? ["Windows' tar.exe is bsdtar and reads zip files; GNU tar on Linux does not, so use unzip or bsdtar there"] : [];
  return [extract(call, file, p.get('directory'), format, format === 'zip' ? 'bsdtar or unzip' : 'tar', notes)];
};

export const sevenZip: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'glued' });
  const [verb, archive] = p.positionals;
  const v = str(verb).toLowerCase();
  if (v === 'l' || v === 't' || v === 'i' || v === 'h') return [smokeTest(call, `${call.name.source} ${v} only lists or tests`)];
  if (v === 'a' || v === 'u' || v === 'd' || v === 'rn') {
    if (!archive) return null;
    const e: FileEffect = { kind: 'file', ...fields(call, fetchVerdict(`updates the archive ${show(archive)}; 7-Zip in a Linux stage does the same`)), op: 'write', paths: [archive] };
    return [e];
  }
  if ((v !== 'x' && v !== 'e') || !archive) return null;
  const notes = v === 'e' ? ['7z e drops the directory structure (x keeps it)'] : [];
  if (/\.tar\.\w+$/i.test(str(archive))) notes.push('7-Zip unpacks one layer: a .tar.gz gives a .tar');
  return [extract(call, archive, p.get('output'), formatOf(str(archive), '7z'), '7-Zip (7zz) or bsdtar', notes)];
};

export const expand: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'word' });
  const [source, destination] = p.positionals;
  if (!source || p.has('display')) return null;
  const files = p.get('f');
  const notes = files ? [`only the files matching ${show(files)}`] : [];
  return [extract(call, source, destination, 'cab', 'cabextract', notes)];
};

export const unzip: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  if (p.has('list', 'test')) return [smokeTest(call, `${call.name.source} only lists or tests the archive`)];
  const archive = p.positionals[0];
  if (!archive) return null;
  return [extract(call, archive, p.get('exdir'), 'zip', 'unzip')];
};

function gitTarget(url: Value): Value | undefined {
  const s = str(url).replace(/[/\\]+$/, '');
  const name = basename(s.replace(/^.*:(?=[^/\\]*$)/, '/'));
  if (name === '') return undefined;
  const from = s.length - name.length;
  return part(url, from, name.toLowerCase().endsWith('.git') ? s.length - 4 : s.length);
}

export const git: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  const [verb, ...rest] = p.positionals;
  const v = str(verb).toLowerCase();
  if (v === 'clone') return gitClone(call, p, rest);
  if (v === 'config') {
    return [runEffect(call, translate('git config sets options for later git commands; keep it in the stage that runs them (in the image it lives in .gitconfig)', 'linux-stage', 'dependency-image'))];
  }
  if (['checkout', 'fetch', 'pull', 'submodule', 'reset', 'switch', 'apply', 'am', 'cherry-pick', 'merge', 'lfs', 'init', 'clean', 'gc', 'archive', 'worktree'].includes(v)) {
    return [runEffect(call, translate(`git ${v} works on a repository; it can run in the Linux stage that clones it`))];
  }
  return null;
};

function gitClone(call: NativeCall, p: ParsedArgs, rest: Value[]): Effect[] | null {
  const [url, dir] = rest;
  if (!url) return null;
  const notes = [
    'git is the same on Linux, but Git for Windows checks files out with CRLF line endings (core.autocrlf=true): clone with -c core.autocrlf=true if the files must match',
  ];
  const branch = p.get('branch');
  if (!branch) notes.push('without --branch at a tag the clone takes whatever the default branch holds at build time');
  if (p.has('recursive', 'recurse-submodules')) notes.push('submodules are cloned too');
  return [download(call, url, dir ?? gitTarget(url), notes)];
}

/** gpg --verify checks a signature; key imports prepare it. */
export const gpg: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  if (p.has('verify') || call.program === 'gpgv') {
    const [signature, data] = p.positionals;
    const file = data ?? signature;
    const consequence = call.language === 'powershell'
      ? 'PowerShell does not stop when gpg fails unless the script checks $LASTEXITCODE'
      : 'gpg fails on a bad signature, which stops the RUN when nothing after it ignores the failure';
    const reason = `checks the OpenPGP signature ${show(signature)}${data ? ` of ${show(data)}` : ''}; gpg does the same in a Linux stage; ${consequence}`;
    const e: VerifyEffect = { kind: 'verify', ...fields(call, fetchVerdict(reason)), algorithm: 'openpgp', onMismatch: call.language === 'cmd' ? 'exit' : 'none' };
    if (file) e.file = file;
    if (data && signature) e.expected = signature;
    return [e];
  }
  const signed = p.positionals[0];
  if (p.has('decrypt') && signed) {
    const out = p.get('output');
    const reason = `checks the signature of ${show(signed)}${out ? ` and writes its content to ${show(out)}` : ''}; gpg does the same in a Linux stage`;
    const e: VerifyEffect = { kind: 'verify', ...fields(call, fetchVerdict(reason)), algorithm: 'openpgp', file: signed, onMismatch: call.language === 'cmd' ? 'exit' : 'none' };
    return [e];
  }
  if (p.has('recv-keys', 'import', 'keyserver')) {
    return [runEffect(call, { portability: 'translate', destinations: ['linux-stage', 'crane-prepare'], reason: 'imports OpenPGP keys for a later gpg --verify; keep it with the verification' })];
  }
  if (p.has('list-keys', 'fingerprint')) return [smokeTest(call, 'gpg only lists keys here')];
  return null;
};

/** innoextract unpacks Inno Setup installers without running them, on Linux too. */
export const innoextract: Handler = (call, spec) => {
  const p = parseOptions(call.args, spec.grammar ?? { style: 'posix' });
  if (p.has('list', 'test')) return [smokeTest(call, 'innoextract only lists or tests the installer')];
  const archive = p.positionals[0];
  return archive ? [extract(call, archive, p.get('output-dir'), 'unknown', 'innoextract')] : null;
};
