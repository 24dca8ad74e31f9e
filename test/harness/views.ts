import type { Instruction } from '../../src/model/types.ts';
import type { BuildPlan, LinuxStage, LinuxStep, TargetStep } from '../../src/plan/types.ts';

/**
 * Instructions reduced to what BuildKit does with them (values after its word expansion, flags,
 * exec-form argv), so that the converted file, parsed back, can be compared with the plan that
 * produced it. `expectedViews` states what the plan asks for without looking at the emitter;
 * `actualView` reads a parsed instruction of the output.
 */
export type View = Record<string, unknown> & { kw: string };

function pairs(values: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < values.length; i += 3) out.push([values[i] as string, values[i + 1] as string]);
  return out;
}

export function actualView(ins: Instruction): View {
  const kw = ins.keyword;
  const flags = Object.fromEntries(ins.flags.map((f) => [f.name, f.value ?? true]));
  const values = ins.args.map((a) => a.value);
  switch (kw) {
    case 'FROM':
      return { kw, image: ins.args[0]?.raw, name: ins.args[2]?.raw, platform: flags['platform'] };
    case 'ARG': {
      const eq = values[0]?.indexOf('=') ?? -1;
      return { kw, name: eq < 0 ? values[0] : values[0]?.slice(0, eq), default: eq < 0 ? undefined : values[0]?.slice(eq + 1), count: values.length };
    }
    case 'ENV':
    case 'LABEL':
      return { kw, pairs: pairs(values) };
    case 'COPY':
    case 'ADD':
      return { kw, flags, values };
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return { kw, values };
    case 'EXPOSE':
    case 'VOLUME':
      return { kw, values };
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      return { kw, argv: ins.form === 'exec' ? values : `shell form: ${ins.rest.text}` };
    case 'HEALTHCHECK': {
      const type = values[0]?.toUpperCase();
      const test = type === 'NONE' ? 'NONE' : ins.form === 'exec' ? ['CMD', ...values.slice(1)] : ['CMD-SHELL', ins.rest.text.replace(/^CMD\s+/i, '')];
      return { kw, options: flags, test };
    }
    case 'ONBUILD':
      return { kw, text: ins.rest.text };
    case 'RUN':
      return ins.heredocs.length > 0 ? { kw, heredoc: true } : { kw, shell: ins.rest.text };
    default:
      return { kw, text: ins.rest.text };
  }
}

/** The Windows image's instructions, from the plan's target steps. */
export function targetView(step: TargetStep): View {
  switch (step.kind) {
    case 'copy': {
      const from = 'stage' in step.from ? step.from.stage : 'image' in step.from ? step.from.image : undefined;
      const flags: Record<string, unknown> = step.add ? {} : { link: true };
      if (from !== undefined) flags['from'] = from;
      return { kw: step.add ? 'ADD' : 'COPY', flags, values: [...step.sources, step.dest] };
    }
    case 'add-url':
      return { kw: 'ADD', flags: step.checksum ? { checksum: step.checksum } : {}, values: [step.url, step.dest] };
    case 'env':
      return { kw: 'ENV', pairs: step.pairs };
    case 'label':
      return { kw: 'LABEL', pairs: step.pairs };
    case 'workdir':
      return { kw: 'WORKDIR', values: [step.path] };
    case 'user':
      return { kw: 'USER', values: [step.user] };
    case 'stopsignal':
      return { kw: 'STOPSIGNAL', values: [step.signal] };
    case 'expose':
      return { kw: 'EXPOSE', values: step.ports };
    case 'volume':
      return { kw: 'VOLUME', values: step.paths };
    case 'cmd':
      return { kw: 'CMD', argv: step.argv };
    case 'entrypoint':
      return { kw: 'ENTRYPOINT', argv: step.argv };
    case 'shell':
      return { kw: 'SHELL', argv: step.argv };
    case 'healthcheck':
      return { kw: 'HEALTHCHECK', options: step.options, test: step.test };
    case 'onbuild':
      return { kw: 'ONBUILD', text: step.text };
  }
}

/** Steps of a converted Linux stage that are instructions of their own; the rest run in scripts. */
export function linuxStepView(step: LinuxStep): View | undefined {
  switch (step.kind) {
    case 'fetch':
      return step.checksum ? { kw: 'ADD', flags: { checksum: `${step.checksum.algorithm}:${step.checksum.value}` }, values: [step.url, step.dest] } : undefined;
    case 'copy-in':
      return { kw: 'COPY', flags: step.from ? { from: step.from } : {}, values: [...step.sources, step.dest] };
    case 'workdir':
      return { kw: 'WORKDIR', values: [step.path] };
    case 'env':
      return { kw: 'ENV', pairs: step.pairs };
    case 'arg':
      return { kw: 'ARG', name: step.name, default: step.default, count: 1 };
    default:
      return undefined;
  }
}

/**
 * One converted Linux stage as instructions: FROM, the package install, then its steps, where
 * consecutive script steps share one RUN heredoc (`script` lists them for the script check).
 */
export function linuxStageViews(stage: LinuxStage): (View & { script?: LinuxStep[] })[] {
  const out: (View & { script?: LinuxStep[] })[] = [{ kw: 'FROM', image: stage.image, name: stage.name, platform: stage.platform ?? '$BUILDPLATFORM' }];
  if (stage.packages?.length) out.push({ kw: 'RUN', shell: 'apk add ...' });
  let script: LinuxStep[] | undefined;
  for (const step of stage.steps) {
    const v = linuxStepView(step);
    if (v) {
      out.push(v);
      script = undefined;
    } else if (script) {
      script.push(step);
    } else {
      script = [step];
      out.push({ kw: 'RUN', heredoc: true, script });
    }
  }
  return out;
}

/** Global ARGs the plan keeps, then the Windows version ARG. */
export function globalViews(plan: BuildPlan): View[] {
  const out: View[] = plan.globalArgs.map((a) => ({ kw: 'ARG', name: a.name, default: a.default, count: 1 }));
  if (plan.windowsVersion) out.push({ kw: 'ARG', name: plan.windowsVersion.arg, default: plan.windowsVersion.default, count: 1 });
  return out;
}
