import type { Config } from '../config/config.ts';
import { FORMATS, type Format } from '../report/types.ts';
import { SEVERITIES, type Severity, type Target } from '../rules/types.ts';
import { parseVersion } from '../util/version.ts';
import { UsageError } from './exit-codes.ts';
import { parseCommandArgs } from './parse-args.ts';

export interface LintCliOptions {
  paths: string[];
  formats: Format[];
  outputs: string[];
  target?: Target;
  craneVersion?: string;
  windowsVersions?: string[];
  failureThreshold?: Severity | 'none';
  noFail: boolean;
  config?: string;
  buildArgs: Record<string, string>;
  ignore: string[];
  inlineIgnores: boolean;
  stdinFilename: string;
}

export const LINT_USAGE = `Usage: winfile lint [options] <Dockerfile|directory|->...

Checks Windows Dockerfiles for what a Linux builder (BuildKit or crane) cannot do.

Options:
  --target buildkit|crane        builder to check for (default: buildkit)
  --crane-version vX.Y.Z         oldest crane release the plan may use (default: newest known)
  --windows-versions LIST        versions one build should serve (default: ltsc2019,ltsc2022,ltsc2025)
  -f, --format FORMAT            tty, json, sarif, gnu, checkstyle, github, junit (repeatable)
  -o, --output FILE              write the matching --format to FILE (repeatable, paired in order)
  -t, --failure-threshold LEVEL  error, warning, info, style or none (default: warning)
  --no-fail                      always exit 0 when the input could be read
  -c, --config FILE              use this config instead of the nearest .winfile.yaml
  --build-arg NAME=VALUE         value for an ARG, as in docker build (repeatable)
  --ignore WFnnn                 do not report this rule (repeatable)
  --no-inline-ignores            disregard ignore pragmas in Dockerfiles
  --stdin-filename NAME          name for '-' in reports (default: -)
  -h, --help                     show this help
`;

const TARGETS = ['buildkit', 'crane'];
const WINDOWS = /^(ltsc20(16|19|22|25)|1709|1803|1809|1903|1909|2004|20H2)$/;

export function parseLintArgs(argv: string[]): LintCliOptions | 'help' {
  const parsed = parseCommandArgs(argv, {
    target: { type: 'string' },
    'crane-version': { type: 'string' },
    'windows-versions': { type: 'string' },
    format: { type: 'string', short: 'f', multiple: true },
    output: { type: 'string', short: 'o', multiple: true },
    'failure-threshold': { type: 'string', short: 't' },
    'no-fail': { type: 'boolean' },
    config: { type: 'string', short: 'c' },
    'build-arg': { type: 'string', multiple: true },
    ignore: { type: 'string', multiple: true },
    'no-inline-ignores': { type: 'boolean' },
    'stdin-filename': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  if (v.help) return 'help';
  const formats = (v.format ?? []).map((f) => {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown --format ${JSON.stringify(f)}; use one of ${FORMATS.join(', ')}`);
    return f as Format;
  });
  const outputs = v.output ?? [];
  if (outputs.length > Math.max(formats.length, 1)) throw new UsageError('each --output needs its own --format (they are paired in order)');
  const opts: LintCliOptions = {
    paths: parsed.positionals,
    formats,
    outputs,
    noFail: v['no-fail'] ?? false,
    buildArgs: parseBuildArgs(v['build-arg'] ?? []),
    ignore: (v.ignore ?? []).map((id) => {
      if (!/^WF\d{3}$/i.test(id)) throw new UsageError(`--ignore ${JSON.stringify(id)} is not a rule id (WFnnn)`);
      return id.toUpperCase();
    }),
    inlineIgnores: !(v['no-inline-ignores'] ?? false),
    stdinFilename: v['stdin-filename'] ?? '-',
  };
  if (opts.paths.length === 0) throw new UsageError('no input: give a Dockerfile, a directory, or - for standard input');
  if (v.target !== undefined) {
    if (!TARGETS.includes(v.target)) throw new UsageError(`unknown --target ${JSON.stringify(v.target)}; use buildkit or crane`);
    opts.target = v.target as Target;
  }
  if (v['crane-version'] !== undefined) {
    if (!parseVersion(v['crane-version'])) throw new UsageError(`--crane-version ${JSON.stringify(v['crane-version'])} is not a release number like v0.19.2`);
    opts.craneVersion = v['crane-version'];
  }
  if (v['windows-versions'] !== undefined) opts.windowsVersions = parseWindowsVersions(v['windows-versions']);
  if (v['failure-threshold'] !== undefined) {
    const t = v['failure-threshold'];
    if (!([...SEVERITIES, 'none'] as string[]).includes(t)) throw new UsageError(`unknown --failure-threshold ${JSON.stringify(t)}; use error, warning, info, style or none`);
    opts.failureThreshold = t as Severity | 'none';
  }
  if (v.config !== undefined) opts.config = v.config;
  return opts;
}

export function parseWindowsVersions(text: string): string[] {
  const list = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const w of list) if (!WINDOWS.test(w)) throw new UsageError(`unknown Windows version ${JSON.stringify(w)} in --windows-versions (e.g. 1809,ltsc2022,ltsc2025)`);
  if (list.length === 0) throw new UsageError('--windows-versions is empty');
  // 1809 and ltsc2019 are the same build; keep the LTSC name.
  return [...new Set(list.map((w) => (w === '1809' ? 'ltsc2019' : w)))];
}

export function parseBuildArgs(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg ${JSON.stringify(item)} must be NAME=VALUE`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** CLI values win over the config file, which wins over the defaults. */
export function effective(cli: LintCliOptions, config: Config) {
  return {
    target: cli.target ?? config.target ?? 'buildkit',
    craneVersion: cli.craneVersion ?? config.craneVersion,
    windowsVersions: cli.windowsVersions ?? config.windowsVersions?.map((w) => (w === '1809' ? 'ltsc2019' : w)) ?? ['ltsc2019', 'ltsc2022', 'ltsc2025'],
    failureThreshold: cli.failureThreshold ?? config.failureThreshold ?? 'warning',
    buildArgs: { ...(config.buildArgs ?? {}), ...cli.buildArgs },
    ignore: [...(config.ignore ?? []), ...cli.ignore],
    inlineIgnores: cli.inlineIgnores && config.inlineIgnores !== false,
    requireReason: config.requireReason ?? false,
    severity: config.severity ?? {},
  };
}
