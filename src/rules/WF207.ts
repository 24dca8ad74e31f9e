import type { Arg } from '../model/types.ts';
import { rootStage } from '../model/versions.ts';
import type { Rule } from './types.ts';

const DEFAULTS = ['C:\\Windows\\system32', 'C:\\Windows'];

/** The default directories a PATH value leaves out (case-insensitive; `/` and a trailing `\` allowed). */
function missingDefaults(value: string): string[] {
  const entries = new Set(value.split(';').map((e) => e.trim().replace(/^"|"$/g, '').replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase()));
  return DEFAULTS.filter((d) => !entries.has(d.toLowerCase()));
}

export const rule: Rule = {
  id: 'WF207',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      const root = rootStage(stage);
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ENV') continue;
        for (let i = 0; i + 1 < ins.args.length; i += 3) {
          const key = ins.args[i] as Arg;
          const val = ins.args[i + 1] as Arg;
          if (key.value.toLowerCase() !== 'path') continue;
          const missing = missingDefaults(val.value);
          if (missing.length === 0) continue;
          // On a Linux builder ENV keys are case-sensitive (shell.EqualEnvKeys of the builder host),
          // so `Path` becomes a variable of its own next to any PATH.
          const note = key.value === 'PATH' ? '' : `; on a Linux builder ENV keys are case-sensitive, so ${key.value} is a separate variable from PATH`;
          const ref = val.unset.find((n) => n.toLowerCase() === 'path');
          let messageId: string | undefined;
          if (ref !== undefined) messageId = root.catalog ? 'pathRef' : 'pathRefUnknown';
          else if (/%path%/i.test(val.raw)) messageId = 'percent';
          ctx.report({
            range: { start: key.range.start, end: val.range.end },
            instruction: ins,
            messageId,
            data: { key: key.value, value: val.value, ref: ref ?? '', missing: missing.join(' and '), image: root.image, note },
          });
        }
      }
    }
  },
};
