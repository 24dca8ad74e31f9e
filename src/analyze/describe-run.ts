import type { Instruction } from '../model/types.ts';

interface Pattern {
  re: RegExp;
  what: string;
}

// Ordered by how much each kind of step constrains the conversion: a step that can only run on
// Windows is named before one that could move to a Linux stage.
const PATTERNS: Pattern[] = [
  { re: /\b(?:Install-WindowsFeature|Add-WindowsFeature|Enable-WindowsOptionalFeature|Add-WindowsCapability|dism(?:\.exe)?\s)/i, what: 'enables Windows features' },
  { re: /\b(?:msiexec|\.msi\b|vs_buildtools|vs_community|setup\.exe|Start-Process)\b/i, what: 'runs an installer' },
  { re: /\b(?:choco|cinst|winget|Install-Module|Install-PackageProvider|scoop)\b/i, what: 'installs packages' },
  { re: /\b(?:reg(?:\.exe)?\s+(?:add|import|delete)|Set-ItemProperty|New-ItemProperty|HKLM:|HKCU:)/i, what: 'changes the registry' },
  { re: /\b(?:New-Service|sc(?:\.exe)?\s+(?:create|config)|Set-Service)\b/i, what: 'configures services' },
  { re: /\b(?:net\s+(?:user|localgroup)|New-LocalUser|Add-LocalGroupMember|icacls|Set-Acl|takeown)\b/i, what: 'changes users or permissions' },
  { re: /\b(?:setx|SetEnvironmentVariable)\b/i, what: 'persists environment variables' },
  { re: /\b(?:dotnet\s+(?:publish|build|restore)|msbuild|nuget\s+restore|go\s+(?:build|install)|cargo\s+build|npm\s+(?:ci|install)|yarn|mvn|gradle)\b/i, what: 'builds code' },
  { re: /\b(?:Invoke-WebRequest|iwr|curl(?:\.exe)?|wget|Start-BitsTransfer|DownloadFile|Invoke-RestMethod)\b/i, what: 'downloads files' },
  { re: /\b(?:Expand-Archive|tar(?:\.exe)?\s|7z|expand\s)/i, what: 'unpacks archives' },
  { re: /\b(?:New-Item|mkdir|md\s|Copy-Item|copy\s|xcopy|robocopy|Move-Item|move\s|Remove-Item|del\s|rd\s|rmdir)\b/i, what: 'changes files' },
];

/** A short account of what a RUN does, for messages; the shell analysis makes this exact. */
export function describeRun(run: Instruction): string {
  const body = run.form === 'exec' ? run.args.map((a) => a.value).join(' ') : run.form === 'heredoc' ? run.heredocs.map((h) => h.content).join('\n') : run.rest.text;
  const found = PATTERNS.filter((p) => p.re.test(body)).map((p) => p.what);
  if (found.length === 0) return 'runs a Windows process';
  if (found.length === 1) return found[0] as string;
  return `${found.slice(0, -1).join(', ')} and ${found[found.length - 1]}`;
}
