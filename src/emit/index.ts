import type { Emitter } from './types.ts';

/** Emitters other than BuildKit (crane, Argo, Tekton), by target name. */
export function emitterFor(to: string): Emitter {
  throw new Error(`no emitter for ${to} yet`);
}
