import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF312'];

describe('WF312 missing-line-continuation', () => {
  it('flags an operator at the end of an instruction, naming the line it lets loose', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN python -m pip install --upgrade pip \`
          && python -m pip install virtualenv==16.5.0 &&
             python -m pip install helix-scripts
      RUN dir |
      CMD ["cmd"]
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '4:49-4:51 WF312 This RUN line ends with `&&` but not with the escape character (the backtick): the instruction ends with an incomplete command and BuildKit reads line 5 as an instruction `python`, which it rejects as unknown',
      '6:9-6:10 WF312 This RUN line ends with `|` but not with the escape character (the backtick): the instruction ends here and the shell gets an incomplete command',
    ]);
    expect(d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column}[${e.text}]`))).toEqual([['4:51-51[ `]'], ['6:10-10[ `]']]);
  });

  it('uses the backslash under the default escape, and offers no fix before a blank line', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM alpine:3.20
      RUN apk add curl ||  

      RUN echo ok
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:18-2:20 WF312 This RUN line ends with `||` but not with the escape character (the backslash): the instruction ends here and the shell gets an incomplete command',
    ]);
    expect(lintText(text, { only })[0]?.fix).toBeUndefined();
  });

  it('leaves continued lines, comments, other instructions and the VsDevCmd entrypoint pattern alone', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo a && \\
          echo b
      # RUN echo c &&
      LABEL pipe=|
      ENTRYPOINT C:\\BuildTools\\Common7\\Tools\\VsDevCmd.bat &&

      CMD ["powershell.exe", "-nologo"]
      ENV X=a&&
      CMD ["cmd", "/c", "echo a &&"]
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
