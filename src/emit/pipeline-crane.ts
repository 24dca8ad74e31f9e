import { appendArgv, indexArgv, mutateArgv, PLATFORM, type CraneModel, type RuntimeVar, type Word } from './crane-model.ts';
import { prepareCommand } from './pipeline-buildctl.ts';
import { type PipelineModel } from './pipeline-model.ts';
import { shQuote } from '../util/sh-quote.ts';

// The crane plan in a form busybox sh runs: gcr.io/go-containerregistry/crane:debug has crane and
// busybox (sh, tar, sed, tr), but no bash, GNU tar or jq, so the bash script of `--to crane`
// cannot run there. The commands are the same ones (from the same crane model); only the shell
// around them differs. Every value from a pipeline parameter arrives as an environment variable.

/** Shell variables: parameters in capitals (set by the pipeline), the script's own in lower case. */
const VARS: Partial<Record<RuntimeVar, string>> = {
  IMAGE: 'IMAGE',
  TAG: 'TAG',
  BASE: 'BASE',
  VERSION: 'VERSION',
  TOKEN: 'TOKEN',
  BASE_REF: 'base_ref',
  REF: 'ref',
  WORK: 'WORK',
};

const SAFE = /^[A-Za-z0-9_@%+=:,./ -]*$/;

/** One sh word: double-quoted as a whole when its literal parts are plain, else each part quoted. */
function shArg(word: Word, m: CraneModel | undefined): string {
  const literal = (p: { v: RuntimeVar }): string | undefined => {
    if (p.v !== 'BASE_TAG_PREFIX' && p.v !== 'BASE_TAG_SUFFIX') return undefined;
    const b = m?.base;
    return b?.versioned ? (p.v === 'BASE_TAG_PREFIX' ? b.tagPrefix : b.tagSuffix) : '';
  };
  const name = (p: { v: RuntimeVar }): string => {
    const n = VARS[p.v];
    if (!n) throw new Error(`no pipeline variable for ${p.v}`);
    return n;
  };
  if (word.every((p) => typeof p === 'string')) return shQuote(word.join(''));
  if (word.every((p) => (typeof p === 'string' ? SAFE.test(p) : SAFE.test(literal(p) ?? '')))) {
    return `"${word.map((p) => (typeof p === 'string' ? p : (literal(p) ?? `\${${name(p)}}`))).join('')}"`;
  }
  return word
    .map((p) => {
      if (typeof p === 'string') return p === '' ? '' : shQuote(p);
      const text = literal(p);
      if (text !== undefined) return text === '' ? '' : shQuote(text);
      return `"\${${name(p)}}"`;
    })
    .join('');
}

/** One command; a long one continues with a backslash before each option after the subcommand. */
const line = (words: string[]): string => {
  const one = words.join(' ');
  if (one.length <= 100) return one;
  return words.reduce((acc, w, i) => (i === 0 ? w : /^'?-/.test(w) && i > 3 ? `${acc} \\\n  ${w}` : `${acc} ${w}`), '');
};

/**
 * Per Windows version: `crane append` of the layer onto the version's base (crane converts it for
 * Windows), then `crane mutate` for the config. Expects IMAGE, TAG, BASE, VERSION, TOKEN and
 * (with a layer) WORK in the environment.
 */
export function craneAssembleScript(p: PipelineModel): string {
  const m = p.crane as CraneModel;
  const b = m.base;
  const out = ['set -eu'];
  if (b.versioned) {
    out.push(`base_ref=${shArg([{ v: 'BASE' }, ':', { v: 'BASE_TAG_PREFIX' }, { v: 'TOKEN' }, { v: 'BASE_TAG_SUFFIX' }], m)}`, 'ref="${IMAGE}:${TAG}-${VERSION}"');
  } else {
    out.push('base_ref="${BASE}"', 'ref="${IMAGE}:${TAG}"');
  }
  if (m.rootfsStage) out.push(line(appendArgv().map((w) => shArg(w, m))));
  const mutate = mutateArgv(m);
  if (mutate) {
    const words = mutate.map((w) => shArg(w, m));
    if (m.exposedPorts) {
      // --exposed-ports replaces the set: the base image's ports go in too. No jq here, so the
      // config's ExposedPorts keys ("80/tcp":{}) are picked out of crane's compact JSON.
      out.push(
        '# --exposed-ports replaces the set: keep the base image\'s ports as well.',
        `own=${shQuote(` ${m.config.exposedPorts.join(' ')} `)}`,
        'set --',
        '# shellcheck disable=SC2020',
        `for port in $(crane config --platform ${PLATFORM} "$base_ref" | tr ',{}' '\\n\\n\\n' | sed -n 's|^"\\([0-9][0-9]*/[a-z]*\\)":$|\\1|p'); do`,
        '  case "$own" in *" $port "*) ;; *) set -- "$@" "--exposed-ports=$port" ;; esac',
        'done',
      );
      words.splice(words.length - 2, 0, '"$@"');
    }
    out.push(line(words));
  }
  out.push('echo "pushed ${ref}"');
  return out.join('\n') + '\n';
}

/**
 * The files of the image: Dockerfile.prepare's rootfs stage exported by rootless BuildKit to
 * $WORK/rootfs, then one tar ($WORK/layer.tar) of its top-level entries (no `./` entry: crane would write a second Files entry,
 * go-containerregistry#1909). busybox tar, so the layer digest is not reproducible.
 */
export function cranePrepareScript(p: PipelineModel): string {
  const out = ['set -eu', 'rm -rf "$WORK/rootfs" "$WORK/layer.tar"', prepareCommand(p, (p.crane as CraneModel).rootfsStage as string)];
  out.push(
    'cd "$WORK/rootfs"',
    'set --',
    'for e in * .[!.]* ..?*; do if [ -e "$e" ] || [ -L "$e" ]; then set -- "$@" "$e"; fi; done',
    'if [ "$#" -eq 0 ]; then echo "winfile: the prepare build produced no files" >&2; exit 1; fi',
    'tar -cf "$WORK/layer.tar" -- "$@"',
  );
  return out.join('\n') + '\n';
}

/**
 * One tag over all versions: `crane index append` takes each entry's platform, os.version
 * included, from the image's config. Docker-typed children (crane keeps the base's media types)
 * get a Docker manifest list; BuildKit's OCI images an OCI index.
 */
export function publishScript(p: PipelineModel): string {
  const refs: Word[] = p.versions.map((v) => [{ v: 'IMAGE' }, ':', { v: 'TAG' }, `-${v.id}`]);
  const argv = indexArgv(refs);
  const words = (p.engine === 'crane' ? argv : argv.filter((w) => !(w.length === 1 && w[0] === '--docker-empty-base'))).map((w) => shArg(w, p.crane));
  return ['set -eu', line(words), 'crane manifest "${IMAGE}:${TAG}"', ''].join('\n');
}
