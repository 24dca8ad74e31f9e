// Recognises `powershell ... -Command <script>` (and pwsh) inside a cmd
// command and recovers the script text PowerShell will run, with a map from
// every script character back to the Dockerfile source.
import type { CmdInvocation } from './ast.ts';
import { programArguments } from './argv.ts';
import type { CmdArgument } from './argv.ts';
import { programName } from './walk.ts';
import type { CmdMappedText } from './words.ts';

export interface PowerShellInvocation {
  host: 'powershell' | 'pwsh';
  /**
   * How the script is given. Without -Command/-File, Windows PowerShell
   * treats the first free argument as the start of a command, pwsh as a file.
   */
  mode: 'command' | 'file' | 'encodedCommand' | 'none';
  /** CLI parameters before the script (`-NoProfile`, `-ExecutionPolicy`, `Bypass`, ...). */
  parameters: CmdArgument[];
  /**
   * mode 'command': the remaining arguments joined by single spaces, as
   * PowerShell does; each joining space maps to the end of the argument
   * before it. null for other modes.
   */
  script: CmdMappedText | null;
  /** mode 'file': the script path; mode 'encodedCommand': the base64 text. */
  file: CmdArgument | null;
  /** mode 'encodedCommand': the decoded script (UTF-16LE base64). */
  decoded: string | null;
  /** Arguments after the -File path. */
  args: CmdArgument[];
}

type ParamKind = 'flag' | 'value' | 'command' | 'file' | 'encoded';

// Full parameter names with the shortest prefix PowerShell accepts, and aliases.
const PARAMS: { name: string; min: number; aliases: string[]; kind: ParamKind }[] = [
  { name: 'command', min: 1, aliases: [], kind: 'command' },
  { name: 'encodedarguments', min: 8, aliases: ['ea'], kind: 'value' },
  { name: 'encodedcommand', min: 1, aliases: ['ec'], kind: 'encoded' },
  { name: 'executionpolicy', min: 2, aliases: ['ep'], kind: 'value' },
  { name: 'file', min: 1, aliases: [], kind: 'file' },
  { name: 'inputformat', min: 3, aliases: ['if'], kind: 'value' },
  { name: 'interactive', min: 3, aliases: ['i'], kind: 'flag' },
  { name: 'outputformat', min: 1, aliases: ['of'], kind: 'value' },
  { name: 'noprofileloadtime', min: 17, aliases: [], kind: 'flag' },
  { name: 'noprofile', min: 3, aliases: [], kind: 'flag' },
  { name: 'nologo', min: 3, aliases: [], kind: 'flag' },
  { name: 'noninteractive', min: 4, aliases: [], kind: 'flag' },
  { name: 'noexit', min: 3, aliases: [], kind: 'flag' },
  { name: 'windowstyle', min: 1, aliases: [], kind: 'value' },
  { name: 'workingdirectory', min: 2, aliases: ['wd'], kind: 'value' },
  { name: 'version', min: 1, aliases: [], kind: 'value' },
  { name: 'configurationname', min: 6, aliases: [], kind: 'value' },
  { name: 'custompipename', min: 3, aliases: [], kind: 'value' },
  { name: 'settingsfile', min: 8, aliases: [], kind: 'value' },
  { name: 'psconsolefile', min: 3, aliases: [], kind: 'value' },
  { name: 'sta', min: 3, aliases: [], kind: 'flag' },
  { name: 'mta', min: 3, aliases: [], kind: 'flag' },
  { name: 'login', min: 1, aliases: [], kind: 'flag' },
  { name: 'help', min: 1, aliases: ['?'], kind: 'flag' },
];

function parameterKind(arg: string): ParamKind | null {
  const m = /^(?:--?|\/)([a-z?]+)$/i.exec(arg);
  if (!m || m[1] === undefined) return null;
  const given = m[1].toLowerCase();
  for (const p of PARAMS) {
    if (p.aliases.includes(given)) return p.kind;
    if (given.length >= p.min && p.name.startsWith(given)) return p.kind;
  }
  return null;
}

/** The PowerShell host a command runs, or null. */
export function powershellHost(cmd: CmdInvocation): 'powershell' | 'pwsh' | null {
  const program = programName(cmd.name.value);
  return program === 'powershell' || program === 'pwsh' ? program : null;
}

/** Interprets a `powershell`/`pwsh` command line; null for other programs. */
export function powershellInvocation(source: string, cmd: CmdInvocation): PowerShellInvocation | null {
  const host = powershellHost(cmd);
  if (!host) return null;
  const argv = programArguments(source, cmd);
  const result: PowerShellInvocation = { host, mode: 'none', parameters: [], script: null, file: null, decoded: null, args: [] };
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as CmdArgument;
    const kind = parameterKind(arg.value);
    if (kind === null) break;
    result.parameters.push(arg);
    i++;
    if (kind === 'value') {
      const value = argv[i];
      if (value) result.parameters.push(value);
      i++;
    } else if (kind === 'command') {
      result.mode = 'command';
      result.script = joinArguments(argv.slice(i));
      return result;
    } else if (kind === 'file' || kind === 'encoded') {
      result.mode = kind === 'file' ? 'file' : 'encodedCommand';
      result.file = argv[i] ?? null;
      result.args = argv.slice(i + 1);
      if (kind === 'encoded' && result.file) result.decoded = decodeBase64Utf16(result.file.value);
      return result;
    }
  }
  if (i < argv.length) {
    if (host === 'powershell') {
      result.mode = 'command';
      result.script = joinArguments(argv.slice(i));
    } else {
      result.mode = 'file';
      result.file = argv[i] ?? null;
      result.args = argv.slice(i + 1);
    }
  }
  return result;
}

/** Joins arguments with single spaces, keeping the source map. */
export function joinArguments(args: readonly CmdArgument[]): CmdMappedText {
  const parts: string[] = [];
  let size = 1;
  for (const a of args) size += a.value.length + 1;
  const offsets = new Int32Array(size);
  let w = 0;
  args.forEach((a, k) => {
    if (k > 0) {
      parts.push(' ');
      offsets[w++] = (args[k - 1] as CmdArgument).end;
    }
    parts.push(a.value);
    const from = a.offsets;
    for (let j = 0; j < a.value.length; j++) offsets[w++] = from[j] as number;
  });
  const last = args[args.length - 1];
  offsets[w++] = last ? (last.offsets[last.value.length] as number) : 0;
  return { text: parts.join(''), offsets: offsets.subarray(0, w) };
}

function decodeBase64Utf16(b64: string): string | null {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(b64)) return null;
  try {
    return Buffer.from(b64, 'base64').toString('utf16le');
  } catch {
    return null;
  }
}
