import { describe, expect, it } from 'vitest';
import { astInstruction } from './ast-view.ts';
import { buildModel } from './build.ts';

describe('astInstruction', () => {
  it('gives the dockerfile-ast node of an instruction, parsed with the escape BuildKit uses', () => {
    // dockerfile-ast alone would take the backtick escape here and join lines 4 and 5.
    const model = buildModel('Dockerfile', '# maintainer=me\n# escape=`\nFROM x\nRUN echo 1 `\nCOPY a.txt /a/\n');
    const copy = model.instructions.find((i) => i.keyword === 'COPY');
    expect(copy).toBeDefined();
    const node = astInstruction(model, copy!);
    expect(node?.getKeyword()).toBe('COPY');
    expect(node?.getArguments().map((a) => a.getValue())).toEqual(['a.txt', '/a/']);
  });
});
