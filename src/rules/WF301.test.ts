import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF301'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF301 escape-eats-backslash', () => {
  it('flags paths and says what BuildKit does with them', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\inetpub\\wwwroot
      COPY site\\index.html C:\\app\\sub
      COPY ["C:\\\\out\\\\a.exe", "\\\\bin\\\\"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:9-2:27 WF301 WORKDIR `C:\\inetpub\\wwwroot` becomes `C:inetpubwwwroot`: with `\\` as the escape character BuildKit drops the backslashes, and `C:inetpubwwwroot` is drive-relative, so BuildKit joins it to the current WORKDIR (the base image\'s, C:\\ unless it sets one) and the working directory becomes C:\\inetpubwwwroot',
      '3:6-3:21 WF301 COPY source `site\\index.html` becomes `siteindex.html`: with `\\` as the escape character BuildKit drops the backslashes, and BuildKit looks for siteindex.html in the build context',
      '3:22-3:32 WF301 COPY destination `C:\\app\\sub` becomes `C:appsub`: with `\\` as the escape character BuildKit drops the backslashes, and `C:appsub` is drive-relative, so BuildKit joins it to the current WORKDIR (C:\\inetpubwwwroot) and the files land in C:\\inetpubwwwroot\\appsub',
      '4:7-4:23 WF301 COPY source `"C:\\\\out\\\\a.exe"` becomes `C:outa.exe`: with `\\` as the escape character BuildKit drops the backslashes, and BuildKit looks for outa.exe in the build context',
      '4:25-4:34 WF301 COPY destination `"\\\\bin\\\\"` becomes `bin`: with `\\` as the escape character BuildKit drops the backslashes, and `bin` is relative, so BuildKit joins it to the current WORKDIR (C:\\inetpubwwwroot) and the files land in C:\\inetpubwwwroot\\bin',
    ]);
  });

  it('names the build failure when only `C:` is left', () => {
    const text = df`
      ${FROM}
      COPY ["a.exe", "C:\\\\"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:16-2:22 WF301 COPY destination `"C:\\\\"` becomes `C:`: with `\\` as the escape character BuildKit drops the backslashes, and BuildKit fails with "removing drive letter: No relative path specified in "C:""',
    ]);
  });

  it('flags values of ENV, LABEL, ARG, USER and VOLUME', () => {
    const text = df`
      ${FROM}
      ENV PHP C:\\PHP
      ENV X=C:\\tools\\bin Y=ok
      LABEL path=C:\\x
      ARG HOME=C:\\home
      USER MYDOMAIN\\svc
      VOLUME C:\\data
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:9-2:15 WF301 ENV PHP `C:\\PHP` becomes `C:PHP`: with `\\` as the escape character BuildKit drops the backslashes',
      '3:7-3:19 WF301 ENV X `C:\\tools\\bin` becomes `C:toolsbin`: with `\\` as the escape character BuildKit drops the backslashes',
      '4:12-4:16 WF301 LABEL path `C:\\x` becomes `C:x`: with `\\` as the escape character BuildKit drops the backslashes',
      '5:10-5:17 WF301 ARG HOME `C:\\home` becomes `C:home`: with `\\` as the escape character BuildKit drops the backslashes',
      '6:6-6:18 WF301 USER `MYDOMAIN\\svc` becomes `MYDOMAINsvc`: with `\\` as the escape character BuildKit drops the backslashes',
      '7:8-7:15 WF301 VOLUME `C:\\data` becomes `C:data`: with `\\` as the escape character BuildKit drops the backslashes',
    ]);
  });

  it('fixes paths with / and values by doubling the backslash', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\app
      ENV X=C:\\tools
      VOLUME ["C:\\\\data"]
    `;
    const fixes = lintText(text, { only }).map((d) => [d.fix?.description, d.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column}=${e.text}`)]);
    expect(fixes).toEqual([
      ['Use / instead of \\ in the path', ['2:11-12=/']],
      ['Double the backslashes', ['3:9-10=\\\\']],
      ['Double the backslashes', ['4:12-14=\\\\\\\\']],
    ]);
  });

  it('leaves deliberate escapes, quoted backslashes and other stages alone', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\\\app
      ENV A="C:\\\\Program Files\\\\x" B="C:\\scoop" C='C:\\lit' D=\\$HOME E=a\\ b
      COPY ["a.exe", "C:\\\\\\\\app\\\\\\\\"]
      RUN dir C:\\Windows
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      WORKDIR C:\\nope
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('does nothing under the backtick escape', () => {
    const text = `# escape=\`\n${FROM}\nWORKDIR C:\\app\nENV X=C:\\tools\n`;
    expect(lintText(text, { only })).toEqual([]);
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
  });

  it('runs for crane too', () => {
    const text = df`
      ${FROM}
      WORKDIR C:\\app
    `;
    expect(lintText(text, { only, target: 'crane' }).map((d) => d.range.start.line)).toEqual([2]);
  });
});
