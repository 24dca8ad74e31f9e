import { describe, expect, it } from 'vitest';
import { df } from '../rules/rule-tester.ts';
import { buildModel } from './build.ts';

const PS_STOP = ['powershell', '-Command', "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"];

function runShells(text: string): string[][] {
  return buildModel('Dockerfile', text).instructions.filter((i) => i.keyword === 'RUN').map((r) => r.shell);
}

describe('shell of each RUN', () => {
  it('defaults to cmd on Windows and sh on Linux', () => {
    const text = df`
      FROM alpine AS fetch
      RUN true
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN echo hi
    `;
    expect(runShells(text)).toEqual([
      ['/bin/sh', '-c'],
      ['cmd', '/S', '/C'],
    ]);
  });

  it('starts in PowerShell on official images that set SHELL themselves', () => {
    const text = df`
      FROM golang:1.23-windowsservercore-ltsc2022
      RUN go version
      FROM golang:1.23-nanoserver-ltsc2022
      RUN go version
      FROM python:3.12-windowsservercore-ltsc2022 AS py
      RUN python --version
    `;
    expect(runShells(text)).toEqual([PS_STOP, ['cmd', '/S', '/C'], PS_STOP]);
  });

  it('lets the Dockerfile SHELL win and carries the image shell into child stages', () => {
    const text = df`
      FROM openjdk:21-windowsservercore AS jdk
      RUN java -version
      SHELL ["cmd", "/S", "/C"]
      RUN java -version
      FROM eclipse-temurin:21-windowsservercore AS base
      FROM base
      RUN java -version
    `;
    expect(runShells(text)).toEqual([PS_STOP, ['cmd', '/S', '/C'], PS_STOP]);
  });
});
