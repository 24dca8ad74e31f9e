import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF610'];
const PS = `SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]`;

describe('WF610 archive-not-removed', () => {
  it('reports archives and installers used but left behind in the RUN that downloaded them', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ${PS}
      RUN Invoke-WebRequest https://example.com/a.zip -OutFile C:\\a.zip; Expand-Archive C:\\a.zip C:\\a
      RUN Remove-Item C:\\a.zip
      RUN Invoke-WebRequest https://example.com/b.msi -OutFile C:\\b.msi; Start-Process msiexec -ArgumentList '/i', 'C:\\b.msi', '/qn' -Wait
      RUN curl.exe -fsSLo tool.tar.gz https://example.com/tool.tar.gz; tar -xzf tool.tar.gz -C C:\\tool
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:58-3:66 WF610 C:\\a.zip (from https://example.com/a.zip) is unpacked but not deleted in this RUN: it stays in the layer and adds its size to the image',
      '5:58-5:66 WF610 C:\\b.msi (from https://example.com/b.msi) is installed but not deleted in this RUN: it stays in the layer and adds its size to the image',
      '6:21-6:32 WF610 tool.tar.gz (from https://example.com/tool.tar.gz) is unpacked but not deleted in this RUN: it stays in the layer and adds its size to the image',
    ]);
  });

  it('accepts deleting the file, a wildcard or a directory holding it, and unused downloads', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN curl.exe -fsSLo C:\\a.zip https://example.com/a.zip && tar -xf C:\\a.zip -C C:\\a && del /q C:\\a.zip
      RUN curl.exe -fsSLo %TEMP%\\b.zip https://example.com/b.zip && tar -xf %TEMP%\\b.zip -C C:\\b && rd /s /q %TEMP%
      ${PS}
      RUN Invoke-WebRequest https://example.com/c.msi -OutFile C:\\setup\\c.msi; Start-Process C:\\setup\\c.msi -Wait; Remove-Item C:\\setup\\* -Recurse
      RUN Invoke-WebRequest https://example.com/d.zip -OutFile d.zip; Expand-Archive d.zip C:\\d; Remove-Item -Force C:\\d.zip
      RUN Invoke-WebRequest https://example.com/e.zip -OutFile C:\\e.zip
    `;
    expect(lintText(text, { only })).toEqual([]);
  });

  it('ignores stages the final image is not built from', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS download
      RUN curl.exe -fsSLo C:\\a.zip https://example.com/a.zip && tar -xf C:\\a.zip -C C:\\a
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=download C:/a C:/a
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
