import type { Shell } from '../model/catalog.ts';
import type { Instruction, Stage } from '../model/types.ts';
import { baseShells, rootStage, stageChain } from '../model/versions.ts';
import type { Range } from '../parse/source.ts';
import type { Rule, RuleContext } from './types.ts';

const NAMES: Record<Shell, string> = { cmd: 'cmd.exe', powershell: 'Windows PowerShell (powershell.exe)', pwsh: 'PowerShell 7 (pwsh.exe)' };

/** powershell/pwsh from a command word; a path outside \Windows\ is a copy the author installed. */
function powershellOf(word: string): Shell | undefined {
  const w = word.replace(/^["'@]+|["']+$/g, '');
  const m = /^(?:(.*)[\\/])?(powershell|pwsh)(?:\.exe)?$/i.exec(w);
  if (!m || (m[1] && !/(?:^|[\\/])windows[\\/]/i.test(m[1]))) return undefined;
  return (m[2] as string).toLowerCase() as Shell;
}

// Evidence that the build puts PowerShell into the image itself (COPY of a pwsh tree, ENV
// pointing at it, a RUN that unpacks or installs a PowerShell package).
const INSTALL_RUN = /\bPowerShell[-_]\d|\bPowerShell\.(?:zip|msi)\b|install-powershell|dotnet\s+tool\s+install\b[^&|;]*\bPowerShell\b|[\\/]PowerShell[\\/]/i;

// ENV only counts when it points at an executable or install directory: POWERSHELL_TELEMETRY_OPTOUT
// and the like are set by images that merely use PowerShell.
const INSTALL_ENV = /[\\/](?:pwsh|powershell)(?:\.exe)?\b|[\\/]PowerShell[\\/]/i;

function installs(ins: Instruction): boolean {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') return /pwsh|powershell/i.test(ins.line.text);
  if (ins.keyword === 'ENV') return ins.args.some((a) => INSTALL_ENV.test(a.value));
  return ins.keyword === 'RUN' && INSTALL_RUN.test(ins.rest.text);
}

function installedBefore(stage: Stage, ins: Instruction): boolean {
  return stageChain(stage).some((s) => s.instructions.some((i) => i.index < ins.index && installs(i)));
}

/** The first word of a shell-form body and its range in the file. */
function firstWord(ctx: RuleContext, ins: Instruction): { word: string; range: Range } | undefined {
  const m = /^\s*(\S+)/.exec(ins.rest.text);
  if (!m) return undefined;
  const start = m[0].length - (m[1] as string).length;
  const [a, b] = ins.rest.span(start, m[0].length);
  return { word: m[1] as string, range: ctx.model.source.range(a, b) };
}

export const rule: Rule = {
  id: 'WF206',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      const root = rootStage(stage);
      const base = baseShells(stage, ctx.catalog);
      // HostProcess containers see the host's C:\Windows, so every host shell is there at run time.
      if (!base || root.catalog?.variant.family === 'hostprocess') continue;
      const has = base.shells.size > 0 ? [...base.shells].map((s) => NAMES[s]).join(', ') : 'no shell';
      for (const ins of stage.instructions) {
        let found: { shell: Shell; range: Range } | undefined;
        if (['SHELL', 'RUN', 'CMD', 'ENTRYPOINT'].includes(ins.keyword) && ins.form === 'exec') {
          const arg = ins.args[0];
          const shell = arg && powershellOf(arg.value);
          if (arg && shell) found = { shell, range: arg.range };
        } else if (['RUN', 'CMD', 'ENTRYPOINT'].includes(ins.keyword) && ins.form === 'shell') {
          const w = firstWord(ctx, ins);
          const shell = w && powershellOf(w.word);
          if (w && shell) found = { shell, range: w.range };
        }
        if (!found || base.shells.has(found.shell) || base.uncertain.has(found.shell) || installedBefore(stage, ins)) continue;
        const messageId = ins.keyword === 'SHELL' ? 'shell' : ins.keyword === 'RUN' ? undefined : 'start';
        ctx.report({ range: found.range, instruction: ins, messageId, data: { keyword: ins.keyword, shell: NAMES[found.shell], image: root.image, has } });
      }
    }
  },
};
