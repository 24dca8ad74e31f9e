import * as crypto from 'node:crypto';

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
// crypto.hash (Node 20.12 and later) is a few times faster than a Hash object for short inputs,
// and caches hash keys by the thousand in a run.
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** SHA-256 of a string, in hex. */
export function sha256Hex(data: string): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}
