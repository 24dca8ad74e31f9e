import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF309'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF309 add-local-archive', () => {
  it('flags local tar archives, following variables, with a COPY fix', () => {
    const text = df`
      ${FROM}
      ENV JAVA_PKG=server-jre-8u112-windows-x64.tar.gz
      ADD $JAVA_PKG /
      WORKDIR C:/tools
      ADD a.TGZ b.tar.xz sub/
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '3:5-3:14 WF309 ADD extracts the local archive `server-jre-8u112-windows-x64.tar.gz` into C:\\ instead of copying the file; if the archive itself should land there (as Microsoft documents ADD on Windows), use COPY',
      '5:5-5:10 WF309 ADD extracts the local archive `a.TGZ` into C:\\tools\\sub\\ instead of copying the file; if the archive itself should land there (as Microsoft documents ADD on Windows), use COPY',
      '5:11-5:19 WF309 ADD extracts the local archive `b.tar.xz` into C:\\tools\\sub\\ instead of copying the file; if the archive itself should land there (as Microsoft documents ADD on Windows), use COPY',
    ]);
    expect(d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column}=${e.text}`))).toEqual([['3:1-4=COPY'], ['5:1-4=COPY'], undefined]);
  });

  it('offers no fix when ADD-only flags or URLs are involved', () => {
    const text = df`
      ${FROM}
      ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 a.tar C:/a/
      ADD https://example.com/b.tar.gz c.tar C:/c/
    `;
    const d = lintText(text, { only, target: 'crane' });
    expect(d.map((x) => [x.range.start.line, x.range.start.column, x.fix])).toEqual([
      [2, 88, undefined],
      [3, 34, undefined],
    ]);
  });

  it('leaves zip files, URLs, --unpack, COPY and Linux stages alone', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM alpine:3.20 AS fetch
      ADD a.tar.gz /x/
      ${FROM}
      ADD tools.zip C:/tools/
      ADD https://example.com/a.tar.gz C:/a/
      ADD --unpack=false b.tar.gz C:/b/
      COPY c.tar.gz C:/c/
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
