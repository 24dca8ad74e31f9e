import { Text } from 'ink';
import type { Severity } from '../../rules/types.ts';

/**
 * What a piece of text is, not how it looks: components build tokens of these kinds and this file
 * alone decides the styling (the Shopify cli-kit convention), so a palette change is one edit.
 */
export type TokenKind = 'plain' | 'location' | 'rule' | 'muted' | Severity;

export interface Token {
  text: string;
  kind?: TokenKind;
}

interface Style {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

export const STYLE: Record<TokenKind, Style> = {
  plain: {},
  location: { bold: true },
  rule: { bold: true },
  muted: { dimColor: true },
  error: { color: 'red', bold: true },
  warning: { color: 'yellow' },
  info: { color: 'blue' },
  style: { color: 'magenta' },
};

export function Styled({ token }: { token: Token }) {
  const kind = token.kind ?? 'plain';
  if (kind === 'plain') return <Text>{token.text}</Text>;
  return <Text {...STYLE[kind]}>{token.text}</Text>;
}
