import { classifyWindowsPath, displayWindowsPath, droppedBackslashes, pathArgs, resolvePathArg, workdirLabel } from '../model/paths.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF310',
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        for (const { arg, role } of pathArgs(ins)) {
          if (role === 'source' || arg.unset.length > 0) continue;
          // Drive-relative only because the escape character ate a backslash: WF301 reports it.
          if (model.escape === '\\' && droppedBackslashes(arg.raw).length > 0) continue;
          const c = classifyWindowsPath(arg.value);
          if (c.kind !== 'drive-relative') continue;
          const r = resolvePathArg(ins, role, arg.value);
          if (r.path === undefined) continue;
          ctx.report({
            range: arg.range,
            instruction: ins,
            messageId: role === 'dest' ? undefined : 'workdir',
            data: { keyword: ins.keyword, value: arg.value, drive: c.drive ?? 'C', workdir: workdirLabel(r.workdir), result: displayWindowsPath(r.path), rest: c.path ?? '' },
          });
        }
      }
    }
  },
};
