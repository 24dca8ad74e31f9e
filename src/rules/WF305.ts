import type { Instruction } from '../model/types.ts';
import type { Rule, RuleContext } from './types.ts';
import { backslashesToDouble, diagnoseJsonArray } from './WF305.json.ts';

const JSON_FORMS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'HEALTHCHECK', 'COPY', 'ADD', 'VOLUME']);
const LISTS = new Set(['COPY', 'ADD', 'VOLUME']);
// `[Net.ServicePointManager]::...` is PowerShell, not a JSON attempt: only a quote after `[` is.
const LOOKS_JSON = /^\[\s*["'“”‘’]/;
const CONTROL: Record<string, string> = { b: 'backspace', f: 'form feed', n: 'newline', r: 'carriage return', t: 'tab' };

/** Index in `ins.rest.text` where the would-be JSON array starts, if the author meant one. */
function arrayStart(ins: Instruction): number | undefined {
  let at = 0;
  if (ins.keyword === 'HEALTHCHECK') {
    const m = /^(\S+)\s+/.exec(ins.rest.text);
    if (!m || m[1]?.toUpperCase() !== 'CMD') return undefined;
    at = m[0].length;
  }
  return LOOKS_JSON.test(ins.rest.text.slice(at)) ? at : undefined;
}

function doubling(ins: Instruction, ctx: RuleContext, start: number, text: string) {
  const at = backslashesToDouble(text);
  if (!at) return {};
  const edits = at.map((k) => {
    const o = ins.rest.offsetAt(start + k);
    return { range: ctx.model.source.range(o, o), text: '\\' };
  });
  return { fix: { description: 'Double the backslashes', edits } };
}

function check(ctx: RuleContext, ins: Instruction, report: Instruction): void {
  if (!JSON_FORMS.has(ins.keyword)) return;
  const start = arrayStart(ins);
  if (start === undefined) return;
  const text = ins.rest.text.slice(start);
  const src = ctx.model.source;
  const span = (a: number, b: number) => src.range(...ins.rest.span(start + a, start + b));
  if (ins.form !== 'exec') {
    const p = diagnoseJsonArray(text);
    if (!p) return;
    const messageId = ins.keyword === 'SHELL' ? 'shell' : LISTS.has(ins.keyword) ? 'list' : undefined;
    const shell = (ins.shell.length > 0 ? ins.shell : report.shell).join(' ');
    ctx.report({ range: span(p.at, p.at + p.length), instruction: report, messageId, data: { keyword: ins.keyword, problem: p.problem, shell }, ...(p.backslash ? doubling(ins, ctx, start, text) : {}) });
    return;
  }
  // Valid JSON can still be wrong: `"C:\temp"` holds a tab where a backslash was meant.
  const first = ins.args.find((a, i) => {
    if (ins.keyword === 'HEALTHCHECK' && i === 0) return false;
    const token = src.text.slice(a.range.start.offset, a.range.end.offset);
    return /[A-Za-z]:\\/.test(token) && /(?<!\\)(?:\\\\)*\\[bfnrt]/.test(token);
  });
  if (!first) return;
  const token = src.text.slice(first.range.start.offset, first.range.end.offset);
  const m = /(?<!\\)(?:\\\\)*(\\[bfnrt])/.exec(token) as RegExpExecArray;
  const seq = m[1] as string;
  const o = first.range.start.offset + m.index + m[0].length - 2;
  ctx.report({
    range: src.range(o, o + 2),
    instruction: report,
    messageId: 'control',
    data: { keyword: ins.keyword, token, seq, name: CONTROL[seq[1] as string] as string },
    ...doubling(ins, ctx, start, text),
  });
}

export const rule: Rule = {
  id: 'WF305',
  check(ctx) {
    for (const ins of ctx.model.instructions) {
      check(ctx, ins, ins);
      if (ins.trigger) check(ctx, ins.trigger, ins);
    }
  },
};
