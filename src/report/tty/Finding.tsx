import { Box } from 'ink';
import type { Diagnostic } from '../../rules/types.ts';
import { stageSuffix, type WorkaroundView } from '../text.ts';
import type { FileResult } from '../types.ts';
import { CodeFrame } from './CodeFrame.tsx';
import type { Token } from './Theme.tsx';
import { Workaround } from './Workaround.tsx';
import { Wrapped } from './Wrapped.tsx';

export interface FindingProps {
  file: FileResult;
  diagnostic: Diagnostic;
  workaround: WorkaroundView;
  columns: number;
}

/** The first line of a finding, in the words of text.ts: `file:line:col: severity id message (stage)`. */
export function headline(path: string, d: Diagnostic): Token[] {
  return [
    { text: `${path}:${d.range.start.line}:${d.range.start.column}:`, kind: 'location' },
    { text: ' ' },
    { text: d.severity, kind: d.severity },
    { text: ' ' },
    { text: d.ruleId, kind: 'rule' },
    { text: ` ${d.message}` },
    { text: stageSuffix(d), kind: 'muted' },
  ];
}

/** One diagnostic: headline, code frame, workaround, and a blank line to separate the next. */
export function Finding({ file, diagnostic, workaround, columns }: FindingProps) {
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Wrapped tokens={headline(file.path, diagnostic)} width={columns} />
      <CodeFrame file={file} diagnostic={diagnostic} columns={columns} />
      <Workaround view={workaround} columns={columns} />
    </Box>
  );
}
