// One POSIX shell word for a value, byte for byte. Inside '...' nothing is special but the quote
// itself, written '\''. Backslashes that end a quoted piece go outside it as \\: `'C:\'` means the
// same, but shellcheck reads it as a failed attempt to escape the quote (SC1003).

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shQuote(value: string): string {
  if (PLAIN.test(value)) return value;
  let out = '';
  value.split("'").forEach((piece, i) => {
    if (i > 0) out += "\\'";
    const tail = /\\+$/.exec(piece);
    const body = tail ? piece.slice(0, tail.index) : piece;
    if (body) out += `'${body}'`;
    if (tail) out += '\\\\'.repeat(tail[0].length);
  });
  return out || "''";
}
