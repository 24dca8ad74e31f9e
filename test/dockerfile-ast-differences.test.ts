import { DockerfileParser, type JSONInstruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parseBuildkit } from '../src/parse/buildkit.ts';
import { dumpInstruction } from '../src/parse/dump.ts';
import { SourceText } from '../src/parse/source.ts';

/**
 * Cases where dockerfile-ast 0.7.1 reads a Dockerfile differently from BuildKit, each with what
 * BuildKit (and so winfile's parser) produces. The model takes values and instruction
 * boundaries from the BuildKit-exact parser for this reason; if dockerfile-ast fixes one of
 * these, its expectation here fails and the note can go.
 */
function buildkit(text: string): string[] {
  return parseBuildkit(new SourceText(text)).nodes.map((n) => dumpInstruction(n.parsed));
}

function astJson(text: string, index = 0): string[] {
  const ins = DockerfileParser.parse(text).getInstructions()[index] as JSONInstruction;
  return ins.getJSONStrings().map((s) => s.getValue());
}

describe('where dockerfile-ast differs from BuildKit', () => {
  it('JSON strings: keeps spaces inside a string', () => {
    const text = 'FROM x\nCOPY ["my file.txt", "C:/app/"]\n';
    expect(astJson(text, 1)).toEqual(['"myfile.txt"', '"C:/app/"']);
    expect(buildkit(text)[1]).toBe('copy "my file.txt" "C:/app/"');
  });

  it('JSON strings: decodes escapes and keeps quoted spaces', () => {
    const text = 'FROM x\nCMD ["say \\"hi there\\"", "tab\\there"]\n';
    const ins = DockerfileParser.parse(text).getInstructions()[1] as JSONInstruction;
    expect(ins.getJSONStrings().map((s) => s.getJSONValue())).toEqual(['say"hithere"', 'tabhere']);
    expect(buildkit(text)[1]).toBe('cmd "say \\"hi there\\"" "tab\\there"');
  });

  it('a doubled escape character at the end of a line is not a continuation', () => {
    const text = 'FROM x\nENV A=C:\\\\\nENV B=2\n';
    expect(DockerfileParser.parse(text).getInstructions().map((i) => i.getKeyword())).toEqual(['FROM', 'ENV']);
    expect(buildkit(text)).toEqual(['from "x"', 'env "A" "C:\\\\\\\\" "="', 'env "B" "2" "="']);
  });

  it('`--` ends the flags', () => {
    const text = 'FROM x\nCOPY --from=build -- a.exe /app/\n';
    const flags = DockerfileParser.parse(text).getCOPYs()[0]?.getFlags().map((f) => f.getName());
    expect(flags).toEqual(['from', '']);
    expect(buildkit(text)[1]).toBe('copy ["--from=build"] "a.exe" "/app/"');
  });

  it('an unknown directive ends the directive block, so a later escape directive is ignored', () => {
    const text = '# maintainer=me\n# escape=`\nFROM x\nRUN echo 1 `\n  echo 2\n';
    expect(DockerfileParser.parse(text).getEscapeCharacter()).toBe('`');
    const bk = parseBuildkit(new SourceText(text));
    expect(bk.directives.escape).toBe('\\');
    expect(bk.nodes.map((n) => dumpInstruction(n.parsed))).toEqual(['from "x"', 'run "echo 1 `"', 'echo']);
  });
});
