import type { BuildPlan } from '../plan/types.ts';

export interface EmitContext {
  /** File name of the primary output (for commands in headers); `Dockerfile.cross` style names. */
  outputName: string;
  /** The build context, relative to the folder the outputs are written to (default `.`). */
  context?: string;
  /** The primary output relative to the build context (default: outputName). */
  dockerfile?: string;
  /** Windows versions to build, when more than one should be published under one tag. */
  windowsVersions?: string[];
  craneVersion?: string;
  shell?: 'bash' | 'pwsh';
  format?: 'script' | 'json';
  allowEditConfig?: boolean;
  engine?: 'buildkit' | 'crane';
  smokeTest?: string;
}

export interface Emitted {
  /** The main result: written to -o or standard output. */
  primary: string;
  /** Companion files, written next to the primary output. */
  extras: { name: string; content: string; executable?: boolean }[];
  /** Items the emitter could not express, added to the plan's manual work. */
  notes?: { reason: string; workaround: string }[];
}

export type Emitter = (plan: BuildPlan, ctx: EmitContext) => Emitted;
