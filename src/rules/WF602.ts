import { analysedRuns, sameFile, valueText } from '../analyze/effects/queries.ts';
import type { DownloadEffect, VerifyEffect } from '../analyze/effects/types.ts';
import type { Stage } from '../model/types.ts';
import type { Rule } from './types.ts';

// Checksum and signature files are what a check compares against; they need no hash of their own.
const CHECKSUM_FILE = /(?:\.(?:asc|sig|sign|gpg|sha1|sha256|sha512|md5|sha256sum|sha512sum)|(?:sha\d*(?:sums?\d*)?|checksums?|md5sums?)\.txt)$/i;

export const rule: Rule = {
  id: 'WF602',
  check(ctx) {
    const runs = analysedRuns(ctx.model, (run) => ctx.analysis(run));
    // A check may come after the download in the same RUN or in a later RUN of the stage. Effects
    // are in execution order (a function's body where it is called), which their ranges are not.
    const verifies = new Map<Stage, Array<{ at: number; v: VerifyEffect }>>();
    const order = new Map<DownloadEffect, number>();
    let at = 0;
    for (const { stage, analysis } of runs) {
      const list = verifies.get(stage) ?? [];
      for (const e of analysis.effects) {
        at++;
        if (e.kind === 'verify') list.push({ at, v: e });
        if (e.kind === 'download') order.set(e, at);
      }
      verifies.set(stage, list);
    }
    for (const { run, stage, analysis } of runs) {
      for (const d of analysis.effects.filter((e): e is DownloadEffect => e.kind === 'download')) {
        const output = d.output;
        // In-memory downloads feed later commands (iwr | iex is WF613); a git clone is pinned by its ref, not a hash.
        if (!output || /^git(?:\.exe)?$/i.test(d.command) || CHECKSUM_FILE.test(valueText(output)) || CHECKSUM_FILE.test(valueText(d.url))) continue;
        const from = order.get(d) ?? 0;
        const later = (verifies.get(stage) ?? []).filter((x) => x.at > from && x.v.file && sameFile(x.v.file, output)).map((x) => x.v);
        if (later.some((v) => v.onMismatch !== 'none')) continue;
        const data = { url: valueText(d.url), file: valueText(output) };
        const hashed = later[0];
        if (hashed) ctx.report({ range: d.url.range, instruction: run, messageId: 'unchecked', data: { ...data, command: hashed.command, line: hashed.range.start.line } });
        else ctx.report({ range: d.url.range, instruction: run, data });
      }
    }
  },
};
