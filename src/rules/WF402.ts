import { craneHas, craneImageStages, craneSince } from '../model/crane-flags.ts';
import { formatVersion } from '../util/version.ts';
import type { Rule } from './types.ts';

/** Docker's port keys (`80` -> `80/tcp`, ranges one key per port), as `--exposed-ports` must spell them. */
export function portKeys(spec: string): string[] {
  const [ports = '', proto = 'tcp'] = spec.split('/');
  const m = /^(\d+)-(\d+)$/.exec(ports);
  const p = proto.toLowerCase();
  if (!m) return [`${ports}/${p}`];
  const [a, b] = [Number(m[1]), Number(m[2])];
  return b - a > 20 || b < a ? [`${ports}/${p}`] : Array.from({ length: b - a + 1 }, (_, i) => `${a + i}/${p}`);
}

export const rule: Rule = {
  id: 'WF402',
  check(ctx) {
    const v = ctx.craneVersion;
    const flag = craneHas(v, 'mutate', 'exposed-ports');
    // With neither the flag nor `edit config`, WF404 reports the release as too old instead.
    if (!flag && !craneHas(v, 'edit config')) return;
    const exposes = craneImageStages(ctx.model).flatMap((s) => s.instructions.filter((i) => i.keyword === 'EXPOSE'));
    const all = [...new Set(exposes.flatMap((i) => i.args.flatMap((a) => portKeys(a.value))))].join(',');
    for (const ins of exposes) {
      ctx.report({
        range: ins.keywordRange,
        instruction: ins,
        messageId: flag ? undefined : 'noflag',
        data: { ports: ins.args.map((a) => a.value).join(' '), all, version: formatVersion(v), since: craneSince('mutate', 'exposed-ports') ?? '' },
      });
    }
  },
};
