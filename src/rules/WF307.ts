import { isRemoteSource, windowsPaths } from '../model/paths.ts';
import type { Rule } from './types.ts';

const KINDS: Record<string, string | undefined> = { 'other-drive': undefined, unc: 'unc', 'bad-colon': 'colon' };

export const rule: Rule = {
  id: 'WF307',
  check(ctx) {
    for (const { ins, arg, role, path: c } of windowsPaths(ctx.model)) {
      // URLs and git sources are fetched, not resolved as paths.
      if ((role === 'source' && isRemoteSource(arg.value)) || !(c.kind in KINDS)) continue;
      const subject = role === 'workdir' ? 'WORKDIR' : `${ins.keyword} ${role === 'dest' ? 'destination' : 'source'}`;
      ctx.report({
        range: arg.range,
        instruction: ins,
        messageId: KINDS[c.kind],
        data: { subject, value: arg.value, drive: c.drive ?? '', prefix: arg.value.slice(0, arg.value.indexOf(':')), error: c.error ?? '' },
      });
    }
  },
};
