import type { BuildPlan } from '../plan/types.ts';
import { craneBash } from './crane-bash.ts';
import { craneJson } from './crane-json.ts';
import { craneModel, PREPARE_FILE } from './crane-model.ts';
import { prepareDockerfile } from './crane-prepare.ts';
import { cranePwsh } from './crane-pwsh.ts';
import type { EmitContext, Emitted } from './types.ts';

/**
 * `winfile convert --to crane`: a crane mutation plan (bash, PowerShell or JSON) and the
 * Dockerfile.prepare that builds the files of the image on Linux.
 */
export function emitCrane(plan: BuildPlan, ctx: EmitContext): Emitted {
  const model = craneModel(plan, ctx);
  const primary = ctx.format === 'json' ? craneJson(model) : ctx.shell === 'pwsh' ? cranePwsh(model) : craneBash(model);
  const extras: Emitted['extras'] = model.rootfsStage ? [{ name: PREPARE_FILE, content: prepareDockerfile(plan, model.rootfsStage, ctx.outputName) }] : [];
  const out: Emitted = { primary, extras };
  if (model.notes.length > 0) out.notes = model.notes;
  return out;
}
