import type { DockerfileModel, Instruction, Stage } from '../../model/types.ts';

/** How messages name a stage: its name, else its index. */
export function stageLabel(stage: Stage): string {
  return String(stage.name ?? stage.index);
}

/** For COPY/ADD --from: the earlier stage it names, else the image text as written. */
export function copySource(model: DockerfileModel, ins: Instruction): Stage | string | undefined {
  const from = ins.flags.find((f) => f.name === 'from')?.value;
  if (from === undefined) return undefined;
  const lower = from.toLowerCase();
  return model.stages.find((s) => (s.name === lower || String(s.index) === from) && s.index < (ins.stage?.index ?? Infinity)) ?? from;
}

/** The stage and every stage it needs (its FROM chain and what it copies from), in file order. */
export function stageClosure(model: DockerfileModel, stage: Stage): Stage[] {
  const out = new Set<Stage>();
  const visit = (s: Stage) => {
    if (out.has(s)) return;
    out.add(s);
    if (s.parent) visit(s.parent);
    for (const ins of s.instructions) {
      const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? copySource(model, ins) : undefined;
      if (from && typeof from !== 'string') visit(from);
    }
  };
  visit(stage);
  return [...out].sort((a, b) => a.index - b.index);
}

/** The first stage of a closure that a Windows host cannot build, if any. */
export function linuxStageIn(stages: Stage[]): Stage | undefined {
  return stages.find((s) => s.os === 'linux');
}
