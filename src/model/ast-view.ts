import type { Instruction as AstInstruction } from 'dockerfile-ast';
import { astByLine, parseWithAst } from '../parse/ast.ts';
import { scanDirectives } from '../parse/directives.ts';
import type { DockerfileModel, Instruction } from './types.ts';

const cache = new WeakMap<DockerfileModel, Map<number, AstInstruction>>();

/**
 * The dockerfile-ast node for an instruction, for editor-style sub-ranges (flags, arguments,
 * variables). Parsed on first use: the model itself comes from the BuildKit-exact parser, and
 * dockerfile-ast costs about as much again per file while disagreeing with BuildKit in the cases
 * recorded in test/dockerfile-ast-differences.test.ts.
 */
export function astInstruction(model: DockerfileModel, ins: Instruction): AstInstruction | undefined {
  let byLine = cache.get(model);
  if (!byLine) {
    byLine = astByLine(parseWithAst(model.source, scanDirectives(model.source)));
    cache.set(model, byLine);
  }
  return byLine.get(ins.range.start.line);
}
