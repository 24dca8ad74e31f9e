import type { Instruction, Stage } from '../model/types.ts';
import { atLeast, formatVersion } from '../util/version.ts';
import type { Rule } from './types.ts';

/** A CMD, ENTRYPOINT or HEALTHCHECK whose command line the image's Shell runs. */
function usesShell(ins: Instruction): boolean {
  if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') return ins.form === 'shell';
  return ins.keyword === 'HEALTHCHECK' && ins.form === 'shell' && ins.args[0]?.value.toUpperCase() === 'CMD';
}

/** The instructions a SHELL applies to: the rest of its stage and stages built FROM it, up to the next SHELL. */
function affected(stages: Stage[], stage: Stage, from: Instruction | undefined): Instruction[] {
  const out: Instruction[] = [];
  let active = from === undefined;
  for (const ins of stage.instructions) {
    if (ins === from) active = true;
    else if (active && ins.keyword === 'SHELL') return out;
    else if (active && usesShell(ins)) out.push(ins);
  }
  if (!active) return out;
  for (const child of stages) if (child.parent === stage) out.push(...affected(stages, child, undefined));
  return out;
}

export const rule: Rule = {
  id: 'WF503',
  check(ctx) {
    const { stages } = ctx.model;
    const editConfig = atLeast(ctx.craneVersion, 'v0.11.0');
    for (const stage of stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'SHELL' || ins.form !== 'exec' || ins.args.length === 0) continue;
        const uses = affected(stages, stage, ins);
        const data = { shell: ins.args[0]?.value ?? '', uses: uses.map((u) => `${u.keyword} on line ${u.range.start.line}`).join(', ') };
        let messageId = uses.length > 0 ? undefined : 'none';
        let workaround: string | undefined;
        if (ctx.target === 'crane') {
          messageId = uses.length > 0 ? 'crane' : 'craneNone';
          if (!editConfig && uses.length > 0) {
            workaround = `Write ${data.uses} in exec form with the shell spelled out (["powershell", "-Command", "..."]). crane ${formatVersion(ctx.craneVersion)} predates \`crane edit config\` (v0.11.0), the only crane command that can set the config's Shell.`;
          }
        }
        ctx.report({ range: ins.keywordRange, instruction: ins, messageId, data, workaround });
      }
    }
  },
};
