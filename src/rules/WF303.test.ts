import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.ts';
import { Catalog } from '../model/catalog.ts';
import { parseVersion, type Version } from '../util/version.ts';
import { lintModel } from './engine.ts';
import { df, lintText, summarize } from './rule-tester.ts';
import { followingInstructionLine, keywordOf, logicalLines } from '../model/lines.ts';

const only = ['WF303'];
const FROM = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022';

describe('WF303 continuation-char-mismatch', () => {
  it('flags a backtick line end under the backslash escape', () => {
    const text = df`
      ${FROM}
      RUN powershell -Command Invoke-WebRequest https://x.example/a.zip -OutFile a.zip; \`
          Expand-Archive a.zip -DestinationPath C:/a
      RUN echo done \`
      CMD ["a.exe"]
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:83-2:84 WF303 The backtick at the end of this RUN does not continue the line: the escape character is the backslash, so BuildKit reads line 3 as an instruction `Expand-Archive` and rejects it as unknown',
      '4:15-4:16 WF303 The backtick at the end of this RUN does not continue the line: the escape character is the backslash, so line 5 runs as a separate CMD instruction',
    ]);
    expect(d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}=${e.text}`))).toEqual([['2:83=\\'], ['4:15=\\']]);
  });

  it('flags ` \\` and `&&\\` under the backtick escape, not paths ending in a backslash', () => {
    const text = df`
      # escape=\`
      ${FROM}
      RUN Add-WindowsFeature Web-Server; \\
          Add-WindowsFeature Web-Asp-Net45
      RUN a&&\\
          b
      COPY Set-Acl.ps1 C:\\
      COPY --from=msi C:\\mongodb\\ C:\\mongodb\\
      COPY app.exe \\
      CMD ["app.exe"]
      COPY a.exe b.exe \\
        C:/dest/
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:36-3:37 WF303 The backslash at the end of this RUN does not continue the line: the escape character is the backtick, so BuildKit reads line 4 as an instruction `Add-WindowsFeature` and rejects it as unknown',
      '5:8-5:9 WF303 The backslash at the end of this RUN does not continue the line: the escape character is the backtick, so BuildKit reads line 6 as an instruction `b` and rejects it as unknown',
      '11:18-11:19 WF303 The backslash at the end of this COPY does not continue the line: the escape character is the backtick, so BuildKit reads line 12 as an instruction `C:/dest/` and rejects it as unknown',
    ]);
  });

  it('flags every broken line of a chain, naming lines that are not instructions as lines', () => {
    const text = df`
      # escape=\`
      ${FROM}
      RUN trivy fs \\
          --exit-code 1 \\
          --no-progress
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:14-3:15 WF303 The backslash at the end of this RUN does not continue the line: the escape character is the backtick, so BuildKit reads line 4 as an instruction `--exit-code` and rejects it as unknown',
      '4:19-4:20 WF303 The backslash at the end of this line does not continue the line: the escape character is the backtick, so BuildKit reads line 5 as an instruction `--no-progress` and rejects it as unknown',
    ]);
  });

  it('skips comments, blank lines and the last line, and sees past comment lines', () => {
    const text = df`
      ${FROM}
      # Build with: \`docker build .\`
      RUN echo a \`

      RUN echo b \`
      # comment
        && echo c
      RUN echo d \`
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '5:12-5:13 WF303 The backtick at the end of this RUN does not continue the line: the escape character is the backslash, so BuildKit reads line 7 as an instruction `&&` and rejects it as unknown',
    ]);
  });

  it('explains an ignored escape directive, even when BuildKit rejects the file, and leaves the fix to WF304', () => {
    const text = df`
      # Copyright
      # escape=\`
      ${FROM}
      ENV A=1 \`
          B=2
    `;
    const model = buildModel('Dockerfile', text);
    expect(model.errors.map((e) => e.message)).toEqual([`Syntax error - can't find = in "\`". Must be of the form: name=value`]);
    const d = lintModel(model, { target: 'buildkit', craneVersion: parseVersion('v0.21.9') as Version, windowsVersions: ['ltsc2022'], catalog: new Catalog(), only });
    expect(d[0]?.fix).toBeUndefined();
    expect(summarize(d)).toEqual([
      '4:9-4:10 WF303 The backtick at the end of this ENV does not continue the line: the escape character is the backslash (the escape directive on line 2 is ignored), so BuildKit reads line 5 as an instruction `B=2` and rejects it as unknown',
    ]);
  });

  it('does not fix when the fix would double the escape character', () => {
    const text = df`
      ${FROM}
      RUN echo C:\\\`
      CMD ["a.exe"]
    `;
    const d = lintText(text, { only });
    expect(d.map((x) => [x.range.start.line, x.fix])).toEqual([[2, undefined]]);
  });

  it('runs for crane too', () => {
    const text = `${FROM}\nRUN echo a \`\nCMD ["a.exe"]\n`;
    expect(lintText(text, { only, target: 'crane' }).map((d) => d.ruleId)).toEqual(['WF303']);
  });
});

describe('logicalLines / followingInstructionLine / keywordOf', () => {
  it('walks BuildKit logical lines, skipping heredoc bodies, even in a rejected file', () => {
    const ok = buildModel('Dockerfile', `${FROM}\nCOPY <<EOF C:/a.txt\nRUN not an instruction \`\nEOF\nRUN a \\\n  # c\n  b\n`);
    expect([...logicalLines(ok)].map((s) => [s.startLine, s.lastLine, s.line.text])).toEqual([
      [1, 1, FROM],
      [2, 2, 'COPY <<EOF C:/a.txt'],
      [5, 7, 'RUN a   b'],
    ]);
    const rejected = buildModel('Dockerfile', `# x\n# escape=\`\n${FROM}\nENV A=1 \`\n  B=2\n`);
    expect([...logicalLines(rejected)].map((s) => s.startLine)).toEqual([3, 4, 5]);
  });

  it('finds where the next instruction starts and names keywords', () => {
    const m = buildModel('Dockerfile', `${FROM}\n# c\nRUN x\n\nRUN y\n`);
    expect([followingInstructionLine(m, 1), followingInstructionLine(m, 3)]).toEqual([3, undefined]);
    expect([keywordOf('  run x'), keywordOf('ONBUILD copy . /'), keywordOf('--flag')]).toEqual(['RUN', 'COPY', '--FLAG']);
  });
});
