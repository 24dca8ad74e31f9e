import { craneHas, craneImageStages, craneSince } from '../model/crane-flags.ts';
import type { Instruction } from '../model/types.ts';
import { formatVersion } from '../util/version.ts';
import type { Rule } from './types.ts';

interface Plan {
  field: string;
  jq: string;
  k8s: string;
}

const q = (s: string) => JSON.stringify(s);

/** The config field, the jq edit that sets it, and the pod-spec equivalent. */
function plan(ins: Instruction): Plan | undefined {
  const values = ins.args.map((a) => a.value);
  switch (ins.keyword) {
    case 'VOLUME':
      return { field: 'Volumes', jq: `.config.Volumes += {${values.map((p) => `${q(p)}: {}`).join(', ')}}`, k8s: `a pod volume mounted with volumeMounts at ${values.join(', ')}` };
    case 'HEALTHCHECK': {
      const [type = '', ...cmd] = values;
      if (type.toUpperCase() === 'NONE') return { field: 'Healthcheck', jq: '.config.Healthcheck = {"Test": ["NONE"]}', k8s: 'no probe' };
      const test = ins.form === 'exec' ? ['CMD', ...cmd] : ['CMD-SHELL', ...cmd];
      const command = ins.form === 'exec' ? cmd : [...ins.shell, ...cmd];
      return { field: 'Healthcheck', jq: `.config.Healthcheck = {"Test": ${JSON.stringify(test)}}`, k8s: `a livenessProbe or readinessProbe with exec.command ${JSON.stringify(command)}` };
    }
    case 'STOPSIGNAL':
      return { field: 'StopSignal', jq: `.config.StopSignal = ${q(values[0] ?? '')}`, k8s: 'none, Windows containers are not stopped with signals (see terminationGracePeriodSeconds)' };
    case 'ONBUILD':
      return { field: 'OnBuild', jq: `.config.OnBuild += [${q(ins.rest.text)}]`, k8s: 'none, ONBUILD only affects images built FROM this one' };
    default:
      return undefined;
  }
}

export const rule: Rule = {
  id: 'WF403',
  check(ctx) {
    const edit = craneHas(ctx.craneVersion, 'edit config');
    for (const stage of craneImageStages(ctx.model)) {
      for (const ins of stage.instructions) {
        const p = plan(ins);
        if (!p) continue;
        ctx.report({
          range: ins.keywordRange,
          instruction: ins,
          messageId: edit ? undefined : 'noedit',
          data: { keyword: ins.keyword, ...p, version: formatVersion(ctx.craneVersion), since: craneSince('edit config') ?? '' },
        });
      }
    }
  },
};
