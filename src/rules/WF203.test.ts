import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF203'];

describe('WF203 pinned-windows-version', () => {
  it('suggests an ARG for the version of the final FROM, with the family spelling', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=build /out/app.exe /app/app.exe
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:6-2:51 WF203 The final image is pinned to Windows ltsc2022 by "ltsc2022" in mcr.microsoft.com/windows/nanoserver:ltsc2022, but this build should serve ltsc2019, ltsc2022, ltsc2025: declare `ARG WINDOWS_VERSION=ltsc2022` before the first FROM and use `FROM mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}`, then build once per version (WINDOWS_VERSION = 1809, ltsc2022, ltsc2025; Nano Server tags spell ltsc2019 as 1809)',
    ]);
  });

  it('keeps the rest of the tag and follows FROM <stage> to the image', () => {
    const text = df`
      FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019 AS base
      FROM base AS final
      COPY app/ /inetpub/wwwroot/
    `;
    expect(summarize(lintText(text, { only, windowsVersions: ['ltsc2019', 'ltsc2022'] }))).toEqual([
      '1:6-1:78 WF203 The final image is pinned to Windows ltsc2019 by "ltsc2019" in mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019, but this build should serve ltsc2019, ltsc2022: declare `ARG WINDOWS_VERSION=ltsc2019` before the first FROM and use `FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-${WINDOWS_VERSION}`, then build once per version (WINDOWS_VERSION = ltsc2019, ltsc2022)',
    ]);
  });

  it('flags Windows system files copied from a pinned image', () => {
    const text = df`
      ARG WINDOWS_VERSION=ltsc2022
      FROM mcr.microsoft.com/windows/nanoserver:\${WINDOWS_VERSION}
      COPY --from=mcr.microsoft.com/windows/servercore:ltsc2022 /Windows/System32/netapi32.dll /Windows/System32/netapi32.dll
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '3:6-3:58 WF203 COPY --from=mcr.microsoft.com/windows/servercore:ltsc2022 pins Windows ltsc2022 ("ltsc2022"), but this build should serve ltsc2019, ltsc2022, ltsc2025: files copied from a Windows image should come from the same version as the base, so use the same ARG: `--from=mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}` (WINDOWS_VERSION = ltsc2019, ltsc2022, ltsc2025)',
    ]);
  });

  it('is silent for ARG-built tags, single-version builds, build stages and Linux finals', () => {
    const parameterised = df`
      ARG WINDOWS_VERSION=ltsc2022
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS tools
      FROM mcr.microsoft.com/windows/nanoserver:\${WINDOWS_VERSION}
      COPY --from=tools /tools /tools
    `;
    expect(lintText(parameterised, { only })).toEqual([]);
    const pinned = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n';
    expect(lintText(pinned, { only, windowsVersions: ['ltsc2022'] })).toEqual([]);
    const linux = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nFROM alpine:3.20\n';
    expect(lintText(linux, { only })).toEqual([]);
  });
});
