import { EXIT, UsageError } from './exit-codes.ts';
import { processIO, type CliIO } from './io.ts';
import { CONVERT_USAGE, parseConvertArgs } from './convert-options.ts';
import { LINT_USAGE, parseLintArgs } from './lint-options.ts';
import { VERSION } from '../version.ts';

const USAGE = `winfile ${VERSION}: build Windows container images on Linux builders

Usage:
  winfile lint [options] <Dockerfile|directory|->...   report what BuildKit on Linux or crane cannot do
  winfile convert --to buildkit|crane [options] <Dockerfile>
  winfile rules                                        list the rules
  winfile explain WFnnn                                rationale, workaround and examples of a rule
  winfile --version

Run 'winfile <command> --help' for the options of a command.
Exit codes: 0 clean, 1 findings (or manual work left), 2 usage/config/unreadable input, 3 internal error.
`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '-v':
      case '--version':
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT.ok;
      case 'lint': {
        const opts = parseLintArgs(rest);
        if (opts === 'help') {
          io.stdout.write(LINT_USAGE);
          return EXIT.ok;
        }
        return await (await import('./lint.ts')).runLint(opts, io);
      }
      case 'convert': {
        const opts = parseConvertArgs(rest);
        if (opts === 'help') {
          io.stdout.write(CONVERT_USAGE);
          return EXIT.ok;
        }
        return await (await import('./convert.ts')).runConvert(opts, io);
      }
      case 'rules':
        return (await import('./rules-command.ts')).runRules(rest, io);
      case 'explain':
        return (await import('./rules-command.ts')).runExplain(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; run 'winfile --help'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`winfile: ${err.message}\n`);
      return EXIT.usage;
    }
    const e = err as Error;
    io.stderr.write(`winfile: internal error: ${e.message}\n`);
    if (io.env['WINFILE_DEBUG']) io.stderr.write(`${e.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

export async function main(): Promise<void> {
  // A reader that stops early (`winfile lint ... | head`) ends the run quietly; any other failure
  // to write the output is one line and exit code 2.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`winfile: cannot write to standard output: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? 0 : EXIT.usage);
  });
  const io = processIO();
  const code = await runCli(process.argv.slice(2), io);
  process.exitCode = code;
}
