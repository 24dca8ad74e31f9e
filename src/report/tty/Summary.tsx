import { summary } from '../text.ts';
import type { LintRun } from '../types.ts';
import type { Token } from './Theme.tsx';
import { Wrapped } from './Wrapped.tsx';

/** The closing count line. Only counts above zero get their severity's colour, so a clean run reads calm. */
export function summaryTokens(run: LintRun): Token[] {
  const s = summary(run);
  const tokens: Token[] = [{ text: `${s.head}: ` }];
  s.parts.forEach((p, i) => {
    if (i > 0) tokens.push({ text: ', ' });
    tokens.push({ text: p.text, kind: p.count === 0 ? 'muted' : p.kind === 'input' ? 'error' : p.kind });
  });
  return tokens;
}

export function Summary({ run, columns }: { run: LintRun; columns: number }) {
  return <Wrapped tokens={summaryTokens(run)} width={columns} />;
}
