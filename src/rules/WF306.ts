import { classifyWindowsPath, droppedBackslashes, pathArgs } from '../model/paths.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF306',
  check(ctx) {
    const { model } = ctx;
    const text = model.source.text;
    for (const stage of model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        for (const { arg, role } of pathArgs(ins)) {
          if (role === 'source' || arg.unset.length > 0) continue;
          // `C:\` that the escape character shrank to `C:` is WF301's finding, with its own fix.
          if (model.escape === '\\' && droppedBackslashes(arg.raw).length > 0) continue;
          const c = classifyWindowsPath(arg.value);
          if (c.kind !== 'drive-only') continue;
          const written = text.slice(arg.range.start.offset, arg.range.end.offset);
          const colon = arg.range.start.offset + written.lastIndexOf(':');
          // Only when the drive is written literally (not from a variable), is the system drive,
          // and is on the instruction's first line: on a continuation line it may be the debris of
          // an accidental continuation (WF302), which a `/` here would not repair.
          const literal = /^["']?[cC]:["']?$/.test(written) && arg.range.start.line === ins.range.start.line;
          ctx.report({
            range: arg.range,
            instruction: ins,
            data: { subject: role === 'dest' ? `${ins.keyword} destination` : 'WORKDIR', value: arg.value, error: c.error ?? '' },
            ...(literal ? { fix: { description: 'Write the root of C: as C:/', edits: [{ range: model.source.range(colon + 1, colon + 1), text: '/' }] } } : {}),
          });
        }
      }
    }
  },
};
