import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF207'];

describe('WF207 env-path-drops-windows-defaults', () => {
  it('explains what $PATH expands to from a Windows base image', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      ENV PATH="$PATH;C:\\tools"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:5-2:26 WF207 ENV PATH uses $PATH, but BuildKit expands it from the image config, and mcr.microsoft.com/windows/nanoserver:ltsc2022 keeps PATH in the registry, not in its config: the value becomes ";C:\\tools", without C:\\Windows\\system32 and C:\\Windows',
    ]);
  });

  it('flags a value without the defaults, and notes the case of Path on a Linux builder', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ENV Path="C:\\tools;C:\\Windows"
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '2:5-2:31 WF207 ENV Path replaces the PATH Windows keeps in the registry, and "C:\\tools;C:\\Windows" lacks C:\\Windows\\system32: system commands will not be found; on a Linux builder ENV keys are case-sensitive, so Path is a separate variable from PATH',
    ]);
  });

  it('explains %PATH% and unknown bases', () => {
    const text = df`
      FROM contoso/tools:ltsc2022 AS tools
      ENV PATH=%PATH%;C:/tools
      ENV path \${PATH};C:/more
      FROM contoso/tools:ltsc2022
      ENV path \${PATH};C:/more
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:5-2:25 WF207 ENV PATH uses %PATH%, which Docker does not expand (only $VAR is expanded): the value is literally "%PATH%;C:/tools", without C:\\Windows\\system32 and C:\\Windows',
      // PATH is set by the ENV above, so ${PATH} expands to it.
      '3:5-3:25 WF207 ENV path replaces the PATH Windows keeps in the registry, and "%PATH%;C:/tools;C:/more" lacks C:\\Windows\\system32 and C:\\Windows: system commands will not be found; on a Linux builder ENV keys are case-sensitive, so path is a separate variable from PATH',
      '5:5-5:25 WF207 ENV path uses $PATH, which BuildKit expands from the image config, not from the Windows registry: unless contoso/tools:ltsc2022 sets PATH in its config (Windows images rarely do), the value becomes ";C:/more", without C:\\Windows\\system32 and C:\\Windows; on a Linux builder ENV keys are case-sensitive, so path is a separate variable from PATH',
    ]);
  });

  it('accepts values that keep both defaults, in any spelling', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      ENV PATH="c:/windows/System32/;C:\\WINDOWS;C:\\tools" OTHER=1
      ENV PATH="\${PATH};C:\\more"
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('ignores Linux stages', () => {
    const text = df`
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      ENV PATH=/usr/local/go/bin:$PATH
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
