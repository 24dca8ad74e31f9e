import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF202'];

describe('WF202 windows-version-extended-support', () => {
  it('gives the mainstream and extended end dates', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2016 AS build
      FROM mcr.microsoft.com/windows/nanoserver:1809
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:51 WF202 mcr.microsoft.com/windows/servercore:ltsc2016 is Windows ltsc2016 (build 10.0.14393), in extended support only: mainstream support ended on 2022-01-11 and security updates end on 2027-01-11',
      '2:6-2:47 WF202 mcr.microsoft.com/windows/nanoserver:1809 is Windows ltsc2019 (build 10.0.17763), in extended support only: mainstream support ended on 2024-01-09 and security updates end on 2029-01-09',
    ]);
  });

  it('uses the catalog status, so ltsc2022 counts once its mainstream support has ended', () => {
    const text = df`
      FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '1:6-1:61 WF202 mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022 is Windows ltsc2022 (build 10.0.20348), in extended support only: mainstream support ended on 2026-10-13 and security updates end on 2031-10-14',
    ]);
  });

  it('leaves retired versions to WF201 and mainstream ones alone', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:sac2016 AS old
      FROM mcr.microsoft.com/windows/servercore:1909 AS older
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2025
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
