import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF204'];

describe('WF204 image-tag-latest-or-missing', () => {
  it('flags Windows base images without a tag or with latest, with a concrete tag', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore AS build
      FROM mcr.microsoft.com/windows/nanoserver:latest
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      "1:6-1:42 WF204 mcr.microsoft.com/windows/servercore has no tag, so it means latest, which Microsoft's Windows base repositories do not publish: name the Windows version the image is for (e.g. mcr.microsoft.com/windows/servercore:ltsc2022)",
      "2:6-2:49 WF204 mcr.microsoft.com/windows/nanoserver:latest uses the latest tag, which Microsoft's Windows base repositories do not publish: name the Windows version the image is for (e.g. mcr.microsoft.com/windows/nanoserver:ltsc2022)",
    ]);
  });

  it('words it differently for other images in a Windows build', () => {
    const text = df`
      FROM sixeyed/chocolatey AS tools
      FROM mcr.microsoft.com/windows/servercore/iis:latest
      COPY --from=tools C:/ProgramData/chocolatey C:/ProgramData/chocolatey
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '1:6-1:24 WF204 sixeyed/chocolatey has no tag, so it means latest, which names no Windows version: in a Windows build every image must match the Windows version of the hosts, so use a tag that names it (e.g. ...-ltsc2022)',
      '2:6-2:53 WF204 mcr.microsoft.com/windows/servercore/iis:latest uses the latest tag, which names no Windows version: in a Windows build every image must match the Windows version of the hosts, so use a tag that names it (e.g. ...-ltsc2022)',
    ]);
  });

  it('skips Linux stages, scratch, stage references, digests and ARG-supplied tags', () => {
    const text = df`
      ARG TAG
      FROM --platform=$BUILDPLATFORM alpine AS fetch
      FROM mcr.microsoft.com/windows/servercore:\${TAG} AS base
      FROM base AS app
      FROM mcr.microsoft.com/windows/nanoserver@sha256:0000000000000000000000000000000000000000000000000000000000000000
      FROM scratch AS export
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
