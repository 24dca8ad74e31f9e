import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF306'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF306 drive-only-path', () => {
  it('flags a bare drive as destination or WORKDIR and writes C:/', () => {
    const text = df`
      ${FROM}
      COPY hello.txt C:
      ADD ["a.txt", "c:"]
      WORKDIR D:
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:16-2:18 WF306 COPY destination `C:` is a drive without a path: BuildKit fails with "No relative path specified in "C:""; write `C:/` (or `/`) for the root of C:',
      '3:15-3:19 WF306 ADD destination `c:` is a drive without a path: BuildKit fails with "No relative path specified in "c:""; write `C:/` (or `/`) for the root of C:',
      '4:9-4:11 WF306 WORKDIR `D:` is a drive without a path: BuildKit fails with "No relative path specified in "D:""; write `C:/` (or `/`) for the root of C:',
    ]);
    expect(d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column}${e.text}`))).toEqual([['2:18-18/'], ['3:18-18/'], undefined]);
  });

  it('does not patch a destination that an accidental continuation produced', () => {
    const text = df`
      ${FROM}
      COPY testfile.txt c:\\
      RUN dir c:\\
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '3:9-3:11 WF306 COPY destination `c:` is a drive without a path: BuildKit fails with "No relative path specified in "c:""; write `C:/` (or `/`) for the root of C:',
    ]);
    expect(d[0]?.fix).toBeUndefined();
  });

  it('follows variables, for both targets and escapes', () => {
    const text = df`
      # escape=\`
      ${FROM}
      ARG DEST=C:
      COPY app.exe $DEST
    `;
    for (const target of ['buildkit', 'crane'] as const) {
      expect(summarize(lintText(text, { only, target }))).toEqual([
        '4:14-4:19 WF306 COPY destination `C:` is a drive without a path: BuildKit fails with "No relative path specified in "C:""; write `C:/` (or `/`) for the root of C:',
      ]);
    }
    expect(lintText(text, { only })[0]?.fix).toBeUndefined();
  });

  it('leaves sources, roots, unset variables, WF301 cases and Linux stages alone', () => {
    const text = df`
      ${FROM}
      COPY C: C:/
      COPY a.txt C:\\
      COPY ["b.txt", "C:\\\\"]
      COPY c.txt $UNSET
      WORKDIR /
      FROM --platform=$BUILDPLATFORM golang:1.23
      WORKDIR C:
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
