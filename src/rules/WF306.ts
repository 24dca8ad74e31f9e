import { eatenByEscape, windowsPaths } from '../model/paths.ts';
import type { Rule } from './types.ts';

export const rule: Rule = {
  id: 'WF306',
  check(ctx) {
    const { model } = ctx;
    const text = model.source.text;
    for (const { ins, arg, role, path: c } of windowsPaths(model)) {
      // `C:\` that the escape character shrank to `C:` is WF301's finding, with its own fix.
      if (role === 'source' || c.kind !== 'drive-only' || eatenByEscape(model, arg)) continue;
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
  },
};
