import { describe, expect, it } from 'vitest';
import { df } from '../rules/rule-tester.ts';
import { buildModel } from './build.ts';
import { Catalog } from './catalog.ts';
import { baseShells, lifecycleOf, parameterise, previewBuild, rootStage, stageChain, stageWindowsVersion } from './versions.ts';

const catalog = new Catalog();
const stages = (text: string) => buildModel('Dockerfile', text, { catalog }).stages;

describe('stageWindowsVersion', () => {
  it('reads the catalog match, and tags of unknown Windows images', () => {
    const s = stages(df`
      FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809 AS a
      FROM contoso/app:2.1-windowsservercore-ltsc2022 AS b
      FROM contoso/app:2.1-1709
      FROM --platform=$BUILDPLATFORM contoso/tool:1.0-1809
    `);
    const v = s.map((st) => stageWindowsVersion(st, catalog));
    expect(v.map((x) => x && [x.version.id, x.token.text, x.token.index, x.family ?? '', x.source])).toEqual([
      ['ltsc2019', '1809', 15, 'nanoserver', 'catalog'],
      ['ltsc2022', 'ltsc2022', 22, '', 'tag'],
      ['1709', '1709', 4, '', 'tag'],
      undefined,
    ]);
  });
});

describe('lifecycleOf', () => {
  it('retires Nano Server 2016 but not Server Core 2016', () => {
    const v = catalog.version('ltsc2016');
    if (!v) throw new Error('catalog without ltsc2016');
    expect(lifecycleOf(v, 'nanoserver')).toEqual({ status: 'retired', label: 'Nano Server 2016', build: '10.0.14393', end: '2018-10-09' });
    expect(lifecycleOf(v, 'servercore')).toEqual({ status: 'extended', label: 'ltsc2016', build: '10.0.14393', mainstreamEnd: '2022-01-11', end: '2027-01-11' });
  });
});

describe('stage chains', () => {
  it('follows FROM <stage> to the root', () => {
    const s = stages(df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a
      FROM a AS b
      FROM b
    `);
    const last = s[2];
    if (!last) throw new Error('bad fixture');
    expect(stageChain(last).map((x) => x.index)).toEqual([2, 1, 0]);
    expect(rootStage(last).index).toBe(0);
  });
});

describe('parameterise', () => {
  it('replaces the version token in the tag only', () => {
    const token = { text: 'ltsc2022', index: 22 };
    expect(parameterise('contoso/ltsc2022:2.1-windowsservercore-ltsc2022', 'contoso/ltsc2022:2.1-windowsservercore-ltsc2022', '2.1-windowsservercore-ltsc2022', token, 'V')).toBe(
      'contoso/ltsc2022:2.1-windowsservercore-${V}',
    );
    expect(parameterise('x:${TAG}', 'x:ltsc2022', 'ltsc2022', { text: 'ltsc2022', index: 0 }, 'V')).toBeUndefined();
  });
});

describe('baseShells and previewBuild', () => {
  it('knows which Nano Server tags had PowerShell', () => {
    const s = stages(df`
      FROM mcr.microsoft.com/windows/nanoserver:1809 AS a
      FROM mcr.microsoft.com/windows/nanoserver:10.0.14393.2068 AS b
      FROM golang:nanoserver AS c
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS d
      FROM contoso/app:1.0 AS e
    `);
    expect(s.map((st) => {
      const b = baseShells(st, catalog);
      return b && [[...b.shells].sort().join(','), [...b.uncertain].join(',')];
    })).toEqual([
      ['cmd', ''],
      ['cmd,powershell', ''],
      ['cmd', 'powershell'],
      ['cmd,powershell', ''],
      undefined,
    ]);
  });

  it('recognises preview builds older than the newest release only', () => {
    const s = stages(df`
      FROM mcr.microsoft.com/nanoserver-insider:10.0.17744.1001 AS a
      FROM mcr.microsoft.com/windows/nanoserver:10.0.17763.5458 AS b
      FROM mcr.microsoft.com/windows/nanoserver:10.0.30000.1
    `);
    expect(s.map((st) => previewBuild(st, catalog))).toEqual([{ build: '10.0.17744', text: '10.0.17744.1001' }, undefined, undefined]);
  });
});
