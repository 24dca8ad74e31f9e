import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';
import { suggestInstruction } from './WF001.ts';

const only = ['WF001'];

describe('WF001 unknown-instruction', () => {
  it('suggests the nearest instruction for a typo, as BuildKit does', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      EVN APP_HOME=C:/app
      COPPY app.exe /app/
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:4 WF001 Unknown instruction EVN (did you mean ENV?): BuildKit rejects the file',
      '3:1-3:6 WF001 Unknown instruction COPPY (did you mean COPY?): BuildKit rejects the file',
    ]);
  });

  it('explains a backtick continuation in a file that uses the default backslash escape', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN powershell -Command Invoke-WebRequest https://example.com/a.zip -OutFile C:/a.zip; \`
          Expand-Archive C:/a.zip -DestinationPath C:/a
    `;
    const d = lintText(text, { only });
    expect(summarize(d)).toEqual([
      '3:5-3:19 WF001 Unknown instruction Expand-Archive: line 2 ends with a backtick (`), but the escape character of this file is a backslash (\\), so this line starts a new instruction instead of continuing line 2',
    ]);
    expect(d[0]?.workaround).toMatch(/^Make `# escape=`` the very first line/);
  });

  it('explains a backslash continuation in a file that declares the backtick escape', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN powershell -Command Add-WindowsFeature Web-Server; \\
          powershell -Command Remove-Item -Recurse C:/inetpub/wwwroot/*
    `;
    const d = lintText(text, { only, target: 'crane' });
    expect(summarize(d)).toEqual([
      '4:5-4:15 WF001 Unknown instruction powershell: line 3 ends with a backslash (\\), but the escape character of this file is a backtick (`), so this line starts a new instruction instead of continuing line 3',
    ]);
    expect(d[0]?.workaround).toMatch(/^End continued lines with a backtick/);
  });

  it('calls every line of a broken continuation chain a continuation', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN Add-WindowsFeature Web-Server; \\
          Add-WindowsFeature Web-Asp-Net45; \\
          Remove-Item -Recurse C:/inetpub/wwwroot/*
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '4:5-4:23 WF001 Unknown instruction Add-WindowsFeature: line 3 ends with a backslash (\\), but the escape character of this file is a backtick (`), so this line starts a new instruction instead of continuing line 3',
      '5:5-5:16 WF001 Unknown instruction Remove-Item: line 4 ends with a backslash (\\), but the escape character of this file is a backtick (`), so this line starts a new instruction instead of continuing line 4',
    ]);
  });

  it('recognises an indented line after a line without any escape character', () => {
    const text = df`
      # escape=\`
      FROM mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022
      RUN python -m pip install --upgrade pip \`
          && python -m pip install virtualenv &&
          python -m pip install helix-scripts
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '5:5-5:11 WF001 Unknown instruction python: this line reads as a continuation of line 4, but line 4 does not end with the escape character, a backtick (`)',
    ]);
  });

  it('reports merge conflict markers as such', () => {
    const text = df`
      <<<<<<< HEAD
      FROM mcr.microsoft.com/windows/servercore:ltsc2019
      =======
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      >>>>>>> main
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '1:1-1:8 WF001 Merge conflict marker <<<<<<<: BuildKit rejects the file with "unknown instruction"; resolve the conflict',
      '3:1-3:8 WF001 Merge conflict marker =======: BuildKit rejects the file with "unknown instruction"; resolve the conflict',
      '5:1-5:8 WF001 Merge conflict marker >>>>>>>: BuildKit rejects the file with "unknown instruction"; resolve the conflict',
    ]);
  });

  it('reports an unknown word with nothing close to it plainly', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      INSTALL app.msi
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:1-2:8 WF001 Unknown instruction INSTALL: BuildKit rejects the file ("unknown instruction: INSTALL")',
    ]);
  });

  it('accepts every instruction in any case, and ONBUILD triggers', () => {
    const text = df`
      from mcr.microsoft.com/windows/nanoserver:ltsc2022 as base
      Copy app.exe /app/
      onbuild COPY . /src/
      maintainer someone
      Healthcheck NONE
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('uses BuildKit\'s threshold for suggestions (edit distance below 3)', () => {
    expect(suggestInstruction('EVN')).toBe('ENV');
    expect(suggestInstruction('workdri')).toBe('WORKDIR');
    expect(suggestInstruction('ENTRYPIONT')).toBe('ENTRYPOINT');
    expect(suggestInstruction('INSTALL')).toBeUndefined();
    expect(suggestInstruction('&&')).toBeUndefined();
  });
});
