import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';
import { backslashesToDouble, diagnoseJsonArray } from './WF305.json.ts';

const only = ['WF305'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';
const edits = (d: ReturnType<typeof lintText>) => d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}${e.text}`));

describe('WF305 exec-form-invalid-json', () => {
  it('flags single backslashes, says why, and doubles them', () => {
    const text = df`
      ${FROM}
      CMD ["C:\\Ruby30-x64\\bin\\ruby.exe", "--version"]
      ENTRYPOINT ["C:\\Program Files\\\\VS\\\\VsDevCmd.bat", "&&", "powershell.exe"]
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:9-2:11 WF305 CMD starts with `[` but is not a JSON array: `\\R` is not a JSON escape; write `\\\\R` for a backslash. BuildKit silently uses shell form, so `cmd /S /C` receives the brackets and quotes as part of the command',
      '3:16-3:18 WF305 ENTRYPOINT starts with `[` but is not a JSON array: `\\P` is not a JSON escape; write `\\\\P` for a backslash. BuildKit silently uses shell form, so `cmd /S /C` receives the brackets and quotes as part of the command',
    ]);
    expect(edits(d)).toEqual([
      ['2:9\\', '2:20\\', '2:24\\'],
      ['3:16\\'],
    ]);
  });

  it('explains quotes and commas, and COPY/VOLUME/SHELL consequences', () => {
    const text = df`
      ${FROM}
      RUN ['cmd', '/c', 'dir']
      COPY ["a.txt", "C:/a/",]
      VOLUME ["C:/data" "C:/logs"]
      HEALTHCHECK --interval=5s CMD ["curl", "-f", http://localhost/]
      SHELL ["powershell", "-Command"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:6-2:7 WF305 RUN starts with `[` but is not a JSON array: JSON strings need double quotes, not single quotes. BuildKit silently uses shell form, so `cmd /S /C` receives the brackets and quotes as part of the command",
      '3:23-3:24 WF305 COPY starts with `[` but is not a JSON array: a comma before `]` is not allowed in JSON. BuildKit silently splits the text at spaces, so the brackets, quotes and commas become part of the paths',
      '4:19-4:20 WF305 VOLUME starts with `[` but is not a JSON array: the elements need commas between them. BuildKit silently splits the text at spaces, so the brackets, quotes and commas become part of the paths',
      '5:46-5:63 WF305 HEALTHCHECK starts with `[` but is not a JSON array: `http://localhost/` is not a quoted string. BuildKit silently uses shell form, so `cmd /S /C` receives the brackets and quotes as part of the command',
      '6:32-6:32 WF305 SHELL is not a JSON array: the array is not closed with `]`. BuildKit rejects the instruction (SHELL requires the arguments to be in JSON form)',
    ]);
  });

  it('flags valid JSON whose path escapes are control characters', () => {
    const text = df`
      ${FROM}
      CMD ["C:\\\\tools\\bin\\nginx.exe"]
      ONBUILD ENTRYPOINT ["C:\\temp\\new"]
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:16-2:18 WF305 CMD: `\\b` in "C:\\\\tools\\bin\\nginx.exe" is the JSON escape for a backspace, so the path gets a backspace where a backslash was meant; write each backslash as `\\\\`',
      '3:24-3:26 WF305 ENTRYPOINT: `\\t` in "C:\\temp\\new" is the JSON escape for a tab, so the path gets a tab where a backslash was meant; write each backslash as `\\\\`',
    ]);
    expect(edits(d)).toEqual([['2:16\\', '2:20\\'], ['3:24\\', '3:29\\']]);
  });

  it('uses the shell in effect, and works under the backtick escape', () => {
    const text = df`
      # escape=\`
      ${FROM}
      SHELL ["powershell", "-Command"]
      CMD ["C:\\app\\a.exe"]
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '4:9-4:11 WF305 CMD starts with `[` but is not a JSON array: `\\a` is not a JSON escape; write `\\\\a` for a backslash. BuildKit silently uses shell form, so `powershell -Command` receives the brackets and quotes as part of the command',
    ]);
  });

  it('leaves valid JSON, PowerShell type literals and shell form alone', () => {
    const text = df`
      ${FROM}
      RUN [Net.ServicePointManager]::SecurityProtocol = 'Tls12'
      CMD ["C:\\\\app\\\\a.exe", "C:/x"] trailing text is ignored
      ENTRYPOINT C:\\app\\a.exe
      COPY ["a b.txt", "C:/a b/"]
      HEALTHCHECK NONE
      CMD ["powershell", "-Command", "echo \\"C:\\\\x\\""]
      RUN []
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});

describe('diagnoseJsonArray / backslashesToDouble', () => {
  it('finds the first problem', () => {
    expect(diagnoseJsonArray('["a", "b"]')).toBeUndefined();
    expect(diagnoseJsonArray('["C:\\app\\"]')).toEqual({ at: 4, length: 2, problem: '`\\a` is not a JSON escape; write `\\\\a` for a backslash', backslash: true });
    expect(diagnoseJsonArray('["C:\\\\app\\"]')?.problem).toBe('a string is not closed (`\\"` is an escaped quote, not a backslash before the closing quote)');
    expect(diagnoseJsonArray('[“a”]')?.problem).toBe('`“` is a typographic quote; JSON needs plain double quotes');
    expect(diagnoseJsonArray('["a\tb"]')?.problem).toBe('a string contains a raw control character (JSON needs `\\t` for a tab)');
  });

  it('doubles lone backslashes only where that yields valid JSON', () => {
    expect(backslashesToDouble('["C:\\app\\", "x"]')).toEqual([4, 8]);
    expect(backslashesToDouble('["C:\\\\ok\\bad"]')).toEqual([8]);
    expect(backslashesToDouble('["plain\\tab"]')).toBeUndefined();
    expect(backslashesToDouble("['C:\\app']")).toBeUndefined();
  });
});
