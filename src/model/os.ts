import type { OsEvidence, Stage } from './types.ts';

const POWERSHELL = /^(?:.*[\\/])?(?:powershell|pwsh)(?:\.exe)?$/i;
const CMD = /^(?:.*[\\/])?cmd(?:\.exe)?$/i;
const DRIVE_PATH = /(?:^|[\s"'=;,[])[a-zA-Z]:[\\/]/;
const WINDOWS_RUN = /^\s*(?:@?(?:powershell|pwsh|cmd)(?:\.exe)?\b|.*\b(?:Invoke-WebRequest|Expand-Archive|Set-ItemProperty|New-Item|Remove-Item|setx|msiexec|choco|Install-WindowsFeature|Start-Process)\b)/i;
const LINUX_RUN = /^\s*(?:set -|apt-get|apt |apk |yum |dnf |microdnf |zypper |useradd|groupadd|chmod |chown |ln -s|\/bin\/|bash )/;

/** Windows or Linux markers inside a stage whose image alone does not decide its OS. */
export function markerEvidence(stage: Stage): OsEvidence | undefined {
  for (const ins of stage.instructions) {
    switch (ins.keyword) {
      case 'SHELL': {
        const exe = ins.args[0]?.value ?? '';
        if (ins.form === 'exec' && (POWERSHELL.test(exe) || CMD.test(exe))) {
          return { os: 'windows', kind: 'marker', detail: `SHELL uses ${exe}`, range: ins.range };
        }
        if (ins.form === 'exec' && /^\/(?:usr\/)?bin\//.test(exe)) return { os: 'linux', kind: 'marker', detail: `SHELL uses ${exe}`, range: ins.range };
        break;
      }
      case 'WORKDIR':
      case 'COPY':
      case 'ADD':
      case 'ENV':
      case 'VOLUME': {
        const text = ins.args.map((a) => a.raw).join(' ');
        if (DRIVE_PATH.test(' ' + text)) return { os: 'windows', kind: 'marker', detail: `${ins.keyword} uses a Windows drive path`, range: ins.range };
        break;
      }
      case 'RUN': {
        if (ins.form === 'exec') break;
        const body = ins.rest.text;
        if (WINDOWS_RUN.test(body)) return { os: 'windows', kind: 'marker', detail: 'RUN runs Windows commands', range: ins.range };
        if (LINUX_RUN.test(body)) return { os: 'linux', kind: 'marker', detail: 'RUN runs Linux commands', range: ins.range };
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** What a --platform value says about the stage. */
export function platformEvidence(raw: string, value: string): OsEvidence | undefined {
  if (/\$\{?BUILDPLATFORM\b/.test(raw) || /\$\{?BUILDOS\b/.test(raw)) {
    return { os: 'linux', kind: 'platform', detail: `--platform=${raw} runs on the build machine, a Linux builder for the targets winfile checks` };
  }
  const os = value.split('/')[0]?.toLowerCase() ?? '';
  if (os.startsWith('windows')) return { os: 'windows', kind: 'platform', detail: `--platform=${raw}` };
  if (os === 'linux') return { os: 'linux', kind: 'platform', detail: `--platform=${raw}` };
  return undefined;
}
