import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF308'];
const FROM = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('WF308 chown-chmod-on-windows', () => {
  it('flags --chown and --chmod, and removes them', () => {
    const text = df`
      ${FROM}
      COPY --chown=ContainerUser test C:/test2
      ADD --link --chmod=755	a.exe C:/a.exe
      COPY --chmod=644 b.txt C:/b.txt
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '2:6-2:27 WF308 `--chown=ContainerUser` on COPY has no effect in a Windows stage: Windows uses ACLs, and BuildKit gives every copied file a fixed security descriptor (crane sets its own)',
      '3:12-3:23 WF308 `--chmod=755` on ADD has no effect in a Windows stage: Windows uses ACLs, not mode bits, and BuildKit gives every copied file a fixed security descriptor (crane sets its own); it also stops `--link` from taking effect',
      '4:6-4:17 WF308 `--chmod=644` on COPY has no effect in a Windows stage: Windows uses ACLs, not mode bits, and BuildKit gives every copied file a fixed security descriptor (crane sets its own)',
    ]);
    expect(d.map((x) => x.fix?.edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column}[${e.text}]`))).toEqual([['2:6-28[]'], ['3:12-24[]'], ['4:6-18[]']]);
  });

  it('flags ONBUILD COPY, for crane too', () => {
    const text = df`
      ${FROM}
      ONBUILD COPY --chown=1000:1000 . C:/app/
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:14-2:31 WF308 `--chown=1000:1000` on COPY has no effect in a Windows stage: Windows uses ACLs, and BuildKit gives every copied file a fixed security descriptor (crane sets its own)',
    ]);
  });

  it('leaves other flags and Linux stages alone', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      COPY --chown=1000 . /src
      ${FROM}
      COPY --from=build --link /out/app.exe C:/app/
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
