import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Wrapped, wrapTokens } from './Wrapped.tsx';

const text = (lines: { text: string }[][]) => lines.map((l) => l.map((t) => t.text).join(''));

describe('wrapTokens', () => {
  it('breaks between words without carrying the space to the next line', () => {
    expect(text(wrapTokens([{ text: 'Move the download to a Linux stage and copy the result' }], 24))).toEqual([
      'Move the download to a',
      'Linux stage and copy the',
      'result',
    ]);
  });

  it('keeps line breaks, blank lines and indentation after a break', () => {
    expect(text(wrapTokens([{ text: 'one\n\n  two three' }], 40))).toEqual(['one', '', '  two three']);
  });

  it('keeps kinds and treats touching tokens as one word', () => {
    const lines = wrapTokens([{ text: 'Dockerfile:2:1:', kind: 'location' }, { text: ' ' }, { text: 'error', kind: 'error' }, { text: ' (stage', kind: 'muted' }, { text: ')', kind: 'muted' }], 22);
    expect(lines).toEqual([
      [{ text: 'Dockerfile:2:1:', kind: 'location' }, { text: ' ' }, { text: 'error', kind: 'error' }],
      [{ text: '(stage)', kind: 'muted' }],
    ]);
  });

  it('cuts a word longer than the line', () => {
    expect(text(wrapTokens([{ text: 'x C:\\very\\long\\path\\to\\a\\file.exe' }], 12))).toEqual(['x', 'C:\\very\\long', '\\path\\to\\a\\f', 'ile.exe']);
  });
});

describe('<Wrapped>', () => {
  it('renders the wrapped lines as they are', () => {
    const out = renderToString(<Wrapped tokens={[{ text: 'alpha beta gamma delta', kind: 'muted' }]} width={11} />, { columns: 80 });
    expect(strip(out)).toBe('alpha beta\ngamma delta');
  });
});
