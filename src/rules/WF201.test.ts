import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF201'];

describe('WF201 retired-windows-version', () => {
  it('flags SAC releases with build number and end date, however the tag spells them', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:1803 AS build
      FROM mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-20H2 AS fx
      FROM microsoft/windowsservercore:1709_KB4074588
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:47 WF201 mcr.microsoft.com/windows/servercore:1803 is Windows 1803 (build 10.0.17134), whose support ended on 2019-11-12: it gets no security updates; rebase on ltsc2022 or ltsc2025',
      '2:6-2:75 WF201 mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-20H2 is Windows 20H2 (build 10.0.19042), whose support ended on 2022-08-09: it gets no security updates; rebase on ltsc2022 or ltsc2025',
      '3:6-3:48 WF201 microsoft/windowsservercore:1709_KB4074588 is Windows 1709 (build 10.0.16299), whose support ended on 2019-04-09: it gets no security updates; rebase on ltsc2022 or ltsc2025',
    ]);
  });

  it('treats Nano Server 2016 as retired while Server Core 2016 is not', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2016 AS build
      FROM mcr.microsoft.com/windows/nanoserver:10.0.14393.2068
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:6-2:58 WF201 mcr.microsoft.com/windows/nanoserver:10.0.14393.2068 is Windows Nano Server 2016 (build 10.0.14393), whose support ended on 2018-10-09: it gets no security updates; rebase on ltsc2022 or ltsc2025',
    ]);
  });

  it('reads the version from the tag of a Windows image the catalog does not know', () => {
    const text = df`
      FROM stefanscherer/curl-windows:1709 AS curl
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=curl /curl /curl
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:37 WF201 stefanscherer/curl-windows:1709 is Windows 1709 (build 10.0.16299), whose support ended on 2019-04-09: it gets no security updates; rebase on ltsc2022 or ltsc2025',
    ]);
  });

  it('flags Insider and Technical Preview builds', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver/insider:10.0.18334.1
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:63 WF201 mcr.microsoft.com/windows/nanoserver/insider:10.0.18334.1 is Windows build 10.0.18334, a preview (Insider or Technical Preview) build: preview images were never supported for production and get no security updates; rebase on ltsc2022 or ltsc2025',
    ]);
  });

  it('ignores supported versions, stage references, ARG-supplied tags and Linux images', () => {
    const text = df`
      ARG WINDOWS_VERSION=ltsc2022
      FROM --platform=$BUILDPLATFORM alpine:3.20 AS fetch
      FROM mcr.microsoft.com/windows/servercore:\${WINDOWS_VERSION} AS base
      FROM base
      FROM mcr.microsoft.com/windows/nanoserver:1809
      FROM mcr.microsoft.com/windows/nanoserver:10.0.30000.1
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('follows the build arg that picks the version', () => {
    const text = df`
      ARG WINDOWS_VERSION=ltsc2022
      FROM mcr.microsoft.com/windows/nanoserver:\${WINDOWS_VERSION}
    `;
    expect(summarize(lintText(text, { only, buildArgs: { WINDOWS_VERSION: '1903' } }))).toEqual([
      '2:6-2:61 WF201 mcr.microsoft.com/windows/nanoserver:1903 is Windows 1903 (build 10.0.18362), whose support ended on 2020-12-08: it gets no security updates; rebase on ltsc2022 or ltsc2025',
    ]);
  });
});
