import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF613'];

describe('WF613 remote-script-executed', () => {
  it('reports scripts downloaded and run in one step', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))
      RUN iwr -useb https://get.scoop.sh | iex
      RUN Invoke-Expression (Invoke-RestMethod https://example.com/setup.ps1)
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:5-3:107 WF613 The script at https://community.chocolatey.org/install.ps1 is downloaded and run in one step: whatever the server returns at build time runs unchecked',
      '4:5-4:41 WF613 The script at https://get.scoop.sh is downloaded and run in one step: whatever the server returns at build time runs unchecked',
      '5:5-5:72 WF613 The script at https://example.com/setup.ps1 is downloaded and run in one step: whatever the server returns at build time runs unchecked',
    ]);
  });

  it('accepts scripts saved to a file and run from the image', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
      RUN Invoke-WebRequest https://community.chocolatey.org/install.ps1 -OutFile C:\\install.ps1; & C:\\install.ps1
      RUN iex 'Write-Host hello'
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
