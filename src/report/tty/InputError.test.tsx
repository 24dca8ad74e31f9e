import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inputErrorLine } from '../text.ts';
import { InputError } from './InputError.tsx';

describe('<InputError>', () => {
  it('reads like the plain text line, with and without a position', () => {
    for (const error of [{ message: 'no such file or directory' }, { message: "BuildKit's parser rejects this file: unknown instruction", line: 3, column: 1 }]) {
      expect(strip(renderToString(<InputError path="win/Dockerfile" error={error} columns={120} />, { columns: 120 }))).toBe(inputErrorLine('win/Dockerfile', error));
    }
  });

  it('wraps a long message to the width', () => {
    const out = renderToString(<InputError path="a/Dockerfile" error={{ message: 'no Dockerfiles found (looked for Dockerfile, Dockerfile.*)' }} columns={40} />, { columns: 40 });
    expect(strip(out)).toBe('a/Dockerfile: error: no Dockerfiles\nfound (looked for Dockerfile,\nDockerfile.*)');
  });
});
