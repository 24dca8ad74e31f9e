import { analysedRuns, powershellInCmd, runOf, shellKnown, shellInstruction, throughShell } from '../analyze/effects/queries.ts';
import type { Instruction } from '../model/types.ts';
import type { Range } from '../parse/source.ts';
import type { Rule, RuleContext } from './types.ts';

const LANGUAGE = { powershell: 'PowerShell', cmd: 'cmd' } as const;

/**
 * `&&` or `||` outside strings and comments of a RUN body that a Windows PowerShell (5.1) SHELL
 * runs. The grammar accepts PowerShell 7's pipeline chains for both hosts, but Windows
 * PowerShell rejects them ("The token '&&' is not a valid statement separator in this version").
 */
function chainOperator(ctx: RuleContext, ins: Instruction): Range | undefined {
  const run = runOf(ins);
  if (run.form === 'exec' || !/^(?:.*[\\/])?powershell(?:\.exe)?$/i.test(run.shell[0] ?? '') || !shellInstruction(ins)) return undefined;
  const body = run.form === 'heredoc' ? run.heredocs[0]?.body : run.rest;
  if (!body) return undefined;
  const text = body.text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '`') i++;
    else if (c === "'" || c === '"') {
      // PowerShell strings: '' inside '...', `" or "" inside "...".
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '`') i++;
        else if (text[i] === c && text[i + 1] === c) i++;
        else if (text[i] === c) break;
      }
    } else if (c === '#' && (i === 0 || /\s|;/.test(text[i - 1] as string))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((c === '&' || c === '|') && text[i + 1] === c) {
      const [a, b] = body.span(i, i + 2);
      return ctx.model.source.range(a, b);
    }
  }
  return undefined;
}

export const rule: Rule = {
  id: 'WF601',
  check(ctx) {
    const { model } = ctx;
    for (const ar of analysedRuns(model, (run) => ctx.analysis(run))) {
      const { run, analysis } = ar;
      // Exec form that starts a program directly has no shell to parse anything.
      if (!throughShell(run)) continue;
      // A base image may set a PowerShell SHELL in its config: cmd's complaints about such a body
      // say nothing. PowerShell written for cmd is WF606's finding, with a better message.
      const cmdTrusted = (analysis.scripts[0]?.language !== 'cmd' || shellKnown(run)) && !powershellInCmd(model, ar);
      const errors = analysis.syntaxErrors
        .filter((e) => e.language === 'powershell' || cmdTrusted)
        .sort((a, b) => a.range.start.offset - b.range.start.offset);
      // Later errors usually follow from the first one.
      const first = errors[0];
      if (!first) {
        const chain = chainOperator(ctx, run);
        if (chain) ctx.report({ range: chain, instruction: run, messageId: 'chain', data: { op: model.source.text.slice(chain.start.offset, chain.end.offset) } });
        continue;
      }
      // `&&` or `|` at the very end of the RUN: a missing line continuation, which WF312 reports.
      const after = model.source.text.slice(first.range.end.offset, run.range.end.offset);
      if (/^Expected a command after '(?:&&|\|\|?)'/.test(first.message) && after.trim() === '') continue;
      ctx.report({ range: first.range, instruction: run, data: { language: LANGUAGE[first.language], message: first.message } });
    }
  },
};
