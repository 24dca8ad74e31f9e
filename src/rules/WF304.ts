import type { Directive } from '../parse/directives.ts';
import type { Rule, RuleContext, TextFix } from './types.ts';

/** Delete the directive's line and write it as line 1 (after a byte-order mark, if the text kept one). */
function moveToTop(ctx: RuleContext, d: Directive): TextFix {
  const src = ctx.model.source;
  const line = d.range.start.line;
  const eol = src.text.includes('\r\n') ? '\r\n' : '\n';
  const top = src.text.startsWith('\uFEFF') ? 1 : 0;
  const directive = src.text.slice(d.range.start.offset, d.range.end.offset);
  // An ignored directive always has an instruction after it, so its line has a line end.
  const del = src.range(src.lineStart(line), src.lineStart(line + 1));
  return {
    description: 'Move the directive to the first line',
    edits: [
      { range: src.range(top, top), text: directive + eol },
      { range: del, text: '' },
    ],
  };
}

export const rule: Rule = {
  id: 'WF304',
  check(ctx) {
    const { model } = ctx;
    for (const d of model.directives) {
      if (d.honoured) continue;
      const active = model.directives.find((x) => x.honoured && x.name === d.name);
      const effective = d.name === 'escape' ? model.escape : active?.value;
      // Same value as what is in effect: ignoring it changes nothing.
      if (d.value === effective) continue;
      // Since 2025, a `# check=` comment right above an instruction applies to that instruction.
      if (d.name === 'check' && model.instructions.some((i) => i.comments.some((c) => c.line === d.range.start.line))) continue;
      const valid = d.name !== 'escape' || d.value === '`' || d.value === '\\';
      let messageId = d.name === 'escape' ? (d.value === '`' ? undefined : 'escapeOther') : d.name;
      if (d.name !== 'escape' && active) messageId = 'overridden';
      ctx.report({
        range: d.range,
        messageId,
        data: { name: d.name, value: d.value, line: d.range.start.line, reason: d.reason ?? '', effective: effective ?? '' },
        // A second directive of the same name at the top would be rejected as a duplicate.
        ...(active || !valid ? {} : { fix: moveToTop(ctx, d) }),
      });
    }
  },
};
