import type { DockerfileModel, Instruction, Stage } from '../../model/types.ts';
import { parameterise, stageWindowsVersion } from '../../model/versions.ts';
import { originOf } from '../decisions.ts';
import type { DependencyImage } from '../deps-types.ts';
import type { ChainStep } from './chain.ts';
import type { DepsContext } from './context.ts';
import { windowsForm } from './paths.ts';
import type { Included } from './select.ts';
import type { StageFiles } from './stage-files.ts';
import { writtenText } from '../../model/written-text.ts';
import { uniqueName } from '../../util/unique-name.ts';

/** Stage names in Dockerfile.deps, by stage index: unnamed stages get one, for `--from=<index>` to name. */
export type StageNames = Map<number, string>;

export function stageNames(model: DockerfileModel): StageNames {
  const names: StageNames = new Map();
  const taken = new Set(model.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));
  for (const s of model.stages) names.set(s.index, s.name ?? uniqueName(`stage-${s.index}`, taken));
  return names;
}

/** The instruction as written, with `--from=<index>` naming the stage instead. */
function verbatim(model: DockerfileModel, names: StageNames, ins: Instruction): string {
  const text = writtenText(model, ins);
  const flag = ins.flags.find((f) => f.name === 'from' && f.value !== undefined && /^\d+$/.test(f.value));
  const stageName = flag ? names.get(Number(flag.value)) : undefined;
  if (!flag || !stageName) return text;
  const start = flag.range.start.offset - ins.range.start.offset;
  const end = flag.range.end.offset - ins.range.start.offset;
  return `${text.slice(0, start)}--from=${stageName}${text.slice(end)}`;
}

/** The instruction with the comments written above it (pragmas left out, as the converted build does). */
function commented(model: DockerfileModel, names: StageNames, ins: Instruction, note?: string): string[] {
  const comments = originOf(ins).comments ?? [];
  return [...comments.map((t) => `# ${t}`), ...(note ? [`# ${note}`] : []), verbatim(model, names, ins)];
}

/**
 * The base of a Windows stage follows WINDOWS_VERSION where it names the same Windows version as
 * the final image: a host runs only its own version's containers.
 */
function fromLine(ctx: DepsContext, names: StageNames, stage: Stage): string {
  const { plan, options } = ctx;
  const wv = plan.windowsVersion;
  const finalVersion = stageWindowsVersion(ctx.root, options.catalog)?.version.id;
  const name = names.get(stage.index) as string;
  const platform = stage.platform ? `--platform=${stage.platform.raw} ` : '';
  let image = stage.imageText;
  const v = !stage.parent ? stageWindowsVersion(stage, options.catalog) : undefined;
  if (wv && v && stage.ref && v.version.id === finalVersion) image = parameterise(stage.imageText, stage.image, stage.ref.tag, v.token, wv.arg) ?? image;
  else if (stage.parent) image = names.get(stage.parent.index) ?? image;
  return `FROM ${platform}${image} AS ${name}`;
}

/** The stages Dockerfile.deps builds before its final stage, as written but for their FROM lines. */
export function dockerfileStages(ctx: DepsContext, names: StageNames, stages: Set<Stage>): DependencyImage['stages'] {
  return [...stages]
    .sort((a, b) => a.index - b.index)
    .map((s) => ({
      name: names.get(s.index) as string,
      lines: [fromLine(ctx, names, s), ...s.instructions.slice(1).flatMap((ins) => commented(ctx.model, names, ins))],
    }));
}

/**
 * Dockerfile.deps' final stage after its FROM: the files of moved stages, then the chain's context
 * (ARG, ENV, SHELL, WORKDIR, USER) and the RUNs and COPYs it runs, up to the last of those.
 */
export function finalStageLines(model: DockerfileModel, names: StageNames, files: StageFiles, steps: ChainStep[], included: Map<number, Included>): DependencyImage['lines'] {
  const lines: DependencyImage['lines'] = [];
  for (const [s, paths] of files.paths) {
    lines.push(`# The files the image takes from stage ${names.get(s.index)}, at the paths they have there.`);
    for (const p of paths) {
      const dest = /[*?[]/.test(p) ? `${windowsForm(p.slice(0, p.lastIndexOf('/')))}/` : windowsForm(p);
      lines.push({ from: names.get(s.index) as string, source: windowsForm(p), dest });
    }
  }
  const last = Math.max(-1, ...included.keys());
  for (const s of steps) {
    if (s.ins.index > last || s.ins.keyword === 'FROM') continue;
    const inc = included.get(s.ins.index);
    if (['ARG', 'ENV', 'SHELL', 'WORKDIR', 'USER'].includes(s.ins.keyword)) lines.push(...commented(model, names, s.ins));
    else if (inc) {
      const line = s.ins.range.start.line;
      const note = inc.why === 'moved' ? `line ${line}: only Windows can run this (moved whole)` : `line ${line}: ${inc.why}`;
      lines.push('', ...commented(model, names, s.ins, note));
    }
  }
  return lines;
}
