import { analysedRuns, powershellInCmd, shellKnown } from '../analyze/effects/queries.ts';
import type { Rule } from './types.ts';

const NOTHING = new Set(['print', 'session', 'smoke-test']);
// A RUN that waits is waiting for something to happen in the background, such as the module
// cache pwsh writes on its first start (the official PowerShell images warm it this way).
const WAIT = /^(?:start-sleep|sleep|wait-process|wait-job|timeout|ping)(?:\.exe)?$/i;

export const rule: Rule = {
  id: 'WF612',
  check(ctx) {
    for (const ar of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      const { run, analysis } = ar;
      const { effects } = analysis;
      if (effects.length === 0 || analysis.syntaxErrors.length > 0 || analysis.unsupportedShell !== undefined) continue;
      // PowerShell read as cmd (the base image may set a PowerShell SHELL) says nothing about what the RUN does.
      if (analysis.scripts[0]?.language === 'cmd' && !shellKnown(run) && powershellInCmd(ctx.model, ar, true)) continue;
      // Settings the image keeps (Set-ExecutionPolicy for the machine, in the registry) are windows-only.
      if (!effects.every((e) => NOTHING.has(e.kind) && e.portability === 'portable' && e.destinations.includes('drop')) || effects.some((e) => WAIT.test(e.command))) continue;
      const kinds = new Set(effects.map((e) => e.kind));
      const what = kinds.has('smoke-test') ? (kinds.has('print') ? 'prints and checks that tools run' : 'only checks that tools run') : 'only prints or changes settings of its own session';
      ctx.report({ range: run.keywordRange, instruction: run, data: { what } });
    }
  },
};
