import { CRANE_LATEST, CRANE_WINDOWS_LAYERS, craneHas, craneHasWindowsLayers, craneSince } from '../model/crane-flags.ts';
import type { BuildPlan } from '../plan/types.ts';
import { atLeast, formatVersion, parseVersion, type Version } from '../util/version.ts';
import { configChanges, deliversFiles, rootfsStageName, type ImageConfigChanges } from './crane-config.ts';
import { gapNote, type Note } from './crane-notes.ts';
import { csvElement, keyToValuePair, legacyEnvPair, plainValue, stringToStringPair } from './crane-values.ts';
import type { EmitContext } from './types.ts';

export type { Note } from './crane-notes.ts';

/** Values only known when the script runs; per-version ones change in the loop. */
export type RuntimeVar = 'IMAGE' | 'TAG' | 'BASE' | 'BASE_TAG_PREFIX' | 'BASE_TAG_SUFFIX' | 'VERSION' | 'TOKEN' | 'BASE_REF' | 'REF' | 'WORK' | 'CONTEXT' | 'HERE';
/** One argument: literal text and runtime variables, concatenated. */
export type Word = (string | { v: RuntimeVar })[];

export const PLATFORM = 'windows/amd64';
export const PREPARE_FILE = 'Dockerfile.prepare';

/** One `crane edit config` change: a jq filter reading its values from `--argjson` variables. */
export interface JqEdit {
  field: string;
  filter: string;
  args: Record<string, unknown>;
}

export type CraneBase =
  | { versioned: true; repo: string; tagPrefix: string; tagSuffix: string; versions: string[]; tokens: Record<string, string> }
  | { versioned: false; image: string };

/** Everything the bash, PowerShell and JSON renderings share. */
export interface CraneModel {
  source: string;
  craneVersion: string;
  base: CraneBase;
  /** The stage of Dockerfile.prepare whose output mirrors C:\; undefined when no file reaches the image. */
  rootfsStage?: string;
  config: ImageConfigChanges;
  /** `crane mutate` flags (`--flag=value`), values encoded for crane's flag parsing. */
  mutateFlags: string[];
  /** Ports passed with --exposed-ports, which replaces the set: the base image's are added at run time. */
  exposedPorts?: string[];
  edits: JqEdit[];
  /** One tag over all versions (`crane index append`, v0.14.0+). */
  index: boolean;
  notes: Note[];
  /** Facts for the script header. */
  comments: string[];
}

/** Expands `$NAME`/`${NAME}` of the kept global ARGs, leaving `keep` for the caller. */
function expandArgs(text: string, plan: BuildPlan, keep: string | undefined): string {
  const defaults = new Map(plan.globalArgs.map((a) => [a.name, a.default]));
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, a?: string, b?: string) => {
    const name = (a ?? b) as string;
    if (name === keep) return all;
    return defaults.get(name) ?? all;
  });
}

function baseOf(plan: BuildPlan, ctx: EmitContext, notes: Note[]): CraneBase {
  const wv = plan.windowsVersion;
  const asIs = (image: string): CraneBase => {
    if (ctx.windowsVersions && ctx.windowsVersions.length > 0) {
      notes.push({ reason: `the base image ${image} has no per-version tags winfile knows, so --windows-versions cannot switch it`, workaround: 'Parameterise the base image tag yourself and run the plan once per version (set BASE).' });
    }
    return { versioned: false, image };
  };
  const unresolved = (image: string) => {
    // crane gets the reference as it is: a leftover ${ARG} would be a wrong image name.
    if (image.includes('$')) notes.push({ reason: `the base image ${image} refers to an ARG without a default`, workaround: 'Set BASE (and BASE_TAG_PREFIX) when running the plan, or give the ARG a default.' });
    return image;
  };
  if (!wv) return asIs(unresolved(expandArgs(plan.target.image, plan, undefined)));
  const image = expandArgs(plan.target.image, plan, wv.arg);
  const m = new RegExp(`\\$(?:\\{${wv.arg}\\}|${wv.arg}(?![A-Za-z0-9_]))`).exec(image);
  const before = m ? image.slice(0, m.index) : '';
  const colon = before.lastIndexOf(':');
  // The version outside the tag (in the repository path): one image with the default version.
  if (!m || colon < 0 || colon < before.lastIndexOf('/')) return asIs(unresolved(m ? image.replace(m[0], wv.default) : image));
  unresolved(image.replace(m[0], wv.default));
  // The default is the tag's spelling (`1809`); the loop runs over version ids (`ltsc2019`).
  const defaultId = Object.keys(wv.tokens).find((id) => wv.tokens[id] === wv.default) ?? wv.default;
  const versions = ctx.windowsVersions && ctx.windowsVersions.length > 0 ? ctx.windowsVersions : [defaultId];
  return { versioned: true, repo: before.slice(0, colon), tagPrefix: before.slice(colon + 1), tagSuffix: image.slice(m.index + m[0].length), versions, tokens: wv.tokens };
}

interface Field {
  name: string;
  /** The mutate flags that set it (a value crane cannot read back exactly is undefined); none: crane has no flag. */
  flags?: { flag: string; value: string | undefined; item?: string }[];
  edit: JqEdit;
  /** What the field is, for notes. */
  what: string;
}

// `--env` became crane's own keyToValue type (no CSV) with #1683, released in v0.15.0; the
// release table records flags, not how a flag parses its value.
const ENV_WITHOUT_CSV = 'v0.15.0';

function fields(c: ImageConfigChanges, v: Version): Field[] {
  const out: Field[] = [];
  const envPair = atLeast(v, ENV_WITHOUT_CSV) ? keyToValuePair : legacyEnvPair;
  const each = (flag: string, values: (string | undefined)[], items?: string[]) => values.map((value, i) => (items ? { flag, value, item: items[i] as string } : { flag, value }));
  if (c.env.length > 0) {
    out.push({
      name: 'env',
      what: `ENV ${c.env.map(([k]) => k).join(', ')}`,
      flags: each('env', c.env.map(([k, val]) => envPair(k, val)), c.env.map(([k]) => k)),
      edit: { field: 'env', filter: 'reduce $env[] as $e (.; ($e[0] + "=") as $p | .config.Env = (.config.Env // [] | if any(.[]; startswith($p)) then map(if startswith($p) then $p + $e[1] else . end) else . + [$p + $e[1]] end))', args: { env: c.env } },
    });
  }
  if (c.labels.length > 0) {
    // crane rejects an empty label value.
    out.push({
      name: 'label',
      what: `LABEL ${c.labels.map(([k]) => k).join(', ')}`,
      flags: each('label', c.labels.map(([k, val]) => (val === '' ? undefined : stringToStringPair(k, val))), c.labels.map(([k]) => k)),
      edit: { field: 'labels', filter: '.config.Labels = ((.config.Labels // {}) + $labels)', args: { labels: Object.fromEntries(c.labels) } },
    });
  }
  if (c.user !== undefined) {
    out.push({ name: 'user', what: `USER ${c.user}`, flags: each('user', [c.user === '' ? undefined : plainValue(c.user)]), edit: { field: 'user', filter: '.config.User = $user', args: { user: c.user } } });
  }
  if (c.workdir !== undefined) {
    out.push({ name: 'workdir', what: `WORKDIR ${c.workdir}`, flags: each('workdir', [plainValue(c.workdir)]), edit: { field: 'workdir', filter: '.config.WorkingDir = $workdir', args: { workdir: c.workdir } } });
  }
  if (c.exposedPorts.length > 0) {
    out.push({
      name: 'exposed-ports',
      what: `EXPOSE ${c.exposedPorts.join(' ')}`,
      flags: each('exposed-ports', c.exposedPorts.map(csvElement), c.exposedPorts),
      edit: { field: 'exposedPorts', filter: '.config.ExposedPorts = ((.config.ExposedPorts // {}) + ($ports | map({(.): {}}) | add))', args: { ports: c.exposedPorts } },
    });
  }
  if (c.entrypoint !== undefined || c.cmd !== undefined) {
    // One field: --entrypoint also clears Cmd. crane ignores an empty list, so [] is not expressible.
    const flags: Field['flags'] = [];
    const filters: string[] = [];
    const args: Record<string, unknown> = {};
    const what: string[] = [];
    if (c.entrypoint) {
      flags.push(...(c.entrypoint.length === 0 ? each('entrypoint', [undefined]) : each('entrypoint', c.entrypoint.map(csvElement))));
      filters.push('.config.Entrypoint = $entrypoint');
      args['entrypoint'] = c.entrypoint;
      what.push(`ENTRYPOINT ${JSON.stringify(c.entrypoint)}`);
    }
    if (c.cmd !== undefined) {
      if (c.cmd !== 'clear') flags.push(...(c.cmd.length === 0 ? each('cmd', [undefined]) : each('cmd', c.cmd.map(csvElement))));
      filters.push('.config.Cmd = $cmd');
      args['cmd'] = c.cmd === 'clear' ? null : c.cmd;
      if (c.cmd !== 'clear') what.push(`CMD ${JSON.stringify(c.cmd)}`);
    }
    out.push({ name: 'command', what: what.join(' and '), flags, edit: { field: 'command', filter: filters.join(' | '), args } });
  }
  const gap = (name: string, what: string, filter: string, args: Record<string, unknown>) => out.push({ name, what, edit: { field: name, filter, args } });
  if (c.volumes.length > 0) gap('volumes', `VOLUME ${JSON.stringify(c.volumes)}`, '.config.Volumes = ((.config.Volumes // {}) + ($volumes | map({(.): {}}) | add))', { volumes: c.volumes });
  if (c.healthcheck) gap('healthcheck', `HEALTHCHECK ${JSON.stringify(c.healthcheck.Test)}`, '.config.Healthcheck = $healthcheck', { healthcheck: c.healthcheck });
  if (c.stopSignal !== undefined) gap('stopsignal', `STOPSIGNAL ${c.stopSignal}`, '.config.StopSignal = $stopsignal', { stopsignal: c.stopSignal });
  if (c.shell) gap('shell', `SHELL ${JSON.stringify(c.shell)}`, '.config.Shell = $shell', { shell: c.shell });
  if (c.onBuild.length > 0) gap('onbuild', `ONBUILD ${c.onBuild.join('; ')}`, '.config.OnBuild = ((.config.OnBuild // []) + $onbuild)', { onbuild: c.onBuild });
  return out;
}

/** Builds the crane plan from the build plan: which config goes through which flag, what is left. */
export function craneModel(plan: BuildPlan, ctx: EmitContext): CraneModel {
  const version = parseVersion(ctx.craneVersion ?? CRANE_LATEST) ?? (parseVersion(CRANE_LATEST) as Version);
  const notes: Note[] = [];
  const comments: string[] = [];
  const base = baseOf(plan, ctx, notes);
  const { config, problems } = configChanges(plan);
  notes.push(...problems);
  const layer = plan.target.steps.some(deliversFiles);
  const v = formatVersion(version);
  if (layer && !craneHasWindowsLayers(version)) {
    notes.push({ reason: `crane ${v} appends layers to Windows bases unchanged (the conversion to the Files/ and Hives/ layout came in ${CRANE_WINDOWS_LAYERS})`, workaround: `Use crane ${CRANE_WINDOWS_LAYERS} or later.` });
  }
  for (const s of plan.target.steps) {
    if (s.kind === 'copy' && 'image' in s.from) {
      notes.push({ reason: `COPY --from=${s.from.image} is resolved on the Linux builder that runs ${PREPARE_FILE}, so it reads the image's Linux variant`, workaround: `If ${s.from.image} is Windows-only, export the files first (crane export --platform windows/amd64 ${s.from.image} - | tar -x; they are under Files/) and COPY them from the build context.` });
    }
  }
  const canEdit = craneHas(version, 'edit config');
  const mutateFlags: string[] = [];
  const edits: JqEdit[] = [];
  let exposedPorts: string[] | undefined;
  for (const field of fields(config, version)) {
    const missing = [...new Set((field.flags ?? []).map((f) => f.flag))].filter((flag) => !craneHas(version, 'mutate', flag));
    const encodable = (field.flags ?? []).every((f) => f.value !== undefined);
    if (field.flags && missing.length === 0 && encodable) {
      const args = field.flags.map((f) => `--${f.flag}=${f.value as string}`);
      if (field.name === 'exposed-ports') exposedPorts = field.flags.map((f) => f.value as string);
      else mutateFlags.push(...args);
      continue;
    }
    if (ctx.allowEditConfig && canEdit) {
      edits.push(field.edit);
      continue;
    }
    // Without edit config, what crane can read back exactly still goes through flags (not for
    // ENTRYPOINT/CMD, which only make sense whole).
    let what = field.what;
    if (field.flags && missing.length === 0 && field.name !== 'command') {
      const ok = field.flags.filter((f) => f.value !== undefined);
      const args = ok.map((f) => `--${f.flag}=${f.value as string}`);
      if (field.name === 'exposed-ports') exposedPorts = ok.length > 0 ? ok.map((f) => f.value as string) : undefined;
      else mutateFlags.push(...args);
      what = `${field.what.split(' ')[0] as string} ${field.flags.filter((f) => f.value === undefined).map((f) => f.item ?? '').join(', ')}`;
    }
    notes.push(gapNote(field.name, what, config, { version: v, missing, hasFlag: field.flags !== undefined, encodable, allowEdit: ctx.allowEditConfig === true }));
  }
  if (config.env.some(([k]) => k !== k.toUpperCase()) && mutateFlags.some((a) => a.startsWith('--env='))) {
    comments.push('crane upper-cases the names of variables it adds to a Windows image (Windows reads them case-insensitively).');
  }
  if (config.env.length > 1 && !atLeast(version, ENV_WITHOUT_CSV) && mutateFlags.some((a) => a.startsWith('--env='))) {
    comments.push(`crane ${v} may add new variables in any order (kept in order from ${ENV_WITHOUT_CSV}).`);
  }
  const index = base.versioned && craneHas(version, 'index append', 'docker-empty-base');
  if (base.versioned && !index) {
    const since = craneSince('index append', 'docker-empty-base') as string;
    notes.push({ reason: `crane ${v} has no \`crane index append\` (${since}+), so the plan pushes one tag per Windows version and no tag that lists them`, workaround: `Use crane ${since} or later, or list the per-version tags yourself: docker manifest create IMAGE:TAG IMAGE:TAG-<version>... then docker manifest push IMAGE:TAG (os.version is read from each image).` });
  }
  const model: CraneModel = { source: plan.source, craneVersion: v, base, config, mutateFlags, edits, index, notes, comments };
  if (exposedPorts) model.exposedPorts = exposedPorts;
  if (layer) model.rootfsStage = rootfsStageName(plan);
  return model;
}

const P = PLATFORM;
const ref: Word = [{ v: 'REF' }];
const baseRef: Word = [{ v: 'BASE_REF' }];
const w = (...texts: string[]): Word[] => texts.map((t) => [t]);

/** `crane append`: the layer on the version's base; crane converts it for Windows. */
export function appendArgv(): Word[] {
  return [...w('crane', 'append', '--platform', P, '-b'), baseRef, ['-f'], [{ v: 'WORK' }, '/layer.tar'], ['-t'], ref];
}

/** `crane mutate`, or undefined when the config is left as the base has it and a layer was appended. */
export function mutateArgv(m: CraneModel): Word[] | undefined {
  const flags = [...m.mutateFlags, ...(m.exposedPorts ?? []).map((p) => `--exposed-ports=${p}`)];
  if (flags.length === 0 && m.rootfsStage) return undefined;
  return [...w('crane', 'mutate', '--platform', P), m.rootfsStage ? ref : baseRef, ...flags.map((f) => [f]), ['-t'], ref];
}

/** The jq filter of all edits, one `crane edit config` round trip. */
export function editFilter(m: CraneModel): string {
  return m.edits.map((e) => e.filter).join(' | ');
}

/** `--argjson NAME JSON` pairs of all edits. */
export function editArgs(m: CraneModel): [string, string][] {
  return m.edits.flatMap((e) => Object.entries(e.args).map(([k, val]): [string, string] => [k, JSON.stringify(val)]));
}

export function editArgvs(m: CraneModel): { config: Word[]; jq: Word[]; edit: Word[] } {
  return {
    config: [...w('crane', 'config'), ref],
    jq: [['jq'], ...editArgs(m).flatMap(([k, json]) => w('--argjson', k, json)), [editFilter(m)]],
    edit: [...w('crane', 'edit', 'config'), ref, ['-t'], ref],
  };
}

/** `crane index append` for the given per-version refs. */
export function indexArgv(refs: Word[]): Word[] {
  return [...w('crane', 'index', 'append'), ...refs.flatMap((r) => [['-m'], r]), ['-t'], [{ v: 'IMAGE' }, ':', { v: 'TAG' }], ['--docker-empty-base']];
}

/** The jq program that lists the base image's ports (CSV-quoted for pflag where needed) minus `$own`. */
export const BASE_PORTS_FILTER = '(.config.ExposedPorts // {}) | keys - $own | .[] | if . == "" or test("[\\",\\r\\n]") then [.] | @csv else . end';

/** How many words an option takes with it, to keep them on one line. */
const GROUP: Record<string, number> = { '-t': 2, '-m': 2, '-b': 2, '-f': 2, '--argjson': 3 };

/**
 * A rendered command on one line when short, else the first `head` words and then one option
 * per line, each line ended by `continuation` (` \\` in bash, `` ` `` in PowerShell).
 */
export function layoutCommand(words: string[], first: string, cont: string, head: number, continuation: string): string {
  const one = first + words.join(' ');
  if (one.length <= 100) return one;
  const lines = [first + words.slice(0, head).join(' ')];
  for (let i = head; i < words.length; ) {
    const n = Math.min(GROUP[words[i] as string] ?? 1, words.length - i);
    lines.push(cont + words.slice(i, i + n).join(' '));
    i += n;
  }
  return lines.join(`${continuation}\n`);
}

/** How a script language renders words and continues a command on the next line. */
export interface ScriptSyntax {
  render(argv: Word[]): string[];
  /** ` \\` in bash, `` ` `` in PowerShell. */
  continuation: string;
}

/** The comment and the `crane config | jq | crane edit config` pipeline for the config edits. */
export function editPipeline(m: CraneModel, syntax: ScriptSyntax, indent: string, cont: string): string[] {
  if (m.edits.length === 0) return [];
  const e = editArgvs(m);
  const line = (argv: Word[], first: string, next: string, head: number) => layoutCommand(syntax.render(argv), first, next, head, syntax.continuation);
  return [
    `${indent}# No crane mutate flag for ${m.edits.map((x) => x.field).join(', ')}: edit the config JSON (hidden command crane edit config).`,
    [line(e.config, indent, cont, 3), line(e.jq, `${indent}  | `, `${indent}      `, 1), line(e.edit, `${indent}  | `, cont, 4)].join(`${syntax.continuation}\n`),
  ];
}
