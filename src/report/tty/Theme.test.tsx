import { renderToString } from 'ink';
import { stripVTControlCharacters as strip } from 'node:util';
import { describe, expect, it } from 'vitest';
import { STYLE, Styled } from './Theme.tsx';

describe('Theme', () => {
  it('gives every severity its own colour', () => {
    const colours = (['error', 'warning', 'info', 'style'] as const).map((s) => STYLE[s].color);
    expect(new Set(colours).size).toBe(4);
  });

  it('renders a token as its text', () => {
    expect(strip(renderToString(<Styled token={{ text: 'WF101', kind: 'rule' }} />))).toBe('WF101');
    expect(strip(renderToString(<Styled token={{ text: 'plain' }} />))).toBe('plain');
  });
});
