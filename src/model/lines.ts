import { KNOWN_INSTRUCTIONS } from '../parse/args.ts';
import type { ScannedLine } from '../parse/scanner.ts';
import type { DockerfileModel } from './types.ts';

export const KEYWORDS: ReadonlySet<string> = new Set(KNOWN_INSTRUCTIONS.map((k) => k.toUpperCase()));

/** BuildKit's logical lines: available even when BuildKit rejects the file. */
export function logicalLines(model: DockerfileModel): readonly ScannedLine[] {
  return model.lines;
}

/** The first line after `line` that is not a comment, if it is not blank: where the next instruction starts. */
export function followingInstructionLine(model: DockerfileModel, line: number): number | undefined {
  for (let l = line + 1; l <= model.source.lineCount; l++) {
    const t = model.source.lineText(l).trim();
    if (t === '') return undefined;
    if (!t.startsWith('#')) return l;
  }
  return undefined;
}

/** The keyword of a logical line (ONBUILD's trigger keyword counts as the instruction's). */
export function keywordOf(text: string): string {
  const words = text.trim().split(/\s+/);
  const first = (words[0] ?? '').toUpperCase();
  return first === 'ONBUILD' && words[1] ? words[1].toUpperCase() : first;
}
