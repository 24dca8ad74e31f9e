import craneTable from '../generated/crane.json' with { type: 'json' };
import { isContainerUser, userKey, userOf, usersCreatedBefore } from '../model/users.ts';
import { rootStage } from '../model/versions.ts';
import { atLeast } from '../util/version.ts';
import type { Rule } from './types.ts';

const USER_FLAG_SINCE = craneTable.commands.mutate.flags.user;

export const rule: Rule = {
  id: 'WF502',
  check(ctx) {
    const oldCrane = ctx.target === 'crane' && !atLeast(ctx.craneVersion, USER_FLAG_SINCE);
    for (const stage of ctx.model.stages) {
      if (stage.os !== 'windows') continue;
      const hostProcess = rootStage(stage).catalog?.variant.family === 'hostprocess';
      for (const ins of stage.instructions) {
        const arg = ins.keyword === 'USER' ? ins.args[0] : undefined;
        if (!arg || arg.unset.length > 0) continue;
        const user = userOf(arg.value);
        // The built-in Administrator account exists in Windows images (unlike root); whether it is
        // usable is up to the image, so the name alone is no finding.
        if (user === '' || isContainerUser(user) || userKey(user) === 'administrator') continue;
        // HostProcess containers run as host accounts (NT AUTHORITY\SYSTEM, LocalService...).
        if (hostProcess && /^NT AUTHORITY\\/i.test(user)) continue;
        // WF501 reports accounts a RUN creates.
        if (usersCreatedBefore(stage, ins).has(userKey(user))) continue;
        const linux = /^(?:root|\d+)$/i.test(user);
        const messageId = `${linux ? 'linux' : 'unknown'}${oldCrane ? 'Crane' : ''}`;
        ctx.report({ range: arg.range, instruction: ins, messageId: messageId === 'unknown' ? undefined : messageId, data: { user, since: USER_FLAG_SINCE } });
      }
    }
  },
};
