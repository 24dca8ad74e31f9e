export type Decoded = { text: string; encoding: string } | { error: string };

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Turns file bytes into text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (PowerShell 5's
 * `>` writes UTF-16). Binary data and invalid UTF-8 are refused with a reason, never guessed at.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0 && bytes.length >= 4) {
    return { error: 'UTF-32 text is not supported; save the file as UTF-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return utf16(bytes.subarray(2), 'utf-16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length - (body.length % 2));
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1] as number;
      swapped[i + 1] = body[i] as number;
    }
    return utf16(swapped, 'utf-16be');
  }
  let body = bytes;
  let encoding = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    encoding = 'utf-8 with BOM';
  }
  const nul = body.indexOf(0);
  if (nul >= 0) return { error: `binary file (NUL byte at offset ${nul + (bytes.length - body.length)}), not a Dockerfile` };
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) return { error: `invalid UTF-8 at byte offset ${bad + (bytes.length - body.length)}; save the file as UTF-8` };
  return { text: new TextDecoder('utf-8').decode(body), encoding };
}

function utf16(body: Uint8Array, encoding: string): Decoded {
  if (body.length % 2 !== 0) return { error: `truncated ${encoding.toUpperCase()} text (odd number of bytes)` };
  try {
    const text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
    if (text.includes('\0')) return { error: `binary file (NUL character in ${encoding.toUpperCase()} text), not a Dockerfile` };
    return { text, encoding };
  } catch {
    return { error: `invalid ${encoding.toUpperCase()} text` };
  }
}
