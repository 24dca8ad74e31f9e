import type { Range } from '../../parse/source.ts';
import { str } from './native-args.ts';
import { cargo, dotnet, go, javascript, jvm, msbuild } from './native-build.ts';
import { bitsadmin, certutil, curl, expand, git, gpg, innoextract, sevenZip, tar, unzip, wget } from './native-fetch.ts';
import { bundler, choco, exeInstaller, gem, installerHandler, msiexec, nuget, pip, scoop, winget, wusa } from './native-install.ts';
import { runEffect, smokeTest, unknownReason, windowsOnly } from './native-make.ts';
import type { Handler } from './native-make.ts';
import { coreutils, interpreter, knownProgram, ping, robocopy, timeout, xcopy } from './native-misc.ts';
import { dism, icacls, net, reg, sc, setx, takeown } from './native-system.ts';
import { programSpec, VERSION_ARGS } from './programs.ts';
import type { Family } from './programs.ts';
import type { Effect, ScriptLanguage, Value } from './types.ts';

/** A program started from cmd or PowerShell, with its arguments as the program receives them. */
export interface NativeCall {
  /** Lower-case file name without directory and .exe/.com/.bat/.cmd: `C:\x\7z.exe` -> `7z`. */
  program: string;
  /** The command name as written. */
  name: Value;
  args: Value[];
  language: ScriptLanguage;
  range: Range;
  /** Started without waiting (`start` without /wait, Start-Process without -Wait). */
  async?: boolean;
}

const HANDLERS: Record<Family, Handler> = {
  curl, wget, certutil, bitsadmin, tar, '7z': sevenZip, expand, unzip, git, gpg, innoextract, bundler,
  msiexec, wusa, installer: installerHandler, choco, winget, scoop, pip, gem, nuget,
  setx, reg, sc, net, icacls, takeown, dism,
  dotnet, msbuild, go, cargo, npm: javascript, yarn: javascript, pnpm: javascript, maven: jvm, gradle: jvm,
  interpreter, xcopy, robocopy, coreutils, timeout, ping, known: knownProgram,
};

// Names that say "installer" even when winfile has no entry for the program.
const INSTALLER_NAME = /(?:^|[-_.\s])(?:setup|install|installer|redist|bootstrapper)(?:$|[-_.\s\d])|^vs_|^vc_?redist|^ndp\d|^dotnet-(?:sdk|runtime|hosting|framework)|^(?:aspnetcore|windowsdesktop)-runtime|^sqlexpr|^jdk-|^jre-|^python-\d|^node-v\d|^git-\d.*-bit$|^rustup-init$|^7z\d+|^7zip|^npp\.|^openjdk|^mingw|^msys2-|^wix\d|^webdeploy|^iisnode|^sqlserver\d|^sql\d{4}|^sqlexpress|^rewrite_|^urlrewrite|^powershell-\d.*-win|^pwsh-|^vcredist|^dxsdk|^windowssdk|^winsdk/i;
const SILENT_SWITCH = /^(?:\/|--?)(?:s|q|qn|qb|quiet|silent|verysilent|passive|norestart|install|sp-|suppressmsgboxes)$/i;

/**
 * Classifies a call to an external program (curl.exe, tar, msiexec, setx, reg, choco, dotnet...).
 * Shared by the cmd and PowerShell classifiers, since both start the same programs.
 */
export function nativeEffects(call: NativeCall): Effect[] {
  const spec = programSpec(call.program);
  const only = call.args.length === 1 ? str(call.args[0]) : undefined;
  const versionCheck = only !== undefined && (VERSION_ARGS.has(only) || VERSION_ARGS.has(only.toLowerCase()));
  if (spec) {
    if (versionCheck && spec.family !== 'installer') return [smokeTest(call)];
    const first = str(call.args[0]).toLowerCase();
    if (spec.smoke?.includes(first)) return [smokeTest(call)];
    const out = HANDLERS[spec.family](call, spec);
    if (out) return out;
  }
  if (versionCheck) return [smokeTest(call)];
  const written = str(call.name);
  if (/\.(bat|cmd)$/i.test(written)) {
    return [runEffect(call, windowsOnly(`runs the batch file ${written}; its commands are not analysed`))];
  }
  if (/\.ps1$/i.test(written)) {
    return [runEffect(call, windowsOnly(`runs the PowerShell script ${written}; its commands are not analysed`))];
  }
  if (/\.msi$/i.test(written) || INSTALLER_NAME.test(call.program) || (!spec && call.args.some((a) => SILENT_SWITCH.test(str(a))))) {
    return [exeInstaller(call)];
  }
  if (spec) {
    const what = `${call.program} ${str(call.args[0])}`.trim();
    return [runEffect(call, windowsOnly(unknownReason(what)))];
  }
  if (call.program === '' || (call.name.text === undefined && /%[^%]+%|\$/.test(call.name.source))) {
    return [runEffect(call, windowsOnly(`${unknownReason(call.program)}; its name comes from a variable winfile cannot resolve`))];
  }
  return [runEffect(call, windowsOnly(unknownReason(call.program)))];
}
