import { runCli } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (a fresh process costs ~50 ms per case). */
export async function cli(argv: string[], options: { stdin?: Uint8Array | string; cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => (typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array())),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
