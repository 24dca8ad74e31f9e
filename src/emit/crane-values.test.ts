import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePowerShell, type Command } from '../../grammar/powershell/index.ts';
import { bashWord, commentText, csvElement, exposedPortKeys, keyToValuePair, legacyEnvPair, parseGoDuration, pwshWord, stringToStringPair, windowsPath } from './crane-values.ts';
import { goCsvRead, pflagStringSlice, pflagStringToString } from './crane-testkit.ts';

const NASTY = [
  'plain',
  'a,b',
  'say "hi"',
  '"',
  '""',
  ',',
  '',
  ' lead and trail ',
  'line1\nline2',
  '\n',
  'cr\ronly',
  'tab\there',
  '$(touch /tmp/x)',
  '`touch /tmp/x`',
  "it's",
  'a; rm -rf /',
  '*',
  'héllo ✓ 日本 ‘’‚‛ “”„‟',
  '=',
  'a=b=c,d',
  '\\',
  'x'.repeat(10240),
];

// A tiny deterministic generator: random strings over the characters that matter to CSV and shells.
function* fuzz(n: number): Generator<string> {
  const alphabet = ['a', ',', '"', '\n', '\r', '=', ' ', "'", '$', '\\', 'é', '`'];
  let seed = 42;
  for (let i = 0; i < n; i++) {
    let s = '';
    const len = i % 9;
    for (let k = 0; k < len; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += alphabet[seed % alphabet.length];
    }
    yield s;
  }
}

describe('the encoding/csv emulation the tests rely on', () => {
  it('reads records the way Go does', () => {
    expect(goCsvRead('a,b')).toEqual(['a', 'b']);
    expect(goCsvRead('"a""b",c')).toEqual(['a"b', 'c']);
    expect(goCsvRead('"a\r\nb"')).toEqual(['a\nb']);
    expect(goCsvRead('a\nb')).toEqual(['a']);
    expect(goCsvRead('a\r')).toEqual(['a']);
    expect(() => goCsvRead('a"b')).toThrow(/bare/);
    expect(() => goCsvRead('"a')).toThrow();
    expect(() => goCsvRead('\n')).toThrow('EOF');
    expect(pflagStringSlice(['', 'a,b', '""'])).toEqual(['a', 'b', '']);
    expect(pflagStringToString(['"k=v"', 'a=b=c,d=e'])).toEqual(new Map([['k', 'v'], ['a', 'b=c'], ['d', 'e']]));
  });
});

describe('csvElement (StringSlice flags: --entrypoint, --cmd, --exposed-ports)', () => {
  it('leaves plain values alone and CSV-quotes the rest', () => {
    expect(csvElement('C:\\app\\app.exe')).toBe('C:\\app\\app.exe');
    expect(csvElement('--opt=a,b')).toBe('"--opt=a,b"');
    expect(csvElement('say "hi"')).toBe('"say ""hi"""');
    expect(csvElement('')).toBe('""');
    expect(csvElement('a\nb')).toBe('"a\nb"');
  });

  it('gives back every value pflag can carry, exactly, and refuses CRLF and NUL', () => {
    for (const v of [...NASTY, ...fuzz(3000)]) {
      const enc = csvElement(v);
      if (v.includes('\r\n') || v.includes('\0')) expect(enc, JSON.stringify(v)).toBeUndefined();
      else expect(pflagStringSlice([enc as string]), JSON.stringify(v)).toEqual([v]);
    }
    expect(csvElement('a\r\nb')).toBeUndefined();
  });
});

describe('stringToStringPair (--label; --env before v0.15.0)', () => {
  it('round-trips through pflag StringToString or says it cannot', () => {
    for (const v of [...NASTY, ...fuzz(3000)]) {
      for (const key of ['k', 'org.example/x']) {
        const enc = stringToStringPair(key, v);
        if (enc === undefined) continue;
        expect(pflagStringToString([enc]), JSON.stringify(v)).toEqual(new Map([[key, v]]));
      }
    }
  });

  it('refuses what pflag would change: quotes at the ends with one "=", keys with "="', () => {
    expect(stringToStringPair('end', 'ends"')).toBeUndefined();
    expect(stringToStringPair('"k', 'v')).toBeUndefined();
    expect(stringToStringPair('a=b', 'v')).toBeUndefined();
    expect(stringToStringPair('k', 'a=b,"c"')).toBe('"k=a=b,""c"""');
    expect(stringToStringPair('k', 'a,b')).toBe('k=a,b');
  });

  it('keyToValue (--env from v0.15.0) splits at the first "=" only', () => {
    expect(keyToValuePair('K', 'a=b,"c"\r\n')).toBe('K=a=b,"c"\r\n');
    expect(keyToValuePair('K=', 'v')).toBeUndefined();
  });

  it('legacy --env uses only text both parsers read the same way', () => {
    expect(legacyEnvPair('K', 'C:\\x')).toBe('K=C:\\x');
    expect(legacyEnvPair('K', 'a=b')).toBe('K=a=b');
    expect(legacyEnvPair('K', 'a=b,c')).toBeUndefined();
    expect(legacyEnvPair('K', '"q"')).toBeUndefined();
  });
});

describe('values', () => {
  it('parses HEALTHCHECK durations like Go', () => {
    expect(parseGoDuration('1m')).toBe(60e9);
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('500ms')).toBe(5e8);
    expect(parseGoDuration('1.5h')).toBe(5400e9);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('30')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
    expect(parseGoDuration('1x')).toBeUndefined();
  });

  it('writes EXPOSE as Docker stores it', () => {
    expect(exposedPortKeys(['80', '8443/TCP', '53/udp', '8000-8002/udp', 'x,y', '80/tcp'])).toEqual(['80/tcp', '8443/tcp', '53/udp', '8000/udp', '8001/udp', '8002/udp', 'x,y']);
  });

  it('writes WorkingDir with the drive', () => {
    expect(windowsPath('/agent/bin')).toBe('C:\\agent\\bin');
    expect(windowsPath('/')).toBe('C:\\');
  });

  it('keeps comments on one line', () => {
    expect(commentText('a\nrm -rf /\r\u2028x')).toBe('a\\x0arm -rf /\\x0d\\x2028x');
    expect(commentText('a\nb')).not.toMatch(/[\n\r]/);
  });
});

describe('shell words', () => {
  it('bash reads every value back byte for byte', () => {
    const values = [...NASTY, ...fuzz(400)].filter((v) => !v.includes('\0'));
    const script = values.map((v) => `printf '%s\\0' ${bashWord(v)}`).join('\n');
    expect(script.split('\n')).toHaveLength(values.length);
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(values);
  });

  it('PowerShell parses each value as one argument, single-quoted or joined', () => {
    for (const v of [...NASTY, ...fuzz(400)].filter((x) => !x.includes('\0'))) {
      const word = pwshWord(v);
      expect(word).not.toMatch(/[\r\n]/);
      const r = parsePowerShell(`crane ${word}`);
      expect(r.errors, word).toEqual([]);
      const stmt = r.script.statements[0] as unknown as { elements: Command[] };
      const cmd = stmt.elements[0] as Command;
      expect(cmd.elements, word).toHaveLength(1);
      const arg = cmd.elements[0] as { type: string; value?: string };
      if (!/[\u0000-\u001f\u007f]/.test(v)) expect(arg, word).toMatchObject({ type: 'StringLiteral', value: v });
    }
  });
});
