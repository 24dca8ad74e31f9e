import type { FileResult } from '../types.ts';
import { Wrapped } from './Wrapped.tsx';

/** A file that could not be linted, worded like text.ts's inputErrorLine. */
export function InputError({ path, error, columns }: { path: string; error: NonNullable<FileResult['error']>; columns: number }) {
  const where = error.line ? `:${error.line}:${error.column ?? 1}` : '';
  const tokens = [{ text: `${path}${where}:`, kind: 'location' as const }, { text: ' ' }, { text: 'error', kind: 'error' as const }, { text: `: ${error.message}` }];
  return <Wrapped tokens={tokens} width={columns} />;
}
