import { Box } from 'ink';
import { workaroundViews, type WorkaroundView } from '../text.ts';
import type { FileResult } from '../types.ts';
import { Finding } from './Finding.tsx';
import { InputError } from './InputError.tsx';

/** One input file: why it could not be linted, or its findings in the order given. */
export function FileReport({ file, columns }: { file: FileResult; columns: number }) {
  if (file.error) return <InputError path={file.path} error={file.error} columns={columns} />;
  const views = workaroundViews(file);
  return (
    <Box flexDirection="column">
      {file.diagnostics.map((d, i) => (
        <Finding key={i} file={file} diagnostic={d} workaround={views[i] as WorkaroundView} columns={columns} />
      ))}
    </Box>
  );
}
