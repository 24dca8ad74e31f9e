import { emitArgo } from './argo.ts';
import { emitCrane } from './crane.ts';
import { emitKubernetes } from './kubernetes.ts';
import { emitTekton } from './tekton.ts';
import type { Emitter } from './types.ts';

/** Emitters other than BuildKit, loaded on demand. */
export async function emitterForLazy(to: string): Promise<Emitter> {
  return emitterFor(to);
}

export function emitterFor(to: string): Emitter {
  switch (to) {
    case 'crane':
      return emitCrane;
    case 'argo':
      return emitArgo;
    case 'tekton':
      return emitTekton;
    case 'kubernetes':
      return emitKubernetes;
    default:
      throw new Error(`no emitter for ${to} yet`);
  }
}
