import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF603'];

describe('WF603 insecure-download', () => {
  it('reports downloads over http:// and ftp://, with the URL as resolved', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      ENV NGINX_VERSION=1.25.3
      RUN curl.exe -fsSLo C:\\nginx.zip http://nginx.org/download/nginx-%NGINX_VERSION%.zip
      RUN powershell -Command Invoke-WebRequest ftp://ftp.example.com/tool.zip -OutFile C:\\tool.zip
      RUN powershell -Command iex ((New-Object Net.WebClient).DownloadString('http://chocolatey.org/install.ps1'))
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:34-3:85 WF603 http://nginx.org/download/nginx-1.25.3.zip is downloaded over plain HTTP: anyone on the network path can replace it',
      '4:43-4:73 WF603 ftp://ftp.example.com/tool.zip is downloaded over plain FTP: anyone on the network path can replace it',
      '5:72-5:107 WF603 http://chocolatey.org/install.ps1 is fetched over plain HTTP and run as a script: anyone on the network path can run code in the build',
    ]);
  });

  it('accepts https:// and loopback addresses', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN curl.exe -fsSLo C:\\a.zip https://example.com/a.zip
      RUN curl.exe -fsSLo C:\\b.zip http://localhost:8080/b.zip
      RUN curl.exe -fsSLo C:\\c.zip http://127.0.0.1/c.zip
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
