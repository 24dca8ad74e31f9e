import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF302'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF302 accidental-line-continuation', () => {
  it("flags the Dockerfile reference's example, with a fix", () => {
    const text = df`
      ${FROM}
      COPY testfile.txt c:\\
      RUN dir c:\\
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:21-2:22 WF302 The `\\` ending `c:\\` is a line continuation: line 3 (`RUN ...`) is swallowed into this COPY instead of running as its own instruction',
    ]);
    expect(d[0]?.fix?.edits.map((e) => [e.range.start.line, e.range.start.column, e.range.end.column, e.text])).toEqual([[2, 21, 22, '/']]);
  });

  it('names the swallowed line across comments and blank lines', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\app\\  

      # a comment
      COPY . .
      LABEL dir=.\\ 
        version=1
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:15-2:16 WF302 The `\\` ending `C:\\app\\` is a line continuation: line 5 (`COPY ...`) is swallowed into this WORKDIR instead of running as its own instruction',
      '6:12-6:13 WF302 The `\\` ending `dir=.\\` is a line continuation: BuildKit joins line 7 (`version=1`) to this LABEL',
    ]);
    expect(lintText(text, { only }).map((d) => d.fix !== undefined)).toEqual([true, false]);
  });

  it('follows the chain of continuations within one instruction', () => {
    const text = df`
      ${FROM}
      COPY a.txt \\
        b\\sub\\
        ARG x
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:8-3:9 WF302 The `\\` ending `b\\sub\\` is a line continuation: line 4 (`ARG ...`) is swallowed into this COPY instead of running as its own instruction',
    ]);
  });

  it('leaves deliberate continuations, doubled backslashes, the backtick escape and Linux stages alone', () => {
    const text = df`
      ${FROM}
      RUN echo a && \\
          echo b&&\\
          echo c
      COPY a.txt C:\\\\
      COPY b.txt c:/
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      COPY x C:\\
      RUN go build
    `;
    expect(lintText(text, { only })).toEqual([]);
    const tick = `# escape=\`\n${FROM}\nCOPY testfile.txt c:\\\nRUN dir c:\\\n`;
    expect(lintText(tick, { only })).toEqual([]);
  });

  it('ignores a trailing backslash with nothing after it', () => {
    expect(lintText(`${FROM}\nCOPY testfile.txt c:\\\n`, { only })).toEqual([]);
  });

  it('runs for crane too', () => {
    const text = `${FROM}\nCOPY testfile.txt c:\\\nCMD ["x.exe"]\n`;
    expect(lintText(text, { only, target: 'crane' }).map((d) => d.ruleId)).toEqual(['WF302']);
  });
});
