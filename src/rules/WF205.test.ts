import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF205'];

describe('WF205 deprecated-image-repository', () => {
  it('names the replacement for deprecated Docker Hub repositories', () => {
    const text = df`
      FROM microsoft/windowsservercore:ltsc2016 AS build
      FROM microsoft/nanoserver:sac2016
      COPY --from=build /app /app
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:42 WF205 microsoft/windowsservercore:ltsc2016 comes from a deprecated repository: use mcr.microsoft.com/windows/servercore; the Docker Hub repository stopped receiving updates in 2019',
      '2:6-2:34 WF205 microsoft/nanoserver:sac2016 comes from a deprecated repository: use mcr.microsoft.com/windows/nanoserver; the Docker Hub repository stopped receiving updates in 2019',
    ]);
  });

  it('also checks images named in COPY --from', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=microsoft/dotnet:2.1-runtime-nanoserver-1809 ["C:/Program Files/dotnet", "C:/Program Files/dotnet"]
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:6-2:57 WF205 microsoft/dotnet:2.1-runtime-nanoserver-1809 comes from a deprecated repository: use mcr.microsoft.com/dotnet/sdk, aspnet or runtime',
    ]);
  });

  it('accepts the MCR repositories and stage names', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS nanoserver
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=nanoserver /app /app
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
