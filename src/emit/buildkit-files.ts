import type { BuildPlan } from '../plan/types.ts';
import { emitBuildkit } from './buildkit.ts';
import { bakeFile, publishScript } from './bake.ts';
import type { EmitContext, Emitted } from './types.ts';

/** The cross-build Dockerfile, plus a bake file and a publish script when several versions are built. */
export function emitBuildkitFiles(plan: BuildPlan, ctx: EmitContext): Emitted {
  const primary = emitBuildkit(plan, { outputName: ctx.outputName, context: ctx.context ?? '.' });
  const versions = ctx.windowsVersions ?? [];
  if (versions.length === 0) return { primary, extras: [] };
  if (!plan.windowsVersion) {
    return { primary, extras: [], notes: [{ reason: `the base image ${plan.target.image} has no per-version tags winfile knows, so --windows-versions cannot switch it`, workaround: 'Parameterise the base image tag yourself and build once per version.' }] };
  }
  return {
    primary,
    extras: [
      { name: 'docker-bake.json', content: bakeFile(plan, versions, ctx.dockerfile ?? ctx.outputName, ctx.context ?? '.') },
      { name: 'publish.sh', content: publishScript(plan, versions), executable: true },
    ],
  };
}
