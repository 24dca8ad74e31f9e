import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF208'];

describe('WF208 scratch-windows', () => {
  it('flags a final scratch stage that copies from a Windows stage', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
      COPY app.exe /out/app.exe
      FROM scratch
      COPY --from=build /out/app.exe /app.exe
      ENTRYPOINT ["C:\\\\app.exe"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:6-3:13 WF208 FROM scratch in a Windows build (it copies from Windows stage build): there is no Windows scratch image, so this image gets Linux-format layers and no Windows base, and cannot run on Windows',
    ]);
  });

  it('flags scratch with a Windows platform or Windows markers, for crane too', () => {
    const text = df`
      FROM --platform=windows/amd64 scratch AS a
      CMD ["app.exe"]
      FROM scratch
      WORKDIR C:/app
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      '1:31-1:38 WF208 FROM scratch in a Windows build (--platform=windows/amd64): there is no Windows scratch image, so this image gets Linux-format layers and no Windows base, and cannot run on Windows',
      '3:6-3:13 WF208 FROM scratch in a Windows build (WORKDIR uses a Windows drive path): there is no Windows scratch image, so this image gets Linux-format layers and no Windows base, and cannot run on Windows',
    ]);
  });

  it('flags scratch that comes from an ARG default, and the final stage of a Windows file', () => {
    const text = df`
      ARG WINBASE=scratch
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS tools
      FROM \${WINBASE}
      COPY app.exe /app.exe
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '3:6-3:16 WF208 ${WINBASE} is scratch in a Windows build (it is the final stage of a file whose other stages are Windows): there is no Windows scratch image, so this image gets Linux-format layers and no Windows base, and cannot run on Windows',
    ]);
    expect(lintText(text, { only, buildArgs: { WINBASE: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' } })).toEqual([]);
  });

  it('follows FROM <stage> chains to the scratch root', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
      FROM scratch AS base
      COPY --from=build /Windows/System32/netapi32.dll /
      FROM base
      ENTRYPOINT ["app.exe"]
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:6-2:13 WF208 FROM scratch in a Windows build (it copies from Windows stage build): there is no Windows scratch image, so this image gets Linux-format layers and no Windows base, and cannot run on Windows',
    ]);
  });

  it('accepts scratch stages that only collect files, and Linux scratch images', () => {
    const exportStage = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
      COPY app.exe /out/app.exe
      FROM scratch AS artifacts
      COPY --from=build /out/ /
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      COPY --from=artifacts /app.exe /app.exe
    `;
    expect(lintText(exportStage, { only })).toEqual([]);
    const linux = df`
      FROM --platform=$BUILDPLATFORM golang:1.23 AS build
      RUN go build -o /out/app .
      FROM scratch
      COPY --from=build /out/app /app
    `;
    expect(lintText(linux, { only })).toEqual([]);
  });
});
