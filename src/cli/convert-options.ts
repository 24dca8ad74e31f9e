import { UsageError } from './exit-codes.ts';
import { parseCommandArgs } from './parse-args.ts';
import { parseBuildArgs, parseWindowsVersions } from './lint-options.ts';
import { parseVersion } from '../util/version.ts';

export const CONVERT_TARGETS = ['buildkit', 'crane', 'argo', 'tekton', 'kubernetes'] as const;
export type ConvertTarget = (typeof CONVERT_TARGETS)[number];

export interface ConvertCliOptions {
  input: string;
  to: ConvertTarget;
  output?: string;
  report?: string;
  reportFormat?: 'markdown' | 'json';
  force: boolean;
  target?: string;
  buildArgs: Record<string, string>;
  imageMap: Record<string, string>;
  windowsVersions?: string[];
  craneVersion?: string;
  config?: string;
  /** crane script flavour. */
  shell: 'bash' | 'pwsh';
  format: 'script' | 'json';
  allowEditConfig: boolean;
  deps: boolean;
  engine: 'buildkit' | 'crane';
  smokeTest?: string;
}

export const CONVERT_USAGE = `Usage: winfile convert --to buildkit|crane|argo|tekton|kubernetes [options] <Dockerfile|->

Rewrites a Windows Dockerfile so that a Linux builder can build it, and reports every decision.

Options:
  --to TARGET                buildkit: a cross-build Dockerfile; crane: a crane mutation plan;
                             argo / tekton: a Kubernetes pipeline that builds every Windows version;
                             kubernetes: the same as plain Jobs, for clusters without either
  -o, --output FILE          write the result to FILE (default: standard output); never the input
  --force                    replace FILE if it exists
  --report FILE              also write the conversion report (markdown, or JSON for *.json)
  --report-format FORMAT     markdown or json for --report (default: from the file name)
  --target STAGE             the stage to build (default: the last one)
  --build-arg NAME=VALUE     value for an ARG (repeatable)
  --image-map FROM=TO        use TO instead of the helper image FROM, e.g. an internal mirror (repeatable)
  --windows-versions LIST    versions to build (e.g. 1809,ltsc2022,ltsc2025): also writes docker-bake.json
                             and publish.sh (BuildKit) or loops over them (crane)
  --crane-version vX.Y.Z     oldest crane release the plan may use (crane; default: newest known)
  --shell bash|pwsh          language of the crane script (default: bash)
  --format script|json       the crane plan as a script (default) or as JSON
  --allow-edit-config        let the crane plan use 'crane edit config' for SHELL, VOLUME, HEALTHCHECK...
  --deps                     put Windows-only steps into a native dependency Dockerfile (Dockerfile.deps)
  --engine buildkit|crane    how argo/tekton/kubernetes pipelines build (default: buildkit)
  --smoke-test COMMAND       pipelines: run COMMAND in the built image on a Windows node
  -c, --config FILE          use this config instead of the nearest .winfile.yaml
  -h, --help                 show this help

Exit codes: 0 converted completely, 1 converted with manual work left (see the report),
2 usage error or unusable input.
`;

export function parseConvertArgs(argv: string[]): ConvertCliOptions | 'help' {
  const parsed = parseCommandArgs(argv, {
    to: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    report: { type: 'string' },
    'report-format': { type: 'string' },
    target: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    'image-map': { type: 'string', multiple: true },
    'windows-versions': { type: 'string' },
    'crane-version': { type: 'string' },
    shell: { type: 'string' },
    format: { type: 'string' },
    'allow-edit-config': { type: 'boolean' },
    deps: { type: 'boolean' },
    engine: { type: 'string' },
    'smoke-test': { type: 'string' },
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.to === undefined) throw new UsageError(`--to is required: ${CONVERT_TARGETS.join(', ')}`);
  if (!(CONVERT_TARGETS as readonly string[]).includes(v.to)) throw new UsageError(`unknown --to ${JSON.stringify(v.to)}; use ${CONVERT_TARGETS.join(', ')}`);
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one Dockerfile to convert (or - for standard input)');
  const enumOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown --${name} ${JSON.stringify(value)}; use ${allowed.join(' or ')}`);
    return value as T;
  };
  const opts: ConvertCliOptions = {
    input: parsed.positionals[0] as string,
    to: v.to as ConvertTarget,
    force: v.force ?? false,
    buildArgs: parseBuildArgs(v['build-arg'] ?? []),
    imageMap: parseBuildArgs(v['image-map'] ?? []),
    shell: enumOf('shell', v.shell, ['bash', 'pwsh'] as const, 'bash'),
    format: enumOf('format', v.format, ['script', 'json'] as const, 'script'),
    allowEditConfig: v['allow-edit-config'] ?? false,
    deps: v.deps ?? false,
    engine: enumOf('engine', v.engine, ['buildkit', 'crane'] as const, 'buildkit'),
  };
  if (v.output !== undefined) opts.output = v.output;
  if (v.report !== undefined) opts.report = v.report;
  if (v['report-format'] !== undefined) opts.reportFormat = enumOf('report-format', v['report-format'], ['markdown', 'json'] as const, 'markdown');
  if (v.target !== undefined) opts.target = v.target;
  if (v['windows-versions'] !== undefined) opts.windowsVersions = parseWindowsVersions(v['windows-versions']);
  if (v['crane-version'] !== undefined) {
    if (!parseVersion(v['crane-version'])) throw new UsageError(`--crane-version ${JSON.stringify(v['crane-version'])} is not a release number like v0.19.2`);
    opts.craneVersion = v['crane-version'];
  }
  if (v['smoke-test'] !== undefined) opts.smokeTest = v['smoke-test'];
  if (v.config !== undefined) opts.config = v.config;
  return opts;
}
