// What PowerShell actually runs for `powershell -Command <text>` when <text>
// reaches it through a Windows command line (Docker shell-form RUN with a
// powershell SHELL, `powershell -Command "..."` inside cmd.exe). The Windows
// C runtime splits the command line into argv first (`\"` is a literal quote,
// an unescaped `"` only toggles quoting and disappears), then -Command joins
// the remaining arguments with single spaces. Bodies written with `\"` only
// make sense after this step; parsing them raw fails, as PowerShell would.

/** Splits a command line like the Microsoft C runtime (and CommandLineToArgvW for arguments after the first). */
export function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inQuotes = false;
  let started = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        cur += '\\'.repeat(n >> 1);
        if (n % 2 === 1) {
          cur += '"';
          i += n + 1;
        } else {
          i += n;
        }
      } else {
        cur += '\\'.repeat(n);
        i += n;
      }
      started = true;
      continue;
    }
    if (c === '"') {
      if (inQuotes && line[i + 1] === '"') {
        cur += '"';
        i += 2;
      } else {
        inQuotes = !inQuotes;
        i++;
      }
      started = true;
      continue;
    }
    if (!inQuotes && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      if (started) args.push(cur);
      cur = '';
      started = false;
      i++;
      continue;
    }
    cur += c;
    started = true;
    i++;
  }
  if (started) args.push(cur);
  return args;
}

/** The script text `powershell -Command` executes when given `tail` on its command line. */
export function powershellCommandText(tail: string): string {
  return splitWindowsCommandLine(tail).join(' ');
}
