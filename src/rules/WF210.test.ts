import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF210'];

describe('WF210 windows-version-not-in-tag', () => {
  it('flags Windows tags that name no Windows version', () => {
    const text = df`
      FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build
      FROM python:3.12-windowsservercore AS py
      FROM mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2022
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:6-1:48 WF210 mcr.microsoft.com/dotnet/framework/sdk:4.8 names no Windows version: such tags list (or over time point to) images for several Windows versions, and a Linux builder picks a Windows entry without regard to the version your hosts run; use a tag that names the version (such as ...-ltsc2022)',
      '2:6-2:35 WF210 python:3.12-windowsservercore names no Windows version: such tags list (or over time point to) images for several Windows versions, and a Linux builder picks a Windows entry without regard to the version your hosts run; use a tag that names the version (such as ...-ltsc2022)',
    ]);
  });

  it('flags multi-platform tags resolved for Windows', () => {
    const text = df`
      FROM golang:1.23 AS build
      COPY . C:/src
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '1:6-1:17 WF210 golang:1.23 is a multi-platform tag that names no Windows version: in a Windows build a Linux builder picks a Windows entry of the list without regard to the version your hosts run; use a tag that names the version (such as ...-windowsservercore-ltsc2022)',
    ]);
  });

  it('leaves latest/missing tags to WF204, ARG tags, preview builds, Linux stages and HostProcess images alone', () => {
    const text = df`
      ARG TAG=4.8-windowsservercore-ltsc2022
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      FROM mcr.microsoft.com/dotnet/framework/sdk:\${TAG} AS fx
      FROM mcr.microsoft.com/windows/servercore AS core
      FROM mcr.microsoft.com/windows/nanoserver/insider:10.0.18334.1 AS insider
      FROM mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
