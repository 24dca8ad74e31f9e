// What winfile knows about external programs that Windows Dockerfiles run: one entry per program
// (all its spellings), the family whose handler turns a call into effects, and the option grammar
// the handler reads. Adding a program is usually one entry here; a new kind of behaviour needs a
// handler in a native-*.ts module.
import type { OptionGrammar } from './native-args.ts';
import type { Destination, Portability } from './types.ts';

export type Family =
  | 'curl' | 'wget' | 'certutil' | 'bitsadmin' | 'tar' | '7z' | 'expand' | 'unzip' | 'git'
  | 'msiexec' | 'wusa' | 'installer' | 'choco' | 'winget' | 'scoop' | 'pip' | 'gem' | 'nuget'
  | 'setx' | 'reg' | 'sc' | 'net' | 'icacls' | 'takeown' | 'dism'
  | 'dotnet' | 'msbuild' | 'go' | 'cargo' | 'npm' | 'yarn' | 'pnpm' | 'maven' | 'gradle'
  | 'gpg' | 'innoextract' | 'bundler'
  | 'interpreter' | 'xcopy' | 'robocopy' | 'coreutils' | 'timeout' | 'ping' | 'known';

/** A fixed classification for programs whose arguments do not change what winfile concludes. */
export interface KnownBehaviour {
  kind: 'run' | 'smoke-test' | 'session';
  portability: Portability;
  destinations: Destination[];
  /** `{program}` is replaced by the command as written. */
  reason: string;
}

export interface ProgramSpec {
  /** Lower-case names without directory and .exe/.com/.bat/.cmd. */
  names: readonly string[];
  family: Family;
  grammar?: OptionGrammar;
  /** First arguments (subcommands) that only inspect, such as `go version`: smoke tests. */
  smoke?: readonly string[];
  /** Family 'interpreter': the language, for reasons. */
  language?: string;
  /** Family 'known'. */
  behaviour?: KnownBehaviour;
}

const posix = (values: Record<string, string>, flags: Record<string, string> = {}, words?: Record<string, string>): OptionGrammar =>
  words ? { style: 'posix', values, flags, words } : { style: 'posix', values, flags };
const word = (values: Record<string, string>, flags: Record<string, string> = {}): OptionGrammar => ({ style: 'word', values, flags });

/** Option names mapped to themselves. */
const same = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

const windowsOnly = (reason: string, ...extra: Destination[]): KnownBehaviour => ({
  kind: 'run', portability: 'windows-only', destinations: ['dependency-image', ...extra], reason,
});
const check = (reason: string): KnownBehaviour => ({ kind: 'smoke-test', portability: 'portable', destinations: ['drop'], reason });

const CURL = posix(
  {
    o: 'output', output: 'output', 'output-dir': 'output-dir', url: 'url', H: 'header', header: 'header', d: 'data', data: 'data',
    'data-binary': 'data', 'data-raw': 'data', 'data-urlencode': 'data', F: 'form', form: 'form', X: 'request', request: 'request',
    u: 'user', user: 'user', A: 'user-agent', 'user-agent': 'user-agent', e: 'referer', referer: 'referer', m: 'max-time',
    'max-time': 'max-time', T: 'upload-file', 'upload-file': 'upload-file', x: 'proxy', proxy: 'proxy', K: 'config', config: 'config',
    C: 'continue-at', 'continue-at': 'continue-at', r: 'range', range: 'range', b: 'cookie', cookie: 'cookie', c: 'cookie-jar',
    'cookie-jar': 'cookie-jar', E: 'cert', cert: 'cert', w: 'write-out', 'write-out': 'write-out', Y: 'speed-limit', y: 'speed-time',
    z: 'time-cond', ...same('retry', 'retry-delay', 'retry-max-time', 'connect-timeout', 'cacert', 'capath', 'limit-rate', 'proto',
      'proto-default', 'proto-redir', 'resolve', 'interface', 'max-redirs', 'max-filesize', 'netrc-file', 'key', 'pass', 'ciphers',
      'tls-max', 'dns-servers', 'expect100-timeout', 'keepalive-time', 'oauth2-bearer', 'stderr', 'trace', 'trace-ascii'),
  },
  { O: 'remote-name', L: 'location', f: 'fail', s: 'silent', S: 'show-error', k: 'insecure', v: 'verbose', I: 'head', J: 'remote-header-name', '#': 'progress-bar' },
);

const TAR = posix(
  { f: 'file', file: 'file', C: 'directory', directory: 'directory', T: 'files-from', X: 'exclude-from', b: 'blocking', ...same('exclude', 'strip-components', 'format', 'options', 'include') },
  { x: 'extract', extract: 'extract', c: 'create', create: 'create', t: 'list', list: 'list', z: 'gzip', gzip: 'gzip', j: 'bzip2', J: 'xz', a: 'auto-compress', v: 'verbose', k: 'keep-old-files', u: 'update', r: 'append' },
);

const SEVEN_ZIP: OptionGrammar = {
  style: 'glued',
  values: { o: 'output', t: 'type', p: 'password', ao: 'overwrite', i: 'include', x: 'exclude', r: 'recurse', bs: 'stream', bb: 'log', m: 'method', w: 'workdir', v: 'volume', so: 'stdout', si: 'stdin' },
  flags: { y: 'yes', bd: 'no-progress', spf: 'full-paths', sdel: 'delete-after' },
};

const MSIEXEC: OptionGrammar = {
  ...word({ i: 'install', package: 'install', a: 'admin', x: 'uninstall', uninstall: 'uninstall', p: 'patch', update: 'patch', f: 'repair', j: 'advertise', log: 'log', t: 'transforms', g: 'language' }, { quiet: 'quiet', passive: 'passive', norestart: 'norestart', forcerestart: 'forcerestart', promptrestart: 'promptrestart' }),
  valuePattern: { re: /^l[iwearucmopvx+!*]*$/, key: 'log' },
};

const CHOCO = word(
  { version: 'version', params: 'params', 'package-parameters': 'params', packageparameters: 'params', ia: 'install-arguments', 'install-arguments': 'install-arguments', installargs: 'install-arguments', installarguments: 'install-arguments', s: 'source', source: 'source', 'cache-location': 'cache', 'execution-timeout': 'timeout', timeout: 'timeout', n: 'name', name: 'name', v: 'value', value: 'value', checksum: 'checksum', checksum64: 'checksum', checksumtype: 'checksumtype', u: 'user', p: 'password', log: 'log', 'log-file': 'log' },
  { y: 'yes', yes: 'yes', confirm: 'yes', 'accept-license': 'yes', f: 'force', force: 'force', 'no-progress': 'no-progress', 'ignore-checksums': 'ignore-checksums', 'allow-empty-checksums': 'ignore-checksums' },
);

const PIP = posix(
  { r: 'requirement', requirement: 'requirement', c: 'constraint', constraint: 'constraint', e: 'editable', editable: 'editable', t: 'target', target: 'target', i: 'index-url', 'index-url': 'index-url', f: 'find-links', 'find-links': 'find-links', w: 'wheel-dir', 'wheel-dir': 'wheel-dir', d: 'dest', dest: 'dest', C: 'config-settings', ...same('extra-index-url', 'trusted-host', 'prefix', 'root', 'platform', 'python-version', 'implementation', 'abi', 'only-binary', 'no-binary', 'progress-bar', 'timeout', 'retries', 'proxy', 'cert', 'client-cert', 'src', 'global-option', 'install-option', 'log', 'cache-dir', 'upgrade-strategy', 'config-settings', 'python', 'exists-action', 'report', 'root-user-action') },
  { U: 'upgrade', upgrade: 'upgrade', q: 'quiet', v: 'verbose', y: 'yes', I: 'ignore-installed' },
);

const DOTNET = word(
  { o: 'output', output: 'output', c: 'configuration', configuration: 'configuration', r: 'runtime', runtime: 'runtime', f: 'framework', framework: 'framework', a: 'arch', arch: 'arch', os: 'os', v: 'verbosity', verbosity: 'verbosity', s: 'source', source: 'source', p: 'property', property: 'property', version: 'version', 'version-suffix': 'version-suffix', packages: 'packages', 'tool-path': 'tool-path', 'add-source': 'source', 'configfile': 'configfile', 'self-contained': 'self-contained', sc: 'self-contained', l: 'logger', logger: 'logger', t: 'target', target: 'target', m: 'maxcpucount', 'manifest': 'manifest', 'artifacts-path': 'output' },
  { g: 'global', global: 'global', 'no-restore': 'no-restore', 'no-build': 'no-build', 'no-dependencies': 'no-dependencies', nologo: 'nologo', restore: 'restore', 'use-current-runtime': 'use-current-runtime', ucr: 'use-current-runtime', 'no-self-contained': 'no-self-contained', interactive: 'interactive' },
);

const GO = word(
  { ...same('o', 'ldflags', 'gcflags', 'asmflags', 'tags', 'mod', 'modfile', 'buildmode', 'p', 'pkgdir', 'overlay', 'toolexec', 'c', 'exec', 'run', 'count', 'timeout', 'coverprofile', 'covermode', 'coverpkg', 'bench', 'benchtime', 'cpu', 'parallel', 'compiler', 'installsuffix', 'pgo') },
  same('v', 'x', 'a', 'n', 'race', 'msan', 'asan', 'trimpath', 'd', 'u', 't', 'i', 'cover', 'json', 'short', 'linkshared', 'buildvcs'),
);

const CARGO = posix(
  { ...same('target', 'target-dir', 'features', 'bin', 'example', 'test', 'bench', 'manifest-path', 'profile', 'root', 'version', 'git', 'branch', 'tag', 'rev', 'path', 'index', 'registry', 'config', 'color', 'message-format'), p: 'package', package: 'package', F: 'features', j: 'jobs', jobs: 'jobs', Z: 'unstable' },
  { r: 'release', release: 'release', q: 'quiet', v: 'verbose', ...same('locked', 'offline', 'frozen', 'all-features', 'no-default-features', 'workspace', 'all-targets', 'lib', 'bins', 'force') },
);

const NPM = posix(
  { C: 'prefix', prefix: 'prefix', w: 'workspace', workspace: 'workspace', ...same('registry', 'cache', 'userconfig', 'globalconfig', 'loglevel', 'omit', 'include', 'tag', 'cpu', 'os', 'libc', 'install-strategy', 'script-shell', 'package', 'call') },
  { g: 'global', global: 'global', D: 'save-dev', 'save-dev': 'save-dev', E: 'save-exact', 'save-exact': 'save-exact', P: 'save-prod', O: 'save-optional', f: 'force', force: 'force', y: 'yes', q: 'quiet', s: 'silent', ...same('production', 'no-optional', 'ignore-scripts', 'no-audit', 'no-fund', 'legacy-peer-deps', 'frozen-lockfile', 'immutable', 'unsafe-perm', 'no-save', 'prefer-offline', 'if-present') },
);

const MAVEN = posix(
  { f: 'file', file: 'file', s: 'settings', settings: 'settings', P: 'activate-profiles', 'activate-profiles': 'activate-profiles', pl: 'projects', rf: 'resume-from', T: 'threads', threads: 'threads', l: 'log-file', D: 'define', p: 'project-dir', 'project-dir': 'project-dir', b: 'build-file', 'build-file': 'build-file', x: 'exclude-task', 'exclude-task': 'exclude-task', g: 'gradle-user-home', 'gradle-user-home': 'gradle-user-home', 'init-script': 'init-script', I: 'init-script', 'max-workers': 'max-workers', 'console': 'console' },
  { B: 'batch-mode', 'batch-mode': 'batch-mode', q: 'quiet', e: 'errors', X: 'debug', o: 'offline', offline: 'offline', U: 'update-snapshots', v: 'version', V: 'show-version', N: 'non-recursive', ...same('no-daemon', 'daemon', 'parallel', 'build-cache', 'info', 'stacktrace', 'scan', 'version', 'no-transfer-progress', 'refresh-dependencies') },
  { '-ntp': 'no-transfer-progress' },
);

/** Every program winfile classifies by name. */
export const PROGRAMS: readonly ProgramSpec[] = [
  // ---- downloads, verification, archives
  { names: ['curl'], family: 'curl', grammar: CURL },
  {
    names: ['wget', 'wget2'], family: 'wget',
    grammar: posix(
      { O: 'output-document', 'output-document': 'output-document', P: 'directory-prefix', 'directory-prefix': 'directory-prefix', o: 'output-file', 'output-file': 'output-file', a: 'append-output', t: 'tries', tries: 'tries', T: 'timeout', timeout: 'timeout', U: 'user-agent', 'user-agent': 'user-agent', e: 'execute', i: 'input-file', w: 'wait', ...same('header', 'user', 'password', 'http-user', 'http-password', 'ca-certificate', 'post-data', 'method', 'body-data', 'progress', 'limit-rate', 'waitretry', 'restrict-file-names') },
      { q: 'quiet', quiet: 'quiet', c: 'continue', N: 'timestamping', v: 'verbose', r: 'recursive', ...same('no-check-certificate', 'no-verbose', 'show-progress', 'content-disposition') },
      { '-nv': 'no-verbose', '-nc': 'no-clobber', '-nd': 'no-directories', '-nH': 'no-host-directories', '-np': 'no-parent' },
    ),
  },
  { names: ['certutil'], family: 'certutil', grammar: word({ user: 'user', p: 'password', config: 'config' }, { f: 'force', split: 'split', urlcache: 'urlcache', hashfile: 'hashfile', addstore: 'addstore', delstore: 'delstore', decode: 'decode', encode: 'encode', decodehex: 'decodehex', importpfx: 'importpfx', generatesstfromwu: 'generatesstfromwu', enterprise: 'enterprise' }) },
  { names: ['bitsadmin'], family: 'bitsadmin', grammar: word({ priority: 'priority' }, { transfer: 'transfer', download: 'download', upload: 'upload', dynamic: 'dynamic' }) },
  { names: ['tar', 'bsdtar'], family: 'tar', grammar: TAR },
  { names: ['7z', '7za', '7zr', '7zz', '7z64'], family: '7z', grammar: SEVEN_ZIP },
  { names: ['expand'], family: 'expand', grammar: word({}, { r: 'rename', d: 'display', i: 'ignore' }) },
  { names: ['unzip'], family: 'unzip', grammar: posix({ d: 'exdir', x: 'exclude', P: 'password' }, { o: 'overwrite', q: 'quiet', n: 'never-overwrite', j: 'junk-paths', u: 'update', l: 'list', t: 'test' }) },
  { names: ['git'], family: 'git', grammar: posix({ b: 'branch', branch: 'branch', c: 'config', config: 'config', o: 'origin', origin: 'origin', j: 'jobs', jobs: 'jobs', C: 'directory', ...same('depth', 'filter', 'reference', 'separate-git-dir', 'shallow-since', 'template', 'upload-pack', 'server-option', 'recurse-submodules') }, { q: 'quiet', v: 'verbose', n: 'no-checkout', ...same('recursive', 'single-branch', 'no-tags', 'bare', 'mirror', 'shallow-submodules', 'global', 'system') }), smoke: ['version', '--version', 'status', 'log', 'rev-parse', 'describe', 'show', 'diff', 'ls-remote', 'ls-files'] },

  { names: ['gpg', 'gpg2', 'gpgv'], family: 'gpg', grammar: posix({ keyserver: 'keyserver', 'recv-keys': 'recv-keys', 'recv-key': 'recv-keys', homedir: 'homedir', o: 'output', output: 'output', 'keyserver-options': 'keyserver-options', keyring: 'keyring', 'trust-model': 'trust-model', 'status-fd': 'status-fd' }, { ...same('batch', 'verify', 'import', 'no-tty', 'quiet', 'yes', 'fingerprint', 'list-keys', 'decrypt', 'dearmor'), q: 'quiet' }) },
  { names: ['innoextract'], family: 'innoextract', grammar: posix({ d: 'output-dir', 'output-dir': 'output-dir', I: 'include', include: 'include' }, { e: 'extract', extract: 'extract', s: 'silent', silent: 'silent', l: 'list', list: 'list', t: 'test', test: 'test' }) },

  // ---- installers and package managers
  { names: ['msiexec'], family: 'msiexec', grammar: MSIEXEC },
  { names: ['wusa'], family: 'wusa', grammar: word({ log: 'log' }, { quiet: 'quiet', norestart: 'norestart', uninstall: 'uninstall' }) },
  {
    names: ['vs_buildtools', 'vs_community', 'vs_professional', 'vs_enterprise', 'vs_testagent', 'vs_remotetools', 'vs_installer', 'vs_installershell', 'setup', 'install', 'installer', 'vc_redist.x64', 'vc_redist.x86', 'vc_redist-x64', 'vc_redist-x86', 'vcredist_x64', 'vcredist_x86', 'vcredist', 'vc_redist', 'dotnet-framework-installer', 'ndp48-x86-x64-allos-enu', 'ndp472-kb4054530-x86-x64-allos-enu', 'rustup-init', 'vcbuildtools', 'buildtools', 'winsdksetup', 'sdksetup', 'python-installer', 'git-installer', 'nodejs-installer'],
    family: 'installer',
  },
  { names: ['choco', 'cinst', 'cup', 'cuninst', 'chocolatey'], family: 'choco', grammar: CHOCO, smoke: ['list', 'search', 'find', 'info', 'outdated', 'help', '-v', '--version', '-?'] },
  { names: ['winget'], family: 'winget', grammar: word({ id: 'id', version: 'version', v: 'version', source: 'source', s: 'source', scope: 'scope', location: 'location', l: 'location', override: 'override', custom: 'custom', q: 'query', query: 'query', name: 'name', moniker: 'moniker', m: 'manifest', manifest: 'manifest', architecture: 'architecture', a: 'architecture', log: 'log', o: 'log' }, { e: 'exact', exact: 'exact', h: 'silent', silent: 'silent', i: 'interactive', 'accept-package-agreements': 'accept-package-agreements', 'accept-source-agreements': 'accept-source-agreements', 'disable-interactivity': 'disable-interactivity', force: 'force' }), smoke: ['list', 'search', 'show', '--version', '-v', '--info'] },
  { names: ['scoop'], family: 'scoop', grammar: word({ a: 'arch', arch: 'arch' }, { g: 'global', global: 'global', k: 'no-cache', s: 'skip-hash-check', u: 'no-update-scoop' }), smoke: ['list', 'search', 'info', 'status', 'which', 'help', '--version'] },
  { names: ['pip', 'pip2', 'pip3', 'pip3.8', 'pip3.9', 'pip3.10', 'pip3.11', 'pip3.12', 'pip3.13'], family: 'pip', grammar: PIP, smoke: ['list', 'freeze', 'show', 'check', 'help', 'debug', '--version', '-v', '-V'] },
  { names: ['gem'], family: 'gem', grammar: posix({ v: 'version', version: 'version', s: 'source', source: 'source', i: 'install-dir', 'install-dir': 'install-dir', n: 'bindir', bindir: 'bindir', ...same('platform') }, { N: 'no-document', ...same('no-document', 'no-ri', 'no-rdoc', 'clear-all', 'system', 'force', 'user-install', 'conservative') }), smoke: ['list', 'search', 'query', 'env', 'help', '--version', '-v', 'which', 'contents', 'specification'] },
  { names: ['bundle', 'bundler'], family: 'bundler', smoke: ['--version', 'version', 'list', 'show', 'check', 'exec', 'help'] },
  { names: ['nuget'], family: 'nuget', grammar: word({ version: 'version', outputdirectory: 'output', o: 'output', source: 'source', packagesdirectory: 'packages', solutiondirectory: 'solution', configfile: 'configfile', msbuildversion: 'msbuild-version', msbuildpath: 'msbuild-path', verbosity: 'verbosity', name: 'name', framework: 'framework' }, { excludeversion: 'exclude-version', x: 'exclude-version', noninteractive: 'non-interactive', prerelease: 'prerelease', nocache: 'no-cache', directdownload: 'direct-download' }), smoke: ['help', '?', 'list', 'search', 'locals'] },

  // ---- system configuration
  { names: ['setx'], family: 'setx', grammar: word({ k: 'registry', f: 'file', s: 'system', u: 'user', p: 'password', a: 'coordinates', r: 'relative', d: 'delimiters' }, { m: 'machine', x: 'coordinates-list' }) },
  { names: ['reg'], family: 'reg', grammar: word({ v: 'value', t: 'type', d: 'data', s: 'separator', reg: 'view' }, { ve: 'default-value', va: 'all-values', f: 'force' }), smoke: ['query', 'compare'] },
  { names: ['sc'], family: 'sc' },
  { names: ['net', 'net1'], family: 'net' },
  { names: ['icacls', 'cacls', 'xcacls'], family: 'icacls' },
  { names: ['takeown'], family: 'takeown', grammar: word({ f: 'file', s: 'system', u: 'user', p: 'password', d: 'default' }, { r: 'recurse', a: 'administrators' }) },
  { names: ['dism'], family: 'dism', grammar: word({ featurename: 'feature', capabilityname: 'capability', packagepath: 'package', packagename: 'package', source: 'source', image: 'image', logpath: 'log', loglevel: 'loglevel', scratchdir: 'scratch' }, { online: 'online', all: 'all', norestart: 'norestart', quiet: 'quiet', limitaccess: 'limitaccess' }) },

  // ---- builds
  { names: ['dotnet'], family: 'dotnet', grammar: DOTNET, smoke: ['--info', '--version', '--list-sdks', '--list-runtimes', 'help', '-h', '--help', '-?', 'sdk', 'list'] },
  { names: ['msbuild', 'devenv', 'vcbuild'], family: 'msbuild', grammar: word({ p: 'property', property: 'property', t: 'target', target: 'target', m: 'maxcpucount', maxcpucount: 'maxcpucount', v: 'verbosity', verbosity: 'verbosity', l: 'logger', logger: 'logger', bl: 'binlog', tv: 'toolsversion', toolsversion: 'toolsversion', build: 'build', rebuild: 'rebuild', project: 'project-filter' }, { restore: 'restore', r: 'restore', nologo: 'nologo', nr: 'node-reuse' }), smoke: ['-version', '/version', '-ver', '/ver', '-help', '/help', '/?'] },
  { names: ['go'], family: 'go', grammar: GO, smoke: ['version', 'env', 'help', 'list', 'doc'] },
  { names: ['cargo'], family: 'cargo', grammar: CARGO, smoke: ['--version', '-V', 'version', 'help', 'metadata', 'tree'] },
  { names: ['npm'], family: 'npm', grammar: NPM, smoke: ['-v', '--version', 'version', 'ls', 'list', 'view', 'info', 'show', 'doctor', 'help', 'outdated', 'whoami', 'root', 'bin', 'prefix'] },
  { names: ['yarn'], family: 'yarn', grammar: NPM, smoke: ['-v', '--version', 'version', 'list', 'info', 'why', 'help', 'versions'] },
  { names: ['pnpm'], family: 'pnpm', grammar: NPM, smoke: ['-v', '--version', 'list', 'ls', 'why', 'help', 'root', 'outdated'] },
  { names: ['mvn', 'mvnw', 'maven'], family: 'maven', grammar: MAVEN, smoke: ['-v', '--version', '-version', 'help'] },
  { names: ['gradle', 'gradlew'], family: 'gradle', grammar: MAVEN, smoke: ['-v', '--version', 'help', 'tasks', 'properties', 'dependencies'] },

  // ---- interpreters: a version check, a package manager (`-m pip`), or a script winfile does not see
  { names: ['python', 'python2', 'python3', 'py', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'pythonw'], family: 'interpreter', language: 'Python' },
  { names: ['node', 'nodejs'], family: 'interpreter', language: 'Node.js' },
  { names: ['java', 'javaw'], family: 'interpreter', language: 'Java' },
  { names: ['ruby', 'jruby'], family: 'interpreter', language: 'Ruby' },
  { names: ['perl'], family: 'interpreter', language: 'Perl' },
  { names: ['php', 'php-cgi'], family: 'interpreter', language: 'PHP' },
  { names: ['powershell', 'pwsh', 'powershell_ise'], family: 'interpreter', language: 'PowerShell' },
  { names: ['cscript', 'wscript'], family: 'interpreter', language: 'Windows Script Host' },
  { names: ['bash', 'sh'], family: 'interpreter', language: 'Unix shell (MSYS2/Git Bash)' },
  { names: ['rscript'], family: 'interpreter', language: 'R' },
  { names: ['cmd'], family: 'interpreter', language: 'cmd' },
  { names: ['v8', 'd8', 'jsc', 'spidermonkey', 'deno', 'bun'], family: 'interpreter', language: 'JavaScript' },

  // ---- file tools and waits
  { names: ['xcopy'], family: 'xcopy' },
  { names: ['cp', 'mv', 'rm', 'ln', 'touch', 'ls', 'cat'], family: 'coreutils', grammar: posix({ t: 'target-directory', 'target-directory': 'target-directory' }, { r: 'recursive', R: 'recursive', f: 'force', p: 'parents', s: 'symbolic' }) },
  { names: ['robocopy'], family: 'robocopy' },
  { names: ['timeout', 'sleep'], family: 'timeout' },
  { names: ['ping'], family: 'ping' },

  // ---- programs whose effect does not depend on their arguments (for winfile's purposes)
  ...known(['where', 'whoami', 'hostname', 'systeminfo', 'ipconfig', 'tasklist', 'tree', 'findstr', 'find', 'sort', 'more', 'nslookup', 'netstat', 'driverquery', 'getmac', 'query', 'chcp', 'fc', 'comp', 'trivy', 'sigcheck'], check('{program} only inspects or prints; it changes nothing in the image')),
  ...known(['appcmd'], windowsOnly('{program} configures IIS (applicationHost.config); it needs IIS, which only a Windows image has')),
  ...known(['ngen'], windowsOnly('{program} compiles .NET Framework assemblies to native images on Windows; dropping it only costs start-up time', 'drop')),
  ...known(['regsvr32', 'regasm', 'regsvcs'], windowsOnly('{program} registers COM components in the registry')),
  ...known(['gacutil'], windowsOnly('{program} installs assemblies into the .NET Framework global assembly cache')),
  ...known(['installutil'], windowsOnly('{program} runs .NET installer classes (usually to register a Windows service)', 'deployment')),
  ...known(['winrm', 'winrs'], windowsOnly('{program} configures Windows Remote Management', 'deployment')),
  ...known(['composer'], { kind: 'run', portability: 'translate', destinations: ['linux-stage'], reason: '{program} installs PHP dependencies; PHP code does not depend on the platform, so a Linux stage can fetch them (with --ignore-platform-reqs for Windows-only extensions)' }),
  ...known(['update_rubygems'], windowsOnly('{program} updates RubyGems inside the Windows Ruby')),
  ...known(['schtasks'], windowsOnly('{program} configures the Task Scheduler')),
  ...known(['netsh', 'bcdedit', 'fsutil', 'powercfg', 'auditpol', 'secedit', 'wevtutil', 'lodctr', 'unlodctr', 'mofcomp', 'wmic', 'winmgmt', 'w32tm', 'tzutil', 'setspn', 'ksetup', 'bcdboot', 'cipher', 'compact', 'attrib', 'mountvol', 'diskpart', 'iisreset', 'aspnet_regiis', 'aspnet_regsql', 'servermanagercmd', 'ocsetup', 'pkgmgr', 'lpksetup', 'dcpromo', 'certreq'], windowsOnly('{program} changes Windows system settings', 'deployment')),
  ...known(['cmake', 'nmake', 'cl', 'link', 'lib', 'ninja', 'make', 'mingw32-make', 'meson', 'clang-cl', 'rc', 'mt', 'vcpkg', 'conan', 'b2', 'bjam', 'jom', 'qmake', 'embuilder', 'emcmake', 'emmake', 'emcc'], windowsOnly('{program} builds native code with the Windows toolchain; cross-compiling it from Linux (clang-cl with xwin, or mingw-w64) is not automatic')),
  ...known(['javac', 'jar', 'ant', 'kotlinc', 'sbt', 'lein'], { kind: 'run', portability: 'translate', destinations: ['linux-stage'], reason: '{program} builds JVM code; the output is platform-independent, so a Linux stage can build it' }),
  ...known(['sqlcmd', 'sqlpackage', 'sqllocaldb', 'osql', 'mysql', 'mysqld', 'mysqladmin', 'psql', 'pg_ctl', 'initdb', 'mongod', 'mongo', 'redis-server'], windowsOnly('{program} talks to or initialises a database inside the image; it needs the database server running on Windows')),
  ...known(['dnvm', 'dnu', 'dnx', 'nvm', 'rustup', 'emsdk', 'ridk', 'pyenv', 'sdkmanager'], windowsOnly('{program} installs and selects toolchain versions inside the Windows image')),
  ...known(['npx', 'pnpx', 'bunx'], windowsOnly('{program} runs the command of an npm package; what that command does is not analysed')),
  ...known(['refreshenv', 'vcvars64', 'vcvars32', 'vcvarsall', 'vcvarsx86_amd64', 'vsdevcmd', 'launch-vsdevshell', 'setenv', 'emsdk_env'], { kind: 'session', portability: 'windows-only', destinations: ['dependency-image'], reason: '{program} sets up environment variables for the rest of this RUN; it only matters to the commands after it' }),
  ...known(['cleanmgr', 'defrag'], windowsOnly('{program} tidies up Windows; it only shrinks the image', 'drop')),
  ...known(['certmgr', 'certlm', 'signtool'], windowsOnly('{program} works with Windows certificate stores or Authenticode signatures')),
];

function known(names: string[], behaviour: KnownBehaviour): ProgramSpec[] {
  return [{ names, family: 'known', behaviour }];
}

const byName = new Map<string, ProgramSpec>();
for (const spec of PROGRAMS) for (const n of spec.names) if (!byName.has(n)) byName.set(n, spec);

/** The entry for a program (lower-case name without directory and extension). */
export function programSpec(program: string): ProgramSpec | undefined {
  return byName.get(program);
}

/** Arguments that, alone, make any program a version or help check. */
export const VERSION_ARGS: ReadonlySet<string> = new Set(['--version', '-version', '-v', '-V', 'version', '/version', '--help', '-help', '-h', '/?', '-?', 'help', '--info', '-vv', '-VV']);
