import type { BuildEffect, RunAnalysis, Value } from '../analyze/effects/types.ts';
import type { Instruction } from '../model/types.ts';
import { decision, effectSubject, originOf } from './decisions.ts';
import { imagePath } from './paths.ts';
import type { Decision, LinuxStep, ManualItem } from './types.ts';
import { shQuote } from '../util/sh-quote.ts';

/** An argument with Windows paths turned into the Linux stage's paths (`C:\out\a.exe` -> `/out/a.exe`). */
function linuxArg(v: Value, workdir: string): string | undefined {
  const t = v.text;
  if (t === undefined) return undefined;
  if (/^[A-Za-z]:[\\/]/.test(t) || /^\\[^\\]/.test(t)) return imagePath(workdir, t) ?? t;
  // Options such as `-o:C:\out` or `/p:OutDir=C:\out\` carry a path after a separator.
  return t.replace(/([:=])([A-Za-z]:[\\/][^;]*)/g, (_, sep: string, p: string) => sep + (imagePath(workdir, p, p.endsWith('\\')) ?? p)).replaceAll('\\', '/');
}

interface Translation {
  command: string[];
  env?: [string, string][];
  note: string;
}

/** How each toolchain cross-compiles for Windows on Linux. */
function crossCompile(effect: BuildEffect, args: string[]): Translation | undefined {
  const has = (...names: string[]) => args.some((a) => names.some((n) => a === n || a.startsWith(`${n}=`) || a.startsWith(`${n}:`)));
  switch (effect.tool) {
    case 'dotnet': {
      const verb = effect.verb.toLowerCase();
      const extra = ['publish', 'build', 'restore'].includes(verb) && !has('-r', '--runtime', '-a', '--arch', '--os') ? ['-r', 'win-x64'] : [];
      return { command: ['dotnet', ...args, ...extra], note: extra.length > 0 ? 'the Linux .NET SDK with -r win-x64' : 'the Linux .NET SDK (the runtime identifier was already given)' };
    }
    case 'go':
      return { command: ['go', ...args], env: [['GOOS', 'windows'], ['GOARCH', 'amd64'], ['CGO_ENABLED', '0']], note: 'GOOS=windows GOARCH=amd64 CGO_ENABLED=0' };
    case 'cargo':
      return {
        command: ['cargo', ...args, ...(has('--target') ? [] : ['--target', 'x86_64-pc-windows-gnu'])],
        note: 'cargo --target x86_64-pc-windows-gnu (needs the mingw-w64 linker: apt-get install gcc-mingw-w64-x86-64 and rustup target add x86_64-pc-windows-gnu); outputs move to target/x86_64-pc-windows-gnu/',
      };
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return { command: [effect.tool, ...args], note: 'as is: correct for pure JavaScript dependencies; native modules (node-gyp) would be built for Linux' };
    case 'mvn':
    case 'gradle':
      return { command: [effect.tool, ...args], note: 'as is: Java bytecode does not depend on the OS' };
    case 'pip':
      return { command: ['pip', ...args, ...(has('--platform') ? [] : ['--platform', 'win_amd64', '--only-binary=:all:'])], note: 'pip with --platform win_amd64 --only-binary=:all: (Windows wheels)' };
    default:
      return undefined;
  }
}

/**
 * RUN effects of a stage whose Windows toolchain image maps to a Linux one: builds become
 * cross-compiling shell steps; everything else is reported.
 */
export function translateBuildRun(ins: Instruction, analysis: RunAnalysis, workdir: string, stageName: string): { steps: LinuxStep[]; manual: ManualItem[]; decisions: Decision[] } {
  const out = { steps: [] as LinuxStep[], manual: [] as ManualItem[], decisions: [] as Decision[] };
  analysis.effects.forEach((effect, i) => {
    const origin = originOf(ins, i);
    const subject = effectSubject(effect, effect.command);
    if (effect.kind === 'print' || effect.kind === 'session' || effect.kind === 'smoke-test') {
      out.decisions.push(decision(origin, subject, 'dropped', effect.kind === 'print' ? 'prints text' : effect.kind === 'session' ? 'changes a setting of this shell session only' : 'a Windows smoke test cannot run on Linux', { effect }));
      return;
    }
    if (effect.kind === 'build') {
      const args = effect.args.map((a) => linuxArg(a, workdir));
      const t = !args.includes(undefined) ? crossCompile(effect, args as string[]) : undefined;
      if (t) {
        const s: LinuxStep = { kind: 'sh', command: t.command.map(shQuote).join(' '), origin };
        if (t.env) s.env = t.env;
        out.steps.push(s);
        out.decisions.push(decision(origin, subject, 'translated', `cross-compiled in the Linux stage with ${t.note}`, { stage: stageName, effect }));
        return;
      }
    }
    const reason = effect.kind === 'build' ? `${effect.command} ${effect.verb} has no Linux counterpart that produces the same Windows output (${effect.reason})` : `${effect.command}: ${effect.reason}`;
    const workaround =
      effect.kind === 'build'
        ? 'Build .NET Framework projects with msbuild in a dependency image built on Windows, or convert the project to SDK style with the Microsoft.NETFramework.ReferenceAssemblies package so the Linux .NET SDK can build it.'
        : 'Do this in the Linux stage with Linux tools, or in a dependency image built natively on Windows.';
    out.manual.push({ origin, kind: 'windows-only', reason, workaround, effect });
    out.decisions.push(decision(origin, subject, 'manual', reason, { workaround, effect }));
  });
  return out;
}
