import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Programs the harness puts first on PATH inside the sandbox (at STUB_DIR, read-only):
 * - curl: the host's curl, with every http(s) URL sent to the test's fixture server. The test
 *   serves `https://host/path` at `http://127.0.0.1:<port>/host/path`, so the converted file runs
 *   unchanged (its URLs and the ADD --checksum values stay as generated) and a sample can be
 *   played as written; a wrong checksum then fails exactly like in BuildKit.
 * - apk: does nothing. `RUN apk add` installs curl/7zip/cabextract in the real alpine image; the
 *   host provides them here (the test skips when one is missing).
 * - go, dotnet: no toolchain is installed on the host; these record how they were called
 *   (GOOS, -r win-x64...) into the file they are asked to produce, so the test checks both the
 *   cross-compilation settings and that the Windows stage copies the path the build writes.
 * Every call is also appended to /winfile-harness.log inside the stage's root.
 */
export const STUB_DIR = '/tmp/.harness/bin';

const LOG = 'printf \'%s\\n\' "$0 $*" >> /winfile-harness.log';

function stubs(port: number): Record<string, string> {
  return {
    curl: `#!/bin/sh
${LOG}
n=$#
for a in "$@"; do
  case "$a" in
    http://*|https://*) a="http://127.0.0.1:${port}/\${a#*://}" ;;
  esac
  set -- "$@" "$a"
done
shift "$n"
exec /usr/bin/curl "$@"
`,
    apk: `#!/bin/sh
${LOG}
echo "harness: apk $* skipped (the host provides the tools)" >&2
`,
    go: `#!/bin/sh
${LOG}
out= prev=
for a in "$@"; do
  [ "$prev" = -o ] && out=$a
  prev=$a
done
[ -n "$out" ] || out=$(basename "$PWD").exe
mkdir -p "$(dirname "$out")"
printf 'go %s GOOS=%s GOARCH=%s CGO_ENABLED=%s\\n' "$*" "\${GOOS-}" "\${GOARCH-}" "\${CGO_ENABLED-}" > "$out"
`,
    dotnet: `#!/bin/sh
${LOG}
out= prev=
for a in "$@"; do
  case "$prev" in -o|--output) out=$a ;; esac
  prev=$a
done
case "$1" in
  publish|build)
    [ -n "$out" ] || out=bin/Release/publish
    mkdir -p "$out"
    printf 'dotnet %s\\n' "$*" > "$out/app.dll" ;;
esac
`,
  };
}

/** Writes the stubs into `dir` (on the host, outside every stage root). */
export function writeStubs(dir: string, port: number): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(stubs(port))) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
}
