import { appendArgv, BASE_PORTS_FILTER, editArgvs, indexArgv, mutateArgv, PLATFORM, PREPARE_FILE, type CraneModel, type Note, type Word } from './crane-model.ts';
import type { ImageConfigChanges } from './crane-config.ts';

export const CRANE_PLAN_SCHEMA = 'https://winfile.dev/schema/crane-plan.json';

/**
 * An argument template: `${NAME}` is a value from `variables` (or WORK, a scratch directory, and
 * HERE, the directory holding Dockerfile.prepare), `$$` is a literal `$`; everything else is
 * literal, byte for byte.
 */
export type Template = string;

export type CraneCommandJson =
  | { kind: 'append'; argv: Template[] }
  /**
   * `keepBasePorts`: crane's --exposed-ports replaces the set, so before running, add
   * `--exposed-ports=<key>` (pflag CSV-quoted when needed) before the final `-t` for every key of
   * the base config's ExposedPorts (`crane config --platform windows/amd64 <from>`) not in `own`.
   */
  | { kind: 'mutate'; argv: Template[]; keepBasePorts?: { from: Template; own: string[]; jqFilter: string } }
  /** `read | jq | write`: crane edit config takes the whole new config JSON on stdin. */
  | { kind: 'edit-config'; fields: string[]; read: Template[]; jq: Template[]; write: Template[] };

/** `winfile convert --to crane --format json`: the same plan as the script, for tools. */
export interface CranePlanJson {
  $schema: typeof CRANE_PLAN_SCHEMA;
  kind: 'winfile-crane-plan';
  version: 1;
  source: string;
  crane: { version: string; platform: typeof PLATFORM };
  /** Defaults of the values the script reads from the environment. */
  variables: Record<string, string>;
  /** Windows version id -> the tag token of the base family (`ltsc2019` -> `1809` for Nano Server). */
  versionTokens: Record<string, string>;
  /** Builds the files of the image (stage `target` of `dockerfile`) into `output`, a tree mirroring C:\. */
  prepare: { dockerfile: typeof PREPARE_FILE; target: string; output: Template; argv: Template[] } | null;
  /** `argv` followed by the top-level entries of `root`, sorted bytewise (never `.`). */
  layer: { file: Template; root: Template; argv: Template[] } | null;
  /** What the Dockerfile sets in the image config. */
  config: ImageConfigChanges;
  /** Per Windows version (one entry without a version when the base has no per-version tags). */
  images: { version: string | null; token: string | null; baseRef: Template; ref: Template; commands: CraneCommandJson[] }[];
  /** Publishes one tag listing every image; os.version comes from each image's config. */
  index: { argv: Template[] } | null;
  /** Settings the plan cannot make, with what to do instead. */
  notes: Note[];
}

const esc = (s: string) => s.replaceAll('$', '$$$$');

function templates(m: CraneModel, version: string | null): { ref: string; baseRef: string; render(w: Word[]): Template[] } {
  const b = m.base;
  const token = b.versioned && version !== null ? (b.tokens[version] ?? version) : null;
  const baseRef = b.versioned ? `\${BASE}:${b.tagPrefix ? '${BASE_TAG_PREFIX}' : ''}${esc(token ?? '')}${b.tagSuffix ? '${BASE_TAG_SUFFIX}' : ''}` : '${BASE}';
  const ref = version === null ? '${IMAGE}:${TAG}' : `\${IMAGE}:\${TAG}-${esc(version)}`;
  const one = (w: Word) =>
    w
      .map((p) => {
        if (typeof p === 'string') return esc(p);
        if (p.v === 'REF') return ref;
        if (p.v === 'BASE_REF') return baseRef;
        if (p.v === 'VERSION') return esc(version ?? '');
        if (p.v === 'TOKEN') return esc(token ?? '');
        return `\${${p.v}}`;
      })
      .join('');
  return { ref, baseRef, render: (ws) => ws.map(one) };
}

function commands(m: CraneModel, t: ReturnType<typeof templates>): CraneCommandJson[] {
  const out: CraneCommandJson[] = [];
  if (m.rootfsStage) out.push({ kind: 'append', argv: t.render(appendArgv()) });
  const mutate = mutateArgv(m);
  if (mutate) {
    const c: CraneCommandJson = { kind: 'mutate', argv: t.render(mutate) };
    if (m.exposedPorts) c.keepBasePorts = { from: t.baseRef, own: m.config.exposedPorts, jqFilter: BASE_PORTS_FILTER };
    out.push(c);
  }
  if (m.edits.length > 0) {
    const e = editArgvs(m);
    out.push({ kind: 'edit-config', fields: m.edits.map((x) => x.field), read: t.render(e.config), jq: t.render(e.jq), write: t.render(e.edit) });
  }
  return out;
}

/** The plan as a JSON document (rules/schema/crane-plan.schema.json). */
export function cranePlanJson(m: CraneModel): CranePlanJson {
  const b = m.base;
  const variables: Record<string, string> = { IMAGE: 'registry.example.com/team/app', TAG: 'latest' };
  if (b.versioned) {
    variables['WINDOWS_VERSIONS'] = b.versions.join(' ');
    variables['BASE'] = b.repo;
    if (b.tagPrefix) variables['BASE_TAG_PREFIX'] = b.tagPrefix;
    if (b.tagSuffix) variables['BASE_TAG_SUFFIX'] = b.tagSuffix;
  } else variables['BASE'] = b.image;
  if (m.rootfsStage) Object.assign(variables, { CONTEXT: '.', PREPARE: 'docker' });
  const versions: (string | null)[] = b.versioned ? b.versions : [null];
  const images = versions.map((version) => {
    const t = templates(m, version);
    const token = b.versioned && version !== null ? (b.tokens[version] ?? version) : null;
    return { version, token, baseRef: t.baseRef, ref: t.ref, commands: commands(m, t) };
  });
  const stage = m.rootfsStage;
  return {
    $schema: CRANE_PLAN_SCHEMA,
    kind: 'winfile-crane-plan',
    version: 1,
    source: m.source,
    crane: { version: m.craneVersion, platform: PLATFORM },
    variables,
    versionTokens: b.versioned ? b.tokens : {},
    prepare: stage ? { dockerfile: PREPARE_FILE, target: stage, output: '${WORK}/rootfs', argv: ['docker', 'buildx', 'build', '-f', `\${HERE}/${PREPARE_FILE}`, '--target', stage, '-o', 'type=local,dest=${WORK}/rootfs', '${CONTEXT}'] } : null,
    layer: stage ? { file: '${WORK}/layer.tar', root: '${WORK}/rootfs', argv: ['tar', '-cf', '${WORK}/layer.tar', '--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--hard-dereference', '-C', '${WORK}/rootfs', '--'] } : null,
    config: m.config,
    images,
    index: m.index ? { argv: ['crane', 'index', 'append', ...images.flatMap((i) => ['-m', i.ref]), ...templates(m, null).render(indexArgv([]).slice(3))] } : null,
    notes: m.notes,
  };
}

export function craneJson(m: CraneModel): string {
  return JSON.stringify(cranePlanJson(m), null, 2) + '\n';
}
