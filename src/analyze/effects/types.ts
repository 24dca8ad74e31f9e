import type { Range } from '../../parse/source.ts';

export type EffectKind =
  | 'download'
  | 'verify'
  | 'extract'
  | 'file'
  | 'env'
  | 'package'
  | 'installer'
  | 'feature'
  | 'registry'
  | 'service'
  | 'user'
  | 'build'
  | 'run'
  | 'print'
  | 'smoke-test'
  | 'session'
  | 'unknown';

/** Whether the step can run on Linux: unchanged, after translation, or only on Windows. */
export type Portability = 'portable' | 'translate' | 'windows-only';

/** Where a step can go when the build moves to a Linux builder, most preferred first. */
export type Destination = 'linux-stage' | 'crane-prepare' | 'image-config' | 'dependency-image' | 'deployment' | 'drop';

export type ScriptLanguage = 'powershell' | 'cmd';

/** A value from the script; `text` is set when static analysis could determine it. */
export interface Value {
  text?: string;
  /** The source text of the expression as written. */
  source: string;
  range: Range;
}

interface Base {
  kind: EffectKind;
  /** The command as written (`Invoke-WebRequest`, `curl.exe`, `[Environment]::SetEnvironmentVariable`). */
  command: string;
  language: ScriptLanguage;
  range: Range;
  portability: Portability;
  reason: string;
  destinations: Destination[];
}

export interface DownloadEffect extends Base {
  kind: 'download';
  url: Value;
  output?: Value;
}

export interface VerifyEffect extends Base {
  kind: 'verify';
  algorithm: string;
  file?: Value;
  expected?: Value;
  /** What the script does on a mismatch; a verify without a consequence checks nothing. */
  onMismatch: 'throw' | 'exit' | 'none';
}

export interface ExtractEffect extends Base {
  kind: 'extract';
  archive: Value;
  destination?: Value;
  format: 'zip' | 'tar' | '7z' | 'cab' | 'unknown';
}

export interface FileEffect extends Base {
  kind: 'file';
  op: 'mkdir' | 'copy' | 'move' | 'rename' | 'remove' | 'write' | 'link';
  paths: Value[];
  destination?: Value;
  content?: Value;
  append?: boolean;
}

export interface EnvEffect extends Base {
  kind: 'env';
  name: Value;
  value: Value;
  /** `machine`/`user` persist in the image (setx, SetEnvironmentVariable); `process` lasts for this RUN. */
  scope: 'machine' | 'user' | 'process';
  /** Directories a PATH assignment appends or prepends, when it builds on the old PATH. */
  pathAdditions?: string[];
}

export interface PackageEffect extends Base {
  kind: 'package';
  manager: 'choco' | 'winget' | 'scoop' | 'psgallery' | 'package-provider' | 'pip' | 'npm' | 'nuget' | 'dotnet-tool' | 'gem';
  packages: { name: string; version?: string }[];
  pinned: boolean;
}

export interface InstallerEffect extends Base {
  kind: 'installer';
  installer: Value;
  args: Value[];
  format: 'msi' | 'exe' | 'unknown';
  /** False when started without waiting (Start-Process without -Wait, `start` without /wait). */
  waits: boolean;
}

export interface FeatureEffect extends Base {
  kind: 'feature';
  features: string[];
}

export interface RegistryEffect extends Base {
  kind: 'registry';
  action: 'set' | 'import' | 'delete' | 'create-key';
  key?: Value;
  name?: Value;
  data?: Value;
}

export interface ServiceEffect extends Base {
  kind: 'service';
  action: 'create' | 'configure' | 'start' | 'stop';
  name?: Value;
}

export interface UserEffect extends Base {
  kind: 'user';
  action: 'create-user' | 'group-member' | 'acl' | 'take-ownership';
  user?: Value;
  group?: Value;
  path?: Value;
}

export interface BuildEffect extends Base {
  kind: 'build';
  tool: 'dotnet' | 'msbuild' | 'nuget' | 'go' | 'cargo' | 'npm' | 'yarn' | 'pnpm' | 'mvn' | 'gradle' | 'pip';
  verb: string;
  project?: Value;
  output?: Value;
  configuration?: string;
  runtime?: string;
  args: Value[];
}

export interface RunEffect extends Base {
  kind: 'run';
  program: Value;
  args: Value[];
}

export interface PrintEffect extends Base {
  kind: 'print';
  text?: Value;
}

export interface SmokeTestEffect extends Base {
  kind: 'smoke-test';
  program: string;
}

export interface SessionEffect extends Base {
  kind: 'session';
  setting: 'error-action' | 'progress' | 'tls' | 'execution-policy' | 'location' | 'other';
  value?: string;
}

export interface UnknownEffect extends Base {
  kind: 'unknown';
}

export type Effect =
  | DownloadEffect
  | VerifyEffect
  | ExtractEffect
  | FileEffect
  | EnvEffect
  | PackageEffect
  | InstallerEffect
  | FeatureEffect
  | RegistryEffect
  | ServiceEffect
  | UserEffect
  | BuildEffect
  | RunEffect
  | PrintEffect
  | SmokeTestEffect
  | SessionEffect
  | UnknownEffect;

/** A script parse problem, mapped to the Dockerfile. */
export interface ScriptSyntaxError {
  message: string;
  range: Range;
  language: ScriptLanguage;
}

/** Everything winfile knows about one RUN. */
export interface RunAnalysis {
  /** The scripts the RUN hands to shells (one, or two for `powershell -Command` under cmd). */
  scripts: { language: ScriptLanguage; text: string; recovered: boolean }[];
  effects: Effect[];
  syntaxErrors: ScriptSyntaxError[];
  /** The shell could not be determined or is not cmd/PowerShell (e.g. bash in a Windows stage). */
  unsupportedShell?: string;
  /** What a PowerShell SHELL runs before the body (`$ErrorActionPreference = 'Stop'; ...`). */
  prefix?: string;
  /** Double quotes of a shell-form PowerShell body that never reach PowerShell (see LostQuotes). */
  lostQuotes?: LostQuotes;
}

/**
 * Windows hands a shell-form RUN to powershell.exe as one command line, and the C runtime's split
 * removes bare double quotes before PowerShell reads the script.
 */
export interface LostQuotes {
  /**
   * Quoted spans whose text PowerShell now reads differently (blanks, `;`, empty strings...), with
   * the argument each is in as written and as PowerShell sees it (cut to 60 characters).
   */
  spans: { range: Range; written: string; seen: string; onlyBlanks: boolean }[];
  /** Every removed quote, when no quote in the body follows a backslash (so `\"` keeps each one). */
  escapable?: Range[];
}
