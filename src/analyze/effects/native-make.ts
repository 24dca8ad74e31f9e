// Building blocks shared by the native-*.ts handlers: the common part of an effect and the
// verdicts (portability, destinations, reason) that recur across program families.
import type { NativeCall } from './native.ts';
import type { ProgramSpec } from './programs.ts';
import type { Destination, Effect, Portability, RunEffect, SmokeTestEffect, Value } from './types.ts';

export interface Verdict {
  portability: Portability;
  destinations: Destination[];
  reason: string;
}

/** Turns a call into effects; null lets the generic rules (smoke test, installer, unknown) decide. */
export type Handler = (call: NativeCall, spec: ProgramSpec) => Effect[] | null;

/**
 * The fields every effect of a call shares, after its `kind`: effects are written
 * `{ kind, ...fields(call, verdict), own fields }`. A literal that starts with a spread and then adds
 * properties is many times slower to build in V8 than one that starts with a property.
 */
export function fields(call: NativeCall, verdict: Verdict) {
  return {
    command: call.name.source,
    language: call.language,
    range: call.range,
    portability: verdict.portability,
    reason: verdict.reason,
    destinations: verdict.destinations,
  };
}

/** Downloads, checks and unpacking: a Linux stage or a crane prepare step can do them. */
export function fetchVerdict(reason: string): Verdict {
  return { portability: 'translate', destinations: ['linux-stage', 'crane-prepare'], reason };
}

export function translate(reason: string, ...destinations: Destination[]): Verdict {
  return { portability: 'translate', destinations: destinations.length > 0 ? destinations : ['linux-stage'], reason };
}

export function windowsOnly(reason: string, ...extra: Destination[]): Verdict {
  return { portability: 'windows-only', destinations: ['dependency-image', ...extra], reason };
}

export function smokeTest(call: NativeCall, reason?: string): SmokeTestEffect {
  const what = reason ?? `${call.name.source} ${call.args.map((a) => a.source).join(' ')}`.trim() + ' only checks that the program runs; it changes nothing in the image';
  return { kind: 'smoke-test', ...fields(call, { portability: 'portable', destinations: ['drop'], reason: what }), program: call.program };
}

export function runEffect(call: NativeCall, verdict: Verdict): RunEffect {
  return { kind: 'run', ...fields(call, verdict), program: call.name, args: call.args };
}

/** The reason for a program winfile has no entry for. */
export function unknownReason(program: string): string {
  return `winfile does not know what ${program} does; it is a Windows program the Linux builder cannot run`;
}

/** `name==1.2`, `name@1.2`: the package and its version. */
export function splitPackage(spec: string, separator: RegExp): { name: string; version?: string } {
  const m = separator.exec(spec);
  if (!m || m.index === 0) return { name: spec };
  const version = spec.slice(m.index + m[0].length);
  return version === '' ? { name: spec.slice(0, m.index) } : { name: spec.slice(0, m.index), version };
}

/** File operations inside the image: a Linux stage or crane can place the same files. */
export function fileVerdict(reason: string, ...extra: Destination[]): Verdict {
  return {
    portability: 'translate',
    destinations: ['linux-stage', 'crane-prepare', ...extra],
    reason: `${reason}; a Linux stage (or crane) can do the same to the image's files, as long as they do not come from a Windows-only step`,
  };
}
