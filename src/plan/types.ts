import type { Effect } from '../analyze/effects/types.ts';
import type { Range } from '../parse/source.ts';
import type { DependencyImage } from './deps-types.ts';

/** Where a plan element came from in the original Dockerfile. */
export interface Origin {
  /** Index of the original instruction in file order. */
  instruction: number;
  keyword: string;
  range: Range;
  /** Index of the RUN effect, for elements produced from one. */
  effect?: number;
  /** The comment lines written above the instruction (pragmas left out), kept in converted output. */
  comments?: string[];
}

/** What happened to one original instruction or RUN effect: the conversion report is a list of these. */
export interface Decision {
  origin: Origin;
  /** The instruction's first line (or the effect's command), for the report. */
  subject: string;
  action: 'kept' | 'moved' | 'translated' | 'dropped' | 'manual';
  /** A RUN's own entry, which sums up the entries of its steps (reports count the steps). */
  summary?: boolean;
  /** Stage the element ended up in, if any. */
  stage?: string;
  /** What it became, or why it was dropped. */
  detail: string;
  /** For manual items: what to do. */
  workaround?: string;
  effect?: Effect;
}

export type ManualKind = 'windows-only' | 'unresolved' | 'unsupported-shell' | 'syntax' | 'unsupported-instruction' | 'base-files' | 'lint';

export interface ManualItem {
  origin: Origin;
  kind: ManualKind;
  reason: string;
  workaround: string;
  effect?: Effect;
}

/** A step in a Linux stage. Paths are Linux paths; the Windows C:\ drive is mirrored under `rootfs`. */
export type LinuxStep =
  | { kind: 'fetch'; url: string; dest: string; checksum?: { algorithm: string; value: string }; origin: Origin }
  | { kind: 'unpack'; archive: string; dest: string; format: 'zip' | 'tar' | '7z' | 'cab'; origin: Origin }
  | { kind: 'mkdir'; path: string; origin: Origin }
  | { kind: 'copy'; from: string; to: string; origin: Origin }
  | { kind: 'move'; from: string; to: string; origin: Origin }
  | { kind: 'remove'; path: string; origin: Origin }
  | { kind: 'write'; path: string; content: string; append: boolean; origin: Origin }
  | { kind: 'verify'; path: string; algorithm: string; value: string; origin: Origin }
  /** COPY/ADD from the build context (or another stage) into this Linux stage. */
  | { kind: 'copy-in'; from?: string; sources: string[]; dest: string; origin: Origin }
  | { kind: 'workdir'; path: string; origin: Origin }
  | { kind: 'env'; pairs: [string, string][]; origin: Origin }
  | { kind: 'arg'; name: string; default?: string; origin: Origin }
  /** A POSIX shell command (a translated build step); `env` is exported for it. */
  | { kind: 'sh'; command: string; env?: [string, string][]; origin: Origin };

export interface LinuxStage {
  name: string;
  image: string;
  role: 'prepare' | 'build' | 'original';
  /** `--platform` as written for original Linux stages that had one. */
  platform?: string;
  steps: LinuxStep[];
  /** Tools the prepare stage installs (curl, 7z, cab) for its steps. */
  packages?: string[];
  /** For prepare stages: the directory that mirrors C:\ of the Windows image. */
  rootfs?: string;
  /** Original instructions of an already-Linux stage, kept as written. */
  verbatim?: string[];
}

/** Where the Windows image gets files from. */
export type FileSource = { stage: string } | { context: true } | { image: string };

/** What the Windows image receives and how its config changes, in the original order. */
export type TargetStep =
  | { kind: 'copy'; from: FileSource; sources: string[]; dest: string; origin: Origin; produced?: boolean; add?: boolean }
  | { kind: 'add-url'; url: string; dest: string; checksum?: string; origin: Origin }
  | { kind: 'env'; pairs: [string, string][]; origin: Origin }
  | { kind: 'workdir'; path: string; origin: Origin }
  | { kind: 'user'; user: string; origin: Origin }
  | { kind: 'label'; pairs: [string, string][]; origin: Origin }
  | { kind: 'expose'; ports: string[]; origin: Origin }
  | { kind: 'volume'; paths: string[]; origin: Origin }
  | { kind: 'entrypoint'; argv: string[]; origin: Origin }
  | { kind: 'cmd'; argv: string[]; origin: Origin }
  | { kind: 'healthcheck'; test: string[] | 'NONE'; options: Record<string, string>; origin: Origin }
  | { kind: 'stopsignal'; signal: string; origin: Origin }
  | { kind: 'shell'; argv: string[]; origin: Origin }
  | { kind: 'onbuild'; text: string; origin: Origin };

export interface WindowsTarget {
  /** The base image, with the Windows version replaced by `${WINDOWS_VERSION}` where the family has per-version tags. */
  image: string;
  /** The original stage name, if it had one. */
  name?: string;
  steps: TargetStep[];
  /** User the image runs as when no USER step sets one (ContainerUser or ContainerAdministrator). */
  baseUser?: string;
  family?: string;
}

/**
 * The target-independent build plan: what Linux does, what the Windows image receives, how its
 * config changes, and what cannot be converted. Both the BuildKit and the crane emitters read
 * this and nothing else.
 */
export interface BuildPlan {
  source: string;
  /** The original file's escape character; the converted file keeps it so verbatim stages stay valid. */
  escape: '\\' | '`';
  /** `ARG`s before the first FROM that the converted build keeps. */
  globalArgs: { name: string; default?: string }[];
  /** Set when the base image family has per-version tags. */
  windowsVersion?: { arg: string; default: string; tokens: Record<string, string> };
  linux: LinuxStage[];
  target: WindowsTarget;
  /** Windows stages other than the final one that are kept as images to copy from. */
  manual: ManualItem[];
  decisions: Decision[];
  /** Indices of the original stages the converted build is made from. */
  stages: number[];
  /** Set by `convert --deps` (src/plan/deps.ts): the steps moved to a native dependency image. */
  deps?: DependencyImage;
}
