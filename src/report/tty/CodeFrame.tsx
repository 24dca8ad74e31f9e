import { Box, Text } from 'ink';
import type { Diagnostic } from '../../rules/types.ts';
import { frameSpan } from '../text.ts';
import type { FileResult } from '../types.ts';
import { Styled } from './Theme.tsx';

export interface FrameWindow {
  text: string;
  caretStart: number;
  caretLength: number;
}

const ELLIPSIS = '…';
/** Characters kept left of the range when a long line is cut, so the reader sees what precedes it. */
const LEAD = 8;

/**
 * Cuts a long source line to `width` characters so the underlined range stays in view: a line
 * the terminal wraps would separate the carets from the text they point at.
 */
export function frameWindow(text: string, start: number, end: number, width: number): FrameWindow {
  if (text.length <= width) return { text, caretStart: start, caretLength: end - start };
  let from = end <= width - 1 ? 0 : Math.max(0, start - LEAD);
  let to = from + width - (from > 0 ? 1 : 0) - 1;
  if (to >= text.length) {
    to = text.length;
    from = text.length - (width - 1);
  }
  const shown = (from > 0 ? ELLIPSIS : '') + text.slice(from, to) + (to < text.length ? ELLIPSIS : '');
  const s = Math.max(start, from);
  const e = Math.min(end, to);
  return { text: shown, caretStart: (from > 0 ? 1 : 0) + s - from, caretLength: Math.max(1, e - s) };
}

/** The source line of a finding with carets under its range, as text.ts's codeFrame draws it. */
export function CodeFrame({ file, diagnostic, columns }: { file: FileResult; diagnostic: Diagnostic; columns: number }) {
  const span = frameSpan(file, diagnostic);
  if (!span) return null;
  const gutter = String(span.line);
  // Two leading spaces, the line number and " | "; the rest of the width is for the source.
  const w = frameWindow(span.text, span.start, span.end, Math.max(20, columns - gutter.length - 5));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Styled token={{ text: `  ${gutter} | `, kind: 'muted' }} />
        {w.text}
      </Text>
      <Text>
        <Styled token={{ text: `  ${' '.repeat(gutter.length)} | `, kind: 'muted' }} />
        {' '.repeat(w.caretStart)}
        <Styled token={{ text: '^'.repeat(w.caretLength), kind: diagnostic.severity }} />
      </Text>
    </Box>
  );
}
