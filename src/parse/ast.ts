import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { DirectiveScan } from './directives.ts';
import type { SourceText } from './source.ts';

/**
 * Parses with dockerfile-ast so that its escape character agrees with BuildKit's. dockerfile-ast
 * accepts any `# name=value` comment at the top as a directive, while BuildKit stops at the first
 * unknown one; when that changes the escape character, the first directive-looking line BuildKit
 * did not honour is neutralised (its `=` blanked, so offsets stay put) and the text re-parsed.
 */
export function parseWithAst(src: SourceText, scan: DirectiveScan): Dockerfile {
  let ast = DockerfileParser.parse(src.text);
  if (ast.getEscapeCharacter() === scan.escape) return ast;
  const honoured = new Set(scan.directives.filter((d) => d.honoured).map((d) => d.range.start.line));
  const first = ast.getDirectives().find((d) => !honoured.has(d.getRange().start.line + 1));
  if (!first) return ast;
  const line = first.getRange().start.line + 1;
  const start = src.lineStart(line);
  const eq = src.text.indexOf('=', start);
  const patched = src.text.slice(0, eq) + ' ' + src.text.slice(eq + 1);
  ast = DockerfileParser.parse(patched);
  return ast;
}

/** dockerfile-ast instructions keyed by their 1-based start line. */
export function astByLine(ast: Dockerfile): Map<number, Instruction> {
  const map = new Map<number, Instruction>();
  for (const i of ast.getInstructions()) map.set(i.getRange().start.line + 1, i);
  return map;
}
