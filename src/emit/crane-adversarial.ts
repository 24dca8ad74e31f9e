/**
 * A Dockerfile whose config values try every way to break out of a shell script or of crane's
 * flag parsing, and the values BuildKit gives them (written out by hand, not computed). Tests only.
 */

const BIG = 'x'.repeat(10 * 1024);

/** The Dockerfile; `canary` is a file no command may create. */
export function adversarial(canary: string): string {
  const c = canary;
  return [
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
    `LABEL "q'uote"="it's \\"quoted\\"" cmd="$(touch ${c})" tick="\`touch ${c}\`" semi="a; touch ${c}" glob="*" sp="a  b" uni="héllo ✓ ‘’ 日本" eq="a=b,c" "end"="ends\\"" big="${BIG}"`,
    `ENV PWN='$(touch ${c})' TICK="\`touch ${c}\`" SEMI="x; touch ${c} #" GLOB=* SPACE="two  words" UNI=日本語 COMMA="a,b" EQ="k=v=w" QUOTES="'\\"'" BIG=${BIG}`,
    `WORKDIR "C:/my dir/$(touch x)"`,
    `COPY app.exe .`,
    `USER "we ird;$(touch ${c})"`,
    'EXPOSE 80 8000-8002/UDP "9,$(id);*"',
    'ENTRYPOINT ["C:\\\\app\\\\app.exe", "--opt=a,b", "\\"quoted\\""]',
    `CMD ["a,b", "say \\"hi\\"", "line1\\nline2", "", "$(touch ${c})", "\`touch ${c}\`", "*", "x;y", "tab\\there", "’", "${BIG}"]`,
    'VOLUME ["C:/data dir", "C:/$(touch x)"]',
    'STOPSIGNAL "SIG;TERM"',
    '',
  ].join('\n');
}

/** The same file with a CMD element crane's CSV flags cannot carry (CRLF). */
export function adversarialCrlf(canary: string): string {
  return adversarial(canary).replace('"line1\\nline2"', '"line1\\r\\nline2"');
}

/** For checks that do not run the script. */
export const ADVERSARIAL = adversarial('/tmp/winfile-canary');

/** What the image config must end up with, as BuildKit would set it. */
export function adversarialExpected(canary: string) {
  const c = canary;
  return {
    labels: new Map([
      ["q'uote", 'it\'s "quoted"'],
      ['cmd', `$(touch ${c})`],
      ['tick', `\`touch ${c}\``],
      ['semi', `a; touch ${c}`],
      ['glob', '*'],
      ['sp', 'a  b'],
      ['uni', 'héllo ✓ ‘’ 日本'],
      ['eq', 'a=b,c'],
      ['end', 'ends"'],
      ['big', BIG],
    ]),
    env: [
      ['PWN', `$(touch ${c})`],
      ['TICK', `\`touch ${c}\``],
      ['SEMI', `x; touch ${c} #`],
      ['GLOB', '*'],
      ['SPACE', 'two  words'],
      ['UNI', '日本語'],
      ['COMMA', 'a,b'],
      ['EQ', 'k=v=w'],
      ['QUOTES', `'"'`],
      ['BIG', BIG],
    ] as [string, string][],
    workdir: 'C:\\my dir\\$(touch x)',
    user: `we ird;$(touch ${c})`,
    exposedPorts: ['80/tcp', '8000/udp', '8001/udp', '8002/udp', '9,$(id);*'],
    entrypoint: ['C:\\app\\app.exe', '--opt=a,b', '"quoted"'],
    cmd: ['a,b', 'say "hi"', 'line1\nline2', '', `$(touch ${c})`, `\`touch ${c}\``, '*', 'x;y', 'tab\there', '’', BIG],
    volumes: ['C:/data dir', 'C:/$(touch x)'],
    stopSignal: 'SIG;TERM',
  };
}
