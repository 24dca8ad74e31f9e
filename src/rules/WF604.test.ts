import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF604'];

describe('WF604 unpinned-package', () => {
  it('names the packages each manager installs without an exact version', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN choco install -y git 7zip --no-progress
      RUN winget install --id Git.Git --accept-package-agreements
      RUN pip install requests flask==3.0.3
      RUN npm install -g yarn
      RUN dotnet tool install -g dotnet-ef
      RUN powershell -Command Install-Module Pester -MinimumVersion 5.0 -Force
      RUN powershell -Command Install-Package 7Zip4Powershell -Force
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:5-2:44 WF604 git, 7zip installed with Chocolatey without an exact version: each build takes whatever is newest (--version <v> pins it)',
      '3:5-3:60 WF604 Git.Git installed with winget without an exact version: each build takes whatever is newest (--version <v> pins it)',
      '4:5-4:38 WF604 requests installed with pip without an exact version: each build takes whatever is newest (<name>==<v> pins it)',
      '5:5-5:24 WF604 yarn installed with npm without an exact version: each build takes whatever is newest (<name>@<v> pins it)',
      '6:5-6:37 WF604 dotnet-ef installed with dotnet tool without an exact version: each build takes whatever is newest (--version <v> pins it)',
      '7:25-7:73 WF604 Pester (>=5.0) installed with the PowerShell Gallery without an exact version: each build takes whatever is newest (-RequiredVersion <v> pins it)',
      '8:25-8:63 WF604 7Zip4Powershell installed with PackageManagement without an exact version: each build takes whatever is newest (-RequiredVersion <v> pins it)',
    ]);
  });

  it('accepts exact versions, uninstalls, requirement files and NuGet provider bootstrapping', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN choco install -y git --version 2.45.2 && choco uninstall -y 7zip
      RUN winget install --id Git.Git --version 2.45.2
      RUN pip install flask==3.0.3 && pip install -r requirements.txt && pip uninstall -y requests
      RUN npm install -g yarn@1.22.22
      RUN dotnet tool install -g dotnet-ef --version 8.0.8
      RUN powershell -Command Install-PackageProvider NuGet -MinimumVersion 2.8.5.201 -Force; Install-Module Pester -RequiredVersion 5.6.1 -Force
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('is suppressed by the hadolint codes for pip and npm pinning', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      # hadolint ignore=DL3013
      RUN pip install requests
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
