// The cmdlets, functions and aliases winfile knows, with the parameters PowerShell would bind.
// The grammar only guesses which `-Name value` pairs belong together; with the signature known
// here, binding is redone exactly (switches never take a value, positions fill in order).

import type { Command, CommandParameter, Expression, Redirection } from '../../../grammar/powershell/ast.ts';

/** What the classifier does with a command; one handler per kind. */
export type CmdletKind =
  | 'download' | 'rest' | 'bits' | 'expand-archive' | 'expand-7zip' | 'compress'
  | 'new-item' | 'mkdir' | 'copy' | 'move' | 'rename' | 'remove' | 'set-content' | 'add-content' | 'out-file' | 'clear-content'
  | 'set-item' | 'location' | 'set-itemproperty' | 'new-itemproperty' | 'remove-itemproperty'
  | 'module' | 'script' | 'package-provider' | 'package' | 'repository'
  | 'start-process' | 'feature' | 'capability' | 'certificate' | 'iis'
  | 'new-service' | 'set-service' | 'start-service' | 'stop-service'
  | 'new-localuser' | 'localgroup' | 'acl'
  | 'hash' | 'iex' | 'invoke-command' | 'foreach-object' | 'where-object' | 'tee'
  | 'print' | 'error' | 'query' | 'smoke' | 'filter' | 'session' | 'import-module' | 'sleep' | 'execution-policy';

export interface CmdletSpec {
  name: string;
  kind: CmdletKind;
  positional: readonly string[];
  /** Lower-case parameter name or alias -> canonical lower-case name. */
  params: ReadonlyMap<string, string>;
  /** Canonical lower-case names of switch parameters. */
  switches: ReadonlySet<string>;
}

const COMMON_VALUES = 'ErrorAction:ea WarningAction:wa InformationAction:infa ErrorVariable:ev WarningVariable:wv InformationVariable:iv OutVariable:ov OutBuffer:ob PipelineVariable:pv ProgressAction:proga';
const COMMON_SWITCHES = 'Verbose:vb Debug:db WhatIf:wi Confirm:cf';
const PATHS = 'Path LiteralPath:PSPath:LP Filter Include Exclude Credential';
const DOWNLOAD = 'OutFile Method Headers Body UserAgent Proxy ProxyCredential TimeoutSec:ConnectionTimeoutSeconds ContentType InFile MaximumRedirection SessionVariable:SV WebSession Credential Token Authentication RetryIntervalSec MaximumRetryCount Form Certificate CertificateThumbprint TransferEncoding HttpVersion CustomMethod OperationTimeoutSeconds';
const DOWNLOAD_SWITCHES = 'UseBasicParsing PassThru UseDefaultCredentials DisableKeepAlive SkipCertificateCheck Resume NoProxy AllowUnencryptedAuthentication PreserveAuthorizationOnRedirect SkipHeaderValidation SkipHttpErrorCheck AllowInsecureRedirect';
const MODULE = 'Name RequiredVersion MinimumVersion MaximumVersion Repository Scope Credential Proxy ProxyCredential InputObject AcceptLicense';
const MODULE_SWITCHES = 'Force AllowClobber SkipPublisherCheck AllowPrerelease PassThru NoClobber';
const FEATURE = 'Name:FeatureName Source LogPath ComputerName Credential Vhd';
const FEATURE_SWITCHES = 'IncludeAllSubFeature:AllSubFeatures IncludeManagementTools Restart WhatIf NoRestart Online All LimitAccess';
const SERVICE = 'Name:ServiceName DisplayName InputObject Include Exclude';
const PRINT_SWITCHES = 'NoNewline NoEnumerate';

/** Aliases PowerShell 7 dropped (they name native programs there). */
const WINDOWS_POWERSHELL_ONLY = new Set(['curl', 'wget', 'sc']);

// Rows are kept as written and turned into specs when a script first names one of their commands:
// building all of them up front was a few milliseconds of every lint that reads PowerShell.
interface Row {
  names: string;
  kind: CmdletKind;
  positional: string;
  values: string;
  switches: string;
  spec?: CmdletSpec;
}

const rows: Row[] = [];
let byName: Map<string, Row> | undefined;

function row(names: string, kind: CmdletKind, positional: string, values = '', switches = ''): void {
  rows.push({ names, kind, positional, values, switches });
}

function specOf(r: Row): CmdletSpec {
  if (r.spec) return r.spec;
  const params = new Map<string, string>();
  const switchSet = new Set<string>();
  const add = (list: string, isSwitch: boolean) => {
    for (const entry of list.split(' ')) {
      if (entry === '') continue;
      const [canonical, ...alts] = entry.toLowerCase().split(':') as [string, ...string[]];
      if (!params.has(canonical)) params.set(canonical, canonical);
      for (const n of alts) if (!params.has(n)) params.set(n, canonical);
      if (isSwitch) switchSet.add(canonical);
    }
  };
  add(r.positional, false);
  add(r.values, false);
  add(r.switches, true);
  add(COMMON_VALUES, false);
  add(COMMON_SWITCHES, true);
  const positional = r.positional.split(' ').filter(Boolean).map((p) => (p.split(':')[0] as string).toLowerCase());
  r.spec = { name: r.names.split(' ')[0] as string, kind: r.kind, positional, params, switches: switchSet };
  return r.spec;
}

function index(): Map<string, Row> {
  if (byName) return byName;
  byName = new Map();
  for (const r of rows) for (const n of r.names.split(' ')) byName.set(n.toLowerCase(), r);
  return byName;
}

// Downloads and archives
row('Invoke-WebRequest iwr curl wget', 'download', 'Uri:Url', DOWNLOAD, DOWNLOAD_SWITCHES);
row('Invoke-RestMethod irm', 'rest', 'Uri:Url', `${DOWNLOAD} ResponseHeadersVariable StatusCodeVariable`, `${DOWNLOAD_SWITCHES} FollowRelLink`);
row('Start-BitsTransfer', 'bits', 'Source Destination', 'DisplayName Priority TransferType Credential ProxyUsage ProxyList Authentication RetryInterval RetryTimeout', 'Asynchronous Suspended Dynamic');
row('Expand-Archive', 'expand-archive', 'Path:PSPath DestinationPath', 'LiteralPath:LP', 'Force PassThru');
row('Expand-7Zip', 'expand-7zip', 'ArchiveFileName TargetPath', 'Password CustomInitialization', 'SkipEmptyDirectories');
row('Compress-Archive', 'compress', 'Path DestinationPath', 'LiteralPath:LP:PSPath CompressionLevel', 'Update Force PassThru');
// Files and locations
row('New-Item ni', 'new-item', 'Path', 'Name ItemType:Type Value Target Credential', 'Force');
row('mkdir md', 'mkdir', 'Path', 'Name Value Credential', 'Force');
row('Copy-Item copy cp cpi', 'copy', 'Path Destination', `${PATHS} ToSession FromSession`, 'Container Force Recurse PassThru');
row('Move-Item move mv mi', 'move', 'Path Destination', PATHS, 'Force PassThru');
row('Rename-Item ren rni', 'rename', 'Path NewName', 'LiteralPath:PSPath:LP Credential', 'Force PassThru');
row('Remove-Item rm del erase rd rmdir ri', 'remove', 'Path', `${PATHS} Stream`, 'Force Recurse');
row('Set-Content sc', 'set-content', 'Path Value', `${PATHS} Encoding Stream`, 'Force NoNewline PassThru AsByteStream');
row('Add-Content ac', 'add-content', 'Path Value', `${PATHS} Encoding Stream`, 'Force NoNewline PassThru AsByteStream');
row('Out-File', 'out-file', 'FilePath:Path Encoding', 'LiteralPath:PSPath:LP InputObject Width', 'Append Force NoClobber:NoOverwrite NoNewline');
row('Clear-Content clc', 'clear-content', 'Path', PATHS, 'Force');
row('Set-Item si', 'set-item', 'Path Value', PATHS, 'Force PassThru');
row('Set-Location cd chdir sl Push-Location pushd Pop-Location popd', 'location', 'Path', 'LiteralPath:PSPath:LP StackName', 'PassThru');
row('Unblock-File', 'session', 'Path', 'LiteralPath:PSPath:LP');
// Registry
row('Set-ItemProperty sp', 'set-itemproperty', 'Path Name Value', `${PATHS} InputObject Type:PropertyType`, 'Force PassThru');
row('New-ItemProperty', 'new-itemproperty', 'Path Name', `Value ${PATHS} PropertyType:Type`, 'Force');
row('Remove-ItemProperty rp', 'remove-itemproperty', 'Path Name', PATHS, 'Force');
// Packages and installers
row('Install-Module', 'module', 'Name', MODULE, MODULE_SWITCHES);
row('Update-Module', 'module', 'Name', MODULE, MODULE_SWITCHES);
row('Install-Script', 'script', 'Name', MODULE, `${MODULE_SWITCHES} NoPathUpdate`);
row('Install-PSResource', 'module', 'Name', `${MODULE} Version`, `${MODULE_SWITCHES} TrustRepository Reinstall Quiet`);
row('Install-PackageProvider', 'package-provider', 'Name', MODULE, `${MODULE_SWITCHES} ForceBootstrap`);
row('Install-Package', 'package', 'Name', `${MODULE} ProviderName Source Destination`, `${MODULE_SWITCHES} SkipDependencies ExcludeVersion`);
row('Set-PSRepository Register-PSRepository Register-PackageSource Set-PackageSource', 'repository', 'Name', 'InstallationPolicy SourceLocation:Location ProviderName PublishLocation Location', 'Trusted Force');
row('Start-Process saps start', 'start-process', 'FilePath ArgumentList:Args', 'WorkingDirectory Verb RedirectStandardOutput:RSO RedirectStandardError:RSE RedirectStandardInput:RSI WindowStyle Credential:RunAs Environment', 'Wait PassThru NoNewWindow:nnw LoadUserProfile:Lup UseNewEnvironment');
row('Install-WindowsFeature Add-WindowsFeature Uninstall-WindowsFeature Remove-WindowsFeature', 'feature', 'Name', FEATURE, FEATURE_SWITCHES);
row('Enable-WindowsOptionalFeature Disable-WindowsOptionalFeature', 'feature', '', FEATURE, FEATURE_SWITCHES);
row('Add-WindowsCapability Install-WindowsCapability Remove-WindowsCapability', 'capability', '', 'Name Source LogPath', 'Online LimitAccess');
row('Add-WindowsPackage Remove-WindowsPackage', 'capability', '', 'PackagePath:Path PackageName LogPath ScratchDirectory', 'Online NoRestart PreventPending IgnoreCheck');
row('Import-Certificate Import-PfxCertificate New-SelfSignedCertificate', 'certificate', 'FilePath', 'CertStoreLocation Password DnsName Subject FriendlyName NotAfter', 'Exportable');
row('New-Website New-WebSite New-WebApplication New-WebAppPool New-WebBinding Set-WebConfigurationProperty Set-WebConfiguration Add-WebConfigurationProperty Add-WebConfiguration Remove-Website Remove-WebAppPool Set-WebBinding New-WebVirtualDirectory', 'iis', 'Name', 'Site PhysicalPath ApplicationPool Port HostHeader IPAddress Protocol PSPath Filter Value Location', 'Force Ssl');
// Services, users and ACLs
row('New-Service', 'new-service', 'Name BinaryPathName:Path', 'DisplayName Description StartupType DependsOn Credential SecurityDescriptorSddl');
row('Set-Service', 'set-service', 'Name', `${SERVICE} Description StartupType:StartMode Status Credential SecurityDescriptorSddl`, 'Force PassThru');
row('Start-Service sasv Restart-Service Resume-Service', 'start-service', 'Name', SERVICE, 'Force PassThru');
row('Stop-Service spsv Suspend-Service', 'stop-service', 'Name', SERVICE, 'Force NoWait PassThru');
row('New-LocalUser Set-LocalUser Remove-LocalUser', 'new-localuser', 'Name', 'Password Description FullName AccountExpires PasswordNeverExpires', 'NoPassword UserMayNotChangePassword Disabled AccountNeverExpires');
row('Add-LocalGroupMember New-LocalGroup Remove-LocalGroupMember', 'localgroup', 'Group:Name Member', 'SID Description');
row('Set-Acl', 'acl', 'Path AclObject', 'LiteralPath:PSPath:LP InputObject Filter Include Exclude', 'Passthru ClearCentralAccessPolicy');
// Script control
row('Get-FileHash', 'hash', 'Path', 'LiteralPath:PSPath:LP Algorithm InputStream');
row('Invoke-Expression iex', 'iex', 'Command');
row('Invoke-Command icm', 'invoke-command', 'ScriptBlock ArgumentList:Args', 'ComputerName Session InputObject FilePath', 'NoNewScope AsJob');
row('ForEach-Object % foreach', 'foreach-object', 'Process MemberName', 'Begin End InputObject RemainingScripts ThrottleLimit', 'Parallel');
row('Where-Object ? where', 'where-object', 'FilterScript Property Value', 'InputObject', 'EQ NE Like NotLike Match Not Is');
row('Tee-Object tee', 'tee', 'FilePath', 'LiteralPath InputObject Variable Encoding', 'Append');
row('Write-Host', 'print', 'Object', 'ForegroundColor BackgroundColor Separator', PRINT_SWITCHES);
row('Write-Output echo write Write-Verbose Write-Information Write-Warning Write-Debug Out-Host Out-Default Write-Progress', 'print', 'InputObject:Message:MessageData:Object', 'Tags Activity Status Id PercentComplete', `${PRINT_SWITCHES} Completed Paging`);
row('Write-Error', 'error', 'Message', 'Exception ErrorRecord Category ErrorId TargetObject RecommendedAction');
row('Set-ExecutionPolicy', 'execution-policy', 'ExecutionPolicy Scope', '', 'Force');
row('Import-Module ipmo Import-PackageProvider', 'import-module', 'Name', 'MinimumVersion RequiredVersion MaximumVersion Prefix Scope ArgumentList', 'Force Global PassThru DisableNameChecking SkipEditionCheck UseWindowsPowerShell');
row('Start-Sleep sleep Wait-Process', 'sleep', 'Seconds:Name', 'Milliseconds Id InputObject Timeout Duration');
row('Get-Command gcm', 'smoke', 'Name', 'CommandType Module', 'ListImported All');
row('Test-Path', 'smoke', 'Path', `${PATHS} PathType OlderThan NewerThan`, 'IsValid');
row('Get-ChildItem gci ls dir Get-Content gc cat type Get-Item gi Get-ItemProperty gp Get-ItemPropertyValue gpv Resolve-Path rvpa Convert-Path Get-Location gl pwd Get-Acl Get-PSDrive Select-String sls Get-Date Get-Host Get-Process gps ps Get-Service gsv Get-Module Get-Variable gv Get-WindowsFeature Get-WindowsOptionalFeature Get-WindowsCapability Get-PackageProvider Get-Package Get-InstalledModule Find-Module Find-Package Get-PSRepository Get-LocalUser Get-LocalGroupMember Get-Member gm Get-Help Get-CimInstance Get-WmiObject gwmi Get-ComputerInfo Get-HotFix Get-ExecutionPolicy Get-Random Get-Culture Get-TimeZone Get-NetAdapter Get-NetIPAddress Get-Job Receive-Job Get-Printer Get-Credential Get-PSCallStack Get-Alias Get-Event Measure-Command Test-Connection Resolve-DnsName Get-Error Get-WebSite Get-IISServerManager Get-Certificate', 'query', 'Path', `${PATHS} Name Recurse Depth Attributes Raw Encoding Tail TotalCount Pattern Property Format Id ListAvailable`, 'Recurse Force Directory File Hidden Name Raw Leaf ListAvailable SimpleMatch Quiet AllMatches');
row('Sort-Object sort Group-Object group Measure-Object measure Out-Null Out-String Format-Table ft Format-List fl Format-Wide fw ConvertFrom-Json ConvertTo-Json ConvertFrom-StringData ConvertTo-SecureString ConvertFrom-SecureString ConvertFrom-Csv ConvertTo-Csv Compare-Object diff Get-Unique Add-Member Wait-Job New-TemporaryFile New-Guid ConvertTo-Html Out-GridView', 'filter', 'InputObject', 'Property MemberType Value Depth Key Width', 'Unique Descending Stream Wait NoTypeInformation AsPlainText Force Compress AsHashtable');
row('Select-Object select', 'filter', 'Property', 'ExpandProperty ExcludeProperty First Last Skip SkipLast Index InputObject', 'Unique Wait');
row('Join-Path', 'filter', 'Path ChildPath', 'AdditionalChildPath Credential', 'Resolve');
row('Split-Path', 'filter', 'Path', 'LiteralPath:PSPath:LP Credential', 'Parent Leaf Qualifier NoQualifier IsAbsolute Resolve Extension LeafBase');
row('New-Object', 'filter', 'TypeName ArgumentList:Args', 'ComObject Property', 'Strict');
row('Set-StrictMode Set-Variable set sv New-Variable nv Remove-Variable rv Clear-Variable clv Set-Alias sal New-Alias nal Set-PSDebug Start-Transcript Stop-Transcript Clear-Host cls clear Add-Type Remove-Module rmo Stop-Process kill spps Update-SessionEnvironment refreshenv Set-Culture Register-ArgumentCompleter Set-PSReadLineOption Set-Date Start-Job Remove-Job Update-FormatData Update-TypeData Update-Help', 'session', 'Name Value', 'Scope Option Description Version Off Path AssemblyName TypeDefinition MemberDefinition Namespace Language ReferencedAssemblies Id Trace', 'Force PassThru Strict');

/**
 * The spec of a cmdlet, function or alias by name. `curl`, `wget` and `sc` are aliases only in
 * Windows PowerShell; pwsh runs the programs of that name.
 */
export function lookupCmdlet(name: string, host: 'powershell' | 'pwsh'): CmdletSpec | undefined {
  const lower = name.toLowerCase();
  if (host === 'pwsh' && WINDOWS_POWERSHELL_ONLY.has(lower)) return undefined;
  const r = index().get(lower);
  return r && specOf(r);
}

/** Names in the table, for coverage reports. */
export function knownCommandNames(): string[] {
  return [...index().keys()];
}

export interface Bound {
  spec: CmdletSpec;
  /** Canonical lower-case parameter -> its value; `true` for a switch or a parameter given without a value. */
  named: Map<string, Expression | true>;
  /** Positional arguments left over after the positions were filled. */
  rest: Expression[];
  /** `@splat` present: any parameter may have been given. */
  splat: boolean;
  redirections: Redirection[];
  /** Parameters the spec does not know (a typo, or a newer version of the cmdlet). */
  unknown: string[];
}

/** Abbreviations already resolved, per spec: a long script repeats the same few. */
const abbreviations = new Map<CmdletSpec, Map<string, string | undefined>>();

/** The canonical name of a (possibly abbreviated) parameter, as PowerShell resolves it. */
function resolveParam(spec: CmdletSpec, written: string): string | undefined {
  const lower = written.toLowerCase();
  const exact = spec.params.get(lower);
  if (exact) return exact;
  let known = abbreviations.get(spec);
  if (!known) abbreviations.set(spec, (known = new Map()));
  if (known.has(lower)) return known.get(lower);
  const matches = new Set<string>();
  for (const [n, canonical] of spec.params) if (n.startsWith(lower)) matches.add(canonical);
  const resolved = matches.size === 1 ? [...matches][0] : undefined;
  known.set(lower, resolved);
  return resolved;
}

/** Binds a command's arguments to the spec's parameters, undoing the grammar's guesses. */
export function bind(cmd: Command, spec: CmdletSpec): Bound {
  const out: Bound = { spec, named: new Map(), rest: [], splat: false, redirections: [], unknown: [] };
  // The grammar's guessed `-Name value` pairs are taken apart again into parameters and words
  // (nodes, not wrappers: long scripts bind commands by the ten thousand).
  const items: (CommandParameter | Expression)[] = [];
  for (const el of cmd.elements) {
    if (el.type === 'CommandParameter') {
      items.push(el);
      if (!el.colon && el.value) items.push(el.value);
    } else if (el.type === 'Splat') {
      out.splat = true;
    } else if (el.type === 'Redirection') {
      out.redirections.push(el);
    } else if (el.type !== 'StopParsingArgument') {
      items.push(el);
    }
  }
  const positional = out.rest;
  for (let i = 0; i < items.length; i++) {
    const t = items[i] as CommandParameter | Expression;
    if (t.type !== 'CommandParameter') {
      positional.push(t);
      continue;
    }
    const canonical = resolveParam(spec, t.name);
    if (!canonical) {
      out.unknown.push(t.name);
      continue;
    }
    if (t.colon && t.value) {
      out.named.set(canonical, t.value);
    } else if (spec.switches.has(canonical)) {
      out.named.set(canonical, true);
    } else {
      const next = items[i + 1];
      if (next && next.type !== 'CommandParameter') {
        out.named.set(canonical, next);
        i++;
      } else {
        out.named.set(canonical, true);
      }
    }
  }
  let p = 0;
  for (const name of spec.positional) {
    if (out.named.has(name)) continue;
    const arg = positional[p];
    if (!arg) break;
    out.named.set(name, arg);
    p++;
  }
  if (p > 0) out.rest = positional.slice(p);
  return out;
}

/** The bound value of a parameter when it is an expression (not a bare switch). */
export function argOf(b: Bound, ...names: string[]): Expression | undefined {
  for (const n of names) {
    const v = b.named.get(n);
    if (v && v !== true) return v;
  }
  return undefined;
}

export function hasSwitch(b: Bound, name: string): boolean {
  return b.named.has(name);
}
