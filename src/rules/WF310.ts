import { displayWindowsPath, eatenByEscape, resolvePathArg, windowsPaths, workdirLabel } from '../model/paths.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF310',
  check(ctx) {
    const { model } = ctx;
    for (const { ins, arg, role, path: c } of windowsPaths(model)) {
      // Drive-relative only because the escape character ate a backslash: WF301 reports it.
      if (role === 'source' || c.kind !== 'drive-relative' || eatenByEscape(model, arg)) continue;
      const r = resolvePathArg(ins, role, arg.value);
      if (r.path === undefined) continue;
      ctx.report({
        range: arg.range,
        instruction: ins,
        messageId: role === 'dest' ? undefined : 'workdir',
        data: { keyword: ins.keyword, value: arg.value, drive: c.drive ?? 'C', workdir: workdirLabel(r.workdir), result: displayWindowsPath(r.path), rest: c.path ?? '' },
      });
    }
  },
};
