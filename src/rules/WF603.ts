import { analysedRuns, valueText } from '../analyze/effects/queries.ts';
import type { Value } from '../analyze/effects/types.ts';
import type { Rule } from './types.ts';

// Plain-text protocols; a loopback address never leaves the build container.
const PLAIN = /^(http|ftp):\/\/(?!(?:localhost|127(?:\.\d+){3}|\[::1\])(?:[:/]|$))/i;

export const rule: Rule = {
  id: 'WF603',
  check(ctx) {
    for (const { run, analysis } of analysedRuns(ctx.model, (r) => ctx.analysis(r))) {
      for (const e of analysis.effects) {
        // A script fetched and run at once (iwr ... | iex) is a run effect whose program is the URL.
        const url: Value | undefined = e.kind === 'download' ? e.url : e.kind === 'run' && /^(?:https?|ftp):/i.test(e.program.text ?? '') ? e.program : undefined;
        const m = url?.text === undefined ? null : PLAIN.exec(url.text);
        if (!url || !m) continue;
        ctx.report({ range: url.range, instruction: run, messageId: e.kind === 'run' ? 'script' : undefined, data: { url: valueText(url), protocol: (m[1] as string).toUpperCase() } });
      }
    }
  },
};
