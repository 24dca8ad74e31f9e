import type { DockerfileModel, Instruction } from './types.ts';

/** An instruction exactly as the file has it, continuation lines and comments between them included. */
export function writtenText(model: DockerfileModel, ins: Instruction): string {
  return model.source.text.slice(ins.range.start.offset, ins.range.end.offset);
}
