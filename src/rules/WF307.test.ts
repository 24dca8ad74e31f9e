import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF307'];
const FROM = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022';

describe('WF307 unsupported-drive-or-unc', () => {
  it('flags other drives, UNC paths and stray colons', () => {
    const text = df`
      # escape=\`
      ${FROM}
      WORKDIR D:\\data
      COPY \\\\server\\share\\app.exe //server/share/
      COPY --from=build /out/app:v1 C:/app/
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:9-3:16 WF307 WORKDIR `D:\\data` is on drive D: BuildKit fails with "The specified path is not on the system drive (C:)", since an image layer only holds drive C:',
      '4:6-4:28 WF307 COPY source `\\\\server\\share\\app.exe` is a UNC path: BuildKit fails with "UNC paths are not supported"',
      '4:29-4:44 WF307 COPY destination `//server/share/` is a UNC path: BuildKit fails with "UNC paths are not supported"',
      '5:19-5:30 WF307 COPY source `/out/app:v1` has a colon that does not follow a drive letter: BuildKit reads `/out/app` as a drive and fails with "The specified path is not on the system drive (C:)"',
    ]);
  });

  it('works under the default escape and for crane', () => {
    const text = df`
      ${FROM}
      ARG DATA=e:/logs
      ADD logs.zip $DATA
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '3:14-3:19 WF307 ADD destination `e:/logs` is on drive e: BuildKit fails with "The specified path is not on the system drive (C:)", since an image layer only holds drive C:',
    ]);
  });

  it('leaves VOLUME, URLs, git sources, C: paths, unset variables and Linux stages alone', () => {
    const text = df`
      ${FROM}
      VOLUME D:\\\\data
      ADD https://example.com/a.zip C:/a.zip
      ADD git@github.com:moby/buildkit.git /src
      COPY --from=mcr.microsoft.com/windows/servercore:ltsc2022 C:/Windows/System32/x.dll C:/Windows/System32/
      COPY a $UNSET:/x
      FROM --platform=$BUILDPLATFORM golang:1.23
      WORKDIR D:/x
    `;
    expect(lintText(text, { only })).toEqual([]);
  });
});
