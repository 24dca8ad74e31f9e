import { PLATFORM } from './crane-model.ts';
import { type PipelineModel } from './pipeline-model.ts';
import { shQuote } from '../util/sh-quote.ts';

/** How a pipeline names the values buildctl needs (`{{inputs.parameters.token}}`, `$(params.token)`). */
export interface SourceRefs {
  /** The build context folder in the pod. */
  context: string;
  image: string;
  tag: string;
  version: string;
  token: string;
  deps: string;
  versioned: boolean;
}

/**
 * The arguments of `buildctl-daemonless.sh` for one Windows version: the converted Dockerfile from
 * the repository, the version's base tag as WINDOWS_VERSION, pushed as `<image>:<tag>-<version>`.
 * A single-platform build without attestations pushes one manifest whose config carries os.version,
 * which `crane index append` copies into the published index.
 */
export function buildctlArgs(p: PipelineModel, r: SourceRefs): string[] {
  const d = p.dockerfile as NonNullable<PipelineModel['dockerfile']>;
  const dir = d.dir === '.' ? r.context : `${r.context}/${d.dir}`;
  const args = ['build', '--frontend', 'dockerfile.v0', '--local', `context=${r.context}`, '--local', `dockerfile=${dir}`, '--opt', `filename=${d.file}`, '--opt', `platform=${PLATFORM}`];
  if (p.versioned && p.versionArg) args.push('--opt', `build-arg:${p.versionArg}=${r.token}`);
  if (p.deps) args.push('--opt', `build-arg:${p.deps.arg}=${r.deps}`);
  args.push('--output', `type=image,name=${r.image}:${r.tag}${p.versioned ? `-${r.version}` : ''},push=true,oci-mediatypes=true`);
  return args;
}

/**
 * The crane engine's prepare step (a shell script for the rootless BuildKit image): export the
 * rootfs stage of Dockerfile.prepare to $WORK/rootfs. Reads WORK, CONTEXT (and TOKEN, DEPS_IMAGE when
 * the files come from a dependency image) from the environment.
 */
export function prepareCommand(p: PipelineModel, stage: string): string {
  const d = p.dockerfile as NonNullable<PipelineModel['dockerfile']>;
  const words = [
    'buildctl-daemonless.sh build --frontend dockerfile.v0',
    '--local "context=$CONTEXT"',
    `--local "dockerfile=$CONTEXT"${d.dir === '.' ? '' : shQuote(`/${d.dir}`)}`,
    `--opt filename=${shQuote(d.file)}`,
    `--opt target=${shQuote(stage)}`,
  ];
  if (p.deps && p.versioned && p.versionArg) words.push(`--opt "build-arg:${p.versionArg}=$TOKEN"`);
  if (p.deps) words.push(`--opt "build-arg:${p.deps.arg}=$DEPS_IMAGE"`);
  words.push('--output "type=local,dest=$WORK/rootfs"');
  return words.join(' \\\n  ');
}
