import { userKey, userOf, usersCreatedBefore } from '../model/users.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF501',
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        const arg = ins.keyword === 'USER' ? ins.args[0] : undefined;
        if (!arg || arg.unset.length > 0) continue;
        const user = userOf(arg.value);
        // The account only exists if that RUN executes, which a Linux builder cannot do.
        const created = usersCreatedBefore(stage, ins).get(userKey(user));
        if (!created) continue;
        ctx.report({ range: arg.range, instruction: ins, data: { user, line: created.run.range.start.line, how: created.how } });
      }
    }
  },
};
