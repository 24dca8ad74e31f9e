import { classifyWindowsPath, isRemoteSource, pathArgs } from '../model/paths.ts';
import type { Rule } from './types.ts';

const KINDS: Record<string, string | undefined> = { 'other-drive': undefined, unc: 'unc', 'bad-colon': 'colon' };

export const rule: Rule = {
  id: 'WF307',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        for (const { arg, role } of pathArgs(ins)) {
          // URLs and git sources are fetched, not resolved as paths; an unset variable may change the value.
          if (arg.unset.length > 0 || (role === 'source' && isRemoteSource(arg.value))) continue;
          const c = classifyWindowsPath(arg.value);
          if (!(c.kind in KINDS)) continue;
          const subject = role === 'workdir' ? 'WORKDIR' : `${ins.keyword} ${role === 'dest' ? 'destination' : 'source'}`;
          ctx.report({
            range: arg.range,
            instruction: ins,
            messageId: KINDS[c.kind],
            data: { subject, value: arg.value, drive: c.drive ?? '', prefix: arg.value.slice(0, arg.value.indexOf(':')), error: c.error ?? '' },
          });
        }
      }
    }
  },
};
