// Effects of a PowerShell script: every command it runs, in execution order, with its
// arguments resolved where static analysis can and a portability verdict.
//
// The work is split by concern: powershell-walker.ts (statements, scopes, pipelines),
// powershell-commands.ts (functions, cmdlets, native programs), powershell-cmdlets.ts (the
// cmdlet table and parameter binding), powershell-files.ts / -system.ts / -methods.ts /
// -verify.ts / -env.ts / -native.ts (the families), ps-eval.ts (static values).

import type { PsScript } from '../../../grammar/powershell/ast.ts';
import type { EffectContext } from './context.ts';
import { Walker } from './powershell-walker.ts';
import type { Effect } from './types.ts';

/** Classifies every command `script` runs into effects (see effects/types.ts). */
export function powershellEffects(script: PsScript, ctx: EffectContext): Effect[] {
  const walker = new Walker(ctx, script);
  walker.runBlock(script.statements, 'same', false);
  return walker.finish();
}
