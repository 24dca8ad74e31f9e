import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF209'];

describe('WF209 linux-image-without-platform', () => {
  it('flags Linux-only images without --platform in a Windows build', () => {
    const text = df`
      FROM alpine:3.20 AS fetch
      FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=fetch /out/ /tools/
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:17 WF209 alpine:3.20 has no windows/amd64 image, but this FROM has no --platform in a Windows build: BuildKit resolves it for the target platform and fails with "no match for platform in manifest"; use FROM --platform=$BUILDPLATFORM',
      '2:6-2:38 WF209 mcr.microsoft.com/dotnet/sdk:8.0 has no windows/amd64 image, but this FROM has no --platform in a Windows build: BuildKit resolves it for the target platform and fails with "no match for platform in manifest"; use FROM --platform=$BUILDPLATFORM',
    ]);
  });

  it('flags a Windows --platform on a Linux-only image, and COPY --from such an image', () => {
    const text = df`
      FROM --platform=$TARGETPLATFORM ubuntu:24.04 AS tools
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=busybox:1.36 /bin/busybox /busybox
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:33-1:45 WF209 ubuntu:24.04 has no Windows image, but this FROM asks for --platform=$TARGETPLATFORM: BuildKit fails with "no match for platform in manifest"; use FROM --platform=$BUILDPLATFORM',
      '3:6-3:25 WF209 COPY --from=busybox:1.36 in a Windows stage resolves busybox:1.36 for windows/amd64, which it does not have ("no match for platform in manifest"): copy from a stage declared with FROM --platform=$BUILDPLATFORM busybox:1.36 instead',
    ]);
  });

  it('accepts build-platform stages, files without Windows stages, and .NET tags before 8.0 that list Windows images', () => {
    const cross = df`
      FROM --platform=$BUILDPLATFORM alpine:3.20 AS fetch
      FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:8.0 AS build
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(lintText(cross, { only })).toEqual([]);
    expect(lintText('FROM alpine:3.20\nRUN echo hi\n', { only })).toEqual([]);
    const dotnet6 = df`
      FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(lintText(dotnet6, { only })).toEqual([]);
  });

  it('is a BuildKit rule only', () => {
    const text = 'FROM alpine:3.20 AS fetch\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n';
    expect(lintText(text, { only, target: 'crane' })).toEqual([]);
  });
});
