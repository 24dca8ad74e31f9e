import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Workaround } from './Workaround.tsx';

const render = (el: React.ReactElement, columns: number) => strip(renderToString(el, { columns }));

describe('<Workaround>', () => {
  it('wraps the text under its first word', () => {
    const view = { full: 'Move downloads to a Linux stage and copy the result with COPY --from.\nOr build a dependency image.' };
    expect(render(<Workaround view={view} columns={44} />, 44)).toBe(
      [
        '    workaround: Move downloads to a Linux',
        '                stage and copy the result',
        '                with COPY --from.',
        '                Or build a dependency image.',
      ].join('\n'),
    );
  });

  it('shows a reference as given', () => {
    expect(render(<Workaround view={{ ref: 'see WF101 above (line 2)' }} columns={80} />, 80)).toBe('    workaround: see WF101 above (line 2)');
  });
});
