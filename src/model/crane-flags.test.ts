import { describe, expect, it } from 'vitest';
import { df } from '../rules/rule-tester.ts';
import { parseVersion, type Version } from '../util/version.ts';
import { buildModel } from './build.ts';
import { CRANE_WINDOWS_LAYERS, craneHas, craneHasWindowsLayers, craneImageStages, craneSince } from './crane-flags.ts';

const v = (s: string): Version => parseVersion(s) as Version;

describe('crane releases', () => {
  it('knows when commands and flags arrived', () => {
    expect(craneSince('mutate', 'workdir')).toBe('v0.15.0');
    expect(craneSince('mutate', 'user')).toBe('v0.9.0');
    expect(craneSince('mutate')).toBe('v0.5.0');
    expect(craneSince('index append')).toBe('v0.14.0');
    expect(craneSince('edit config')).toBe('v0.11.0');
    expect(craneSince('append', 'base')).toBe('established');
    expect(craneSince('mutate', 'volumes')).toBeUndefined();
    expect(craneSince('rebase')).toBeUndefined();
  });

  it('takes global flags and never dates a flag before its command', () => {
    expect(craneSince('mutate', 'platform')).toBe('v0.5.0');
    expect(craneSince('append', 'platform')).toBe('established');
    expect(craneSince('index append', 'platform')).toBe('v0.14.0');
  });

  it('answers "does release X have Y"', () => {
    expect(craneHas(v('v0.14.9'), 'mutate', 'workdir')).toBe(false);
    expect(craneHas(v('v0.15.0'), 'mutate', 'workdir')).toBe(true);
    expect(craneHas(v('v0.8.0'), 'mutate', 'user')).toBe(false);
    expect(craneHas(v('v0.9.0'), 'mutate', 'user')).toBe(true);
    expect(craneHas(v('v0.13.0'), 'index append')).toBe(false);
    expect(craneHas(v('v0.8.0'), 'append', 'new_layer')).toBe(true);
    expect(craneHas(v('v0.21.9'), 'mutate', 'shell')).toBe(false);
  });

  it('knows the Windows layer floor', () => {
    expect(CRANE_WINDOWS_LAYERS).toBe('v0.8.0');
    expect(craneHasWindowsLayers(v('v0.7.0'))).toBe(false);
    expect(craneHasWindowsLayers(v('v0.8.0'))).toBe(true);
  });
});

describe('craneImageStages', () => {
  it('is the final Windows stage and the stages it is built FROM', () => {
    const m = buildModel(
      'Dockerfile',
      df`
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base
        FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS other
        FROM base
      `,
    );
    expect(craneImageStages(m).map((s) => s.index)).toEqual([1, 3]);
  });

  it('is empty when the final stage is not Windows', () => {
    const m = buildModel('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nFROM --platform=linux/amd64 alpine:3.20\n');
    expect(craneImageStages(m)).toEqual([]);
  });
});
