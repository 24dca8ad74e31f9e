import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF310'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF310 drive-relative-path', () => {
  it('flags drive-relative destinations and WORKDIRs with where they end up', () => {
    const text = df`
      ${FROM}
      COPY app.exe C:app
      WORKDIR C:/tools
      COPY app.exe c:bin/
      WORKDIR C:sub
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "2:14-2:19 WF310 COPY destination `C:app` is drive-relative: BuildKit joins `app` to the current WORKDIR (the base image's, C:\\ unless it sets one), so the files land in C:\\app; write `C:/app` if you meant the root of C:",
      '4:14-4:20 WF310 COPY destination `c:bin/` is drive-relative: BuildKit joins `bin` to the current WORKDIR (C:\\tools), so the files land in C:\\tools\\bin\\; write `c:/bin` if you meant the root of c:',
      '5:9-5:14 WF310 WORKDIR `C:sub` is drive-relative: BuildKit joins `sub` to the current WORKDIR (C:\\tools), so the working directory becomes C:\\tools\\sub; write `C:/sub` if you meant the root of C:',
    ]);
  });

  it('runs for crane and under the backtick escape', () => {
    const text = df`
      # escape=\`
      ${FROM}
      WORKDIR C:\\app
      ADD x.zip C:x
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '4:11-4:14 WF310 ADD destination `C:x` is drive-relative: BuildKit joins `x` to the current WORKDIR (C:\\app), so the files land in C:\\app\\x; write `C:/x` if you meant the root of C:',
    ]);
  });

  it('leaves WF301 cases, absolute and relative paths, sources and Linux stages alone', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\app
      COPY C:x C:/x
      COPY a.txt rel/
      FROM --platform=$BUILDPLATFORM golang:1.23
      WORKDIR C:app
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
