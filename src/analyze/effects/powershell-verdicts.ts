// Portability verdicts for PowerShell effects, with reasons written for the person converting
// the Dockerfile. Destinations are ordered by preference.

import type { Destination, Portability } from './types.ts';

export interface Verdict {
  portability: Portability;
  reason: string;
  destinations: Destination[];
}

const v = (portability: Portability, reason: string, ...destinations: Destination[]): Verdict => ({ portability, reason, destinations });
const TO_LINUX: Destination[] = ['linux-stage', 'crane-prepare'];

export const VERDICT = {
  download: v('translate', 'Downloads a file: a Linux stage can fetch it and copy it into the image.', ...TO_LINUX),
  downloadToMemory: v('translate', 'Downloads content into memory for later commands in this RUN; a Linux stage can fetch it the same way.', ...TO_LINUX),
  verify: v('translate', "Checks a download's hash and stops the build on a mismatch: a Linux stage can check it with sha256sum.", ...TO_LINUX),
  verifyNoConsequence: v('translate', 'Computes a hash but does nothing when it differs, so it checks nothing; a Linux stage can do a real check.', ...TO_LINUX),
  extract: v('translate', 'Unpacks an archive: a Linux stage can unpack it and copy the files into the image.', ...TO_LINUX),
  file: v('translate', 'Changes files in the image: a Linux stage or crane can make the same change.', ...TO_LINUX),
  fileUnknownPath: v('translate', 'Changes files in the image (winfile cannot tell which ones statically); a Linux stage can make the same change once the path is known.', ...TO_LINUX),
  envPersistent: v('translate', 'Sets an environment variable that stays in the image: it becomes an ENV instruction (PATH must be written out in full).', 'image-config'),
  envProcess: v('portable', 'Sets an environment variable that affects only this RUN; nothing later in it reads it.', 'drop'),
  envProcessUsed: v('portable', 'Sets an environment variable that affects only this RUN; later commands in it read it, so it must move with them.', 'linux-stage', 'crane-prepare', 'dependency-image'),
  package: v('windows-only', 'Installs packages with a Windows package manager, which only runs on Windows: build this in a Windows dependency image and copy the result.', 'dependency-image'),
  installer: v('windows-only', 'Runs a Windows installer, which only Windows can execute: build this in a Windows dependency image and copy the result.', 'dependency-image'),
  feature: v('windows-only', 'Enables Windows features, which only Windows can do: pick a base image that has them, or build a dependency image.', 'dependency-image'),
  registry: v('windows-only', 'Writes the Windows registry, whose hive files only Windows can update: do it in a dependency image, or at deployment.', 'dependency-image', 'deployment'),
  serviceConfig: v('windows-only', 'Registers or configures a Windows service (stored in the registry), which only Windows can do: do it in a dependency image, or at deployment.', 'dependency-image', 'deployment'),
  serviceRun: v('windows-only', 'Starts or stops a service, which lasts only for this RUN: drop it unless later commands in this RUN need the service.', 'drop', 'dependency-image'),
  iis: v('windows-only', 'Configures IIS, which only Windows can do: do it in a dependency image, or at deployment.', 'dependency-image', 'deployment'),
  certificate: v('windows-only', "Changes the Windows certificate store (kept in the registry), which only Windows can do: do it in a dependency image, or at deployment.", 'dependency-image', 'deployment'),
  user: v('windows-only', 'Creates Windows users or groups, stored in the account database that only Windows can update: do it in a dependency image.', 'dependency-image'),
  acl: v('windows-only', 'Changes Windows file permissions (ACLs), which only Windows tools set: do it in a dependency image.', 'dependency-image'),
  remoteScript: v('windows-only', 'Downloads a PowerShell script and runs it: only Windows can run it, and winfile cannot see what it does.', 'dependency-image'),
  localScript: v('windows-only', 'Runs a script file from the image: only Windows can run it, and winfile cannot see what it does.', 'dependency-image'),
  dynamicCode: v('windows-only', 'Runs PowerShell code built while the RUN executes; winfile cannot see what it does.', 'dependency-image'),
  print: v('portable', 'Only prints to the build log; it has no effect on the image.', 'drop'),
  smokeTest: v('portable', 'A smoke test: it only checks that a tool works (a Linux builder cannot run Windows binaries) and changes nothing in the image.', 'drop'),
  session: v('portable', 'Changes a PowerShell setting that only matters inside this RUN.', 'drop'),
  memory: v('portable', 'Changes an object in memory; it has no effect outside this RUN.', 'drop'),
  wait: v('portable', 'Waits; it has no effect on the image.', 'drop'),
  location: v('portable', 'Changes the current directory, which only matters inside this RUN (relative paths after it depend on it).', 'drop'),
  executionPolicy: v('portable', 'Sets the script execution policy for this RUN only.', 'drop'),
  executionPolicyMachine: v('windows-only', "Stores the execution policy in the image's registry; converted images keep the base image's policy, which is usually fine.", 'drop', 'dependency-image'),
  unknown: v('windows-only', 'winfile does not know what this command does.', 'dependency-image'),
  unknownMethod: v('windows-only', 'Calls a .NET method winfile does not know; winfile does not know what this command does.', 'dependency-image'),
  unparsed: v('windows-only', 'winfile could not parse this part of the script, so it does not know what it does.', 'dependency-image'),
} satisfies Record<string, Verdict>;

/** A copy, so that effects never share (and a consumer never mutates) the table's arrays. */
export function verdict(which: keyof typeof VERDICT): Verdict {
  const x = VERDICT[which];
  return { portability: x.portability, reason: x.reason, destinations: [...x.destinations] };
}
