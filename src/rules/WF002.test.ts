import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF002'];

describe('WF002 instruction-before-from', () => {
  it('flags every non-ARG instruction before the first FROM', () => {
    const text = df`
      # escape=\`
      ARG WINDOWS_VERSION=ltsc2022
      SHELL ["powershell", "-Command"]
      ENV APP_HOME=C:/app
      FROM mcr.microsoft.com/windows/servercore:\${WINDOWS_VERSION}
      ENV A=b
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:1-3:6 WF002 SHELL before the first FROM: BuildKit fails with "no build stage in current context"; only ARG may come before FROM',
      '4:1-4:4 WF002 ENV before the first FROM: BuildKit fails with "no build stage in current context"; only ARG may come before FROM',
    ]);
  });

  it('reports the upper-cased keyword and applies to crane too', () => {
    const text = df`
      label maintainer=me
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '1:1-1:6 WF002 LABEL before the first FROM: BuildKit fails with "no build stage in current context"; only ARG may come before FROM',
    ]);
  });

  it('leaves unknown keywords to WF001, which BuildKit reports first', () => {
    const text = df`
      <<<<<<< HEAD
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('accepts global ARGs and files that start with FROM', () => {
    expect(lintText('ARG A=1\nARG B\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL ["cmd", "/S", "/C"]\n', { only })).toEqual([]);
  });
});
