import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Regenerates src/generated (rule registry, data) so tests always see the current rules/. */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/generate.mjs')], { stdio: 'inherit' });
}
