import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Archive contents: path inside the archive -> file text. */
export type Entries = Record<string, string>;

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A stored (uncompressed) zip, written here rather than by a zip program so that the bytes, and
 * so the SHA-256 the tests pass as --build-arg, are the same on every machine.
 */
export function zip(entries: Entries): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fname = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function tarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** A gzip-compressed ustar archive (deterministic, like `zip`). */
export function tarGz(entries: Entries): Buffer {
  const parts: Buffer[] = [];
  const dirs = new Set<string>();
  for (const [name, text] of Object.entries(entries)) {
    for (let d = dirname(name); d !== '.' && !dirs.has(d); d = dirname(d)) dirs.add(d);
    const data = Buffer.from(text);
    parts.push(tarHeader(name, data.length, '0'), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  const headers = [...dirs].sort().map((d) => tarHeader(`${d}/`, 0, '5'));
  return gzipSync(Buffer.concat([...headers, ...parts, Buffer.alloc(1024)]));
}

/** A 7z archive made by the host's 7z; undefined when 7z is not installed. */
export function sevenZip(entries: Entries): Buffer | undefined {
  if (spawnSync('sh', ['-c', 'command -v 7z']).status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'winfile-7z-'));
  try {
    for (const [name, text] of Object.entries(entries)) {
      mkdirSync(dirname(join(dir, 'in', name)), { recursive: true });
      writeFileSync(join(dir, 'in', name), text);
    }
    const r = spawnSync('7z', ['a', '-t7z', join(dir, 'out.7z'), '.'], { cwd: join(dir, 'in'), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`7z failed: ${r.stderr}`);
    return readFileSync(join(dir, 'out.7z'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `https://host/path` as served by the local server: `http://127.0.0.1:<port>/host/path`. */
export function localUrl(port: number, url: string): string {
  return url.replace(/^https?:\/\//i, `http://127.0.0.1:${port}/`);
}

export interface FixtureServer {
  port: number;
  /** Original URLs requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `files` (keyed by the original https URL) on 127.0.0.1; anything else is a 404. */
export async function serve(files: ReadonlyMap<string, Buffer>): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const original = `https://${(req.url ?? '/').slice(1)}`;
    requests.push(original);
    const body = files.get(original);
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    res.end(body ?? `no fixture for ${original}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
