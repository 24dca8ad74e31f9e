import { Box, renderToString } from 'ink';
import type { LintRun } from '../types.ts';
import { FileReport } from './FileReport.tsx';
import { Summary } from './Summary.tsx';

/** The whole colour report: the information of text.ts, in the same order, fitted to the width. */
export function Report({ run, columns }: { run: LintRun; columns: number }) {
  return (
    <Box flexDirection="column">
      {run.files.map((f, i) => (
        <FileReport key={i} file={f} columns={columns} />
      ))}
      <Summary run={run} columns={columns} />
    </Box>
  );
}

/**
 * Entry point for colour terminals only: render.ts imports this module lazily, so plain output,
 * pipes and files never load Ink or React. The report is static, so it is rendered once to a
 * string instead of being mounted as a live app.
 */
export function renderTty(run: LintRun, columns: number): string {
  return renderToString(<Report run={run} columns={columns} />, { columns }) + '\n';
}
