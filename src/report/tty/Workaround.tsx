import { Box, Text } from 'ink';
import type { WorkaroundView } from '../text.ts';
import { Wrapped } from './Wrapped.tsx';

const INDENT = 4;
const LABEL = 'workaround: ';
/** Where the workaround text starts; text.ts indents its continuation lines to the same column. */
export const WORKAROUND_COLUMN = INDENT + LABEL.length;

/** The label keeps its own column, so a long workaround wraps under its first word. */
export function Workaround({ view, columns }: { view: WorkaroundView; columns: number }) {
  const tokens = 'full' in view ? [{ text: view.full }] : [{ text: view.ref, kind: 'muted' as const }];
  return (
    <Box paddingLeft={INDENT}>
      <Box flexShrink={0}>
        <Text dimColor>{LABEL}</Text>
      </Box>
      <Box flexGrow={1}>
        <Wrapped tokens={tokens} width={columns - WORKAROUND_COLUMN} />
      </Box>
    </Box>
  );
}
