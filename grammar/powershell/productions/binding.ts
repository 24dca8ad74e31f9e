// Attaching `-Name value` pairs. PowerShell binds a value to a parameter by
// looking up the command's signature, which a parser cannot know. We guess:
// native executables get no binding at all (their arguments are plain
// strings), cmdlet-like commands bind the next positional argument unless the
// parameter is a well-known switch. `colon: false` marks the guess.

import type { CommandElement, CommandParameter, Expression } from '../ast.ts';
import { staticString, isExpressionElement } from '../helpers.ts';

export function staticText(e: Expression): string | undefined {
  return staticString(e);
}

/** Switch parameters of common cmdlets (lower case). They never take the next argument. */
export const KNOWN_SWITCHES: ReadonlySet<string> = new Set([
  'force', 'recurse', 'wait', 'passthru', 'usebasicparsing', 'nonewwindow', 'confirm', 'whatif', 'verbose', 'debug',
  'asjob', 'append', 'noclobber', 'raw', 'directory', 'file', 'hidden', 'readonly', 'system', 'leaf', 'parent',
  'resolve', 'isabsolute', 'qualifier', 'noqualifier', 'unique', 'descending', 'casesensitive', 'simplematch',
  'quiet', 'notmatch', 'allmatches', 'global', 'notypeinformation', 'compress', 'asplaintext', 'assecurestring',
  'ashashtable', 'restart', 'norestart', 'includemanagementtools', 'includeallsubfeature', 'all', 'online',
  'persist', 'skipcertificatecheck', 'disablekeepalive', 'allowunencryptedauthentication', 'resume', 'allowclobber',
  'skippublishercheck', 'acceptlicense', 'allowprerelease', 'nonewline', 'asbytestream', 'enumerate',
  'loaduserprofile', 'usenewenvironment', 'expand', 'nowait', 'skipdependencycheck', 'forcebootstrap', 'literal',
  'container', 'overwrite', 'listavailable', 'asstring', 'noenumerate', 'includeequal',
]);

/** Common aliases that resolve to cmdlets (they take named parameters). */
const CMDLET_ALIASES = new Set([
  '%', '?', 'foreach', 'where', 'select', 'sort', 'measure', 'tee', 'iwr', 'irm', 'curl', 'wget', 'iex', 'icm',
  'cp', 'copy', 'cpi', 'mv', 'move', 'mi', 'rm', 'del', 'erase', 'rd', 'rmdir', 'ri', 'ni', 'mkdir', 'md', 'ls', 'dir',
  'gci', 'cat', 'gc', 'type', 'sc', 'ac', 'echo', 'write', 'sleep', 'start', 'saps', 'cd', 'sl', 'chdir', 'pushd',
  'popd', 'gi', 'gp', 'sp', 'si', 'ipmo', 'ft', 'fl', 'gcm', 'gps', 'ps', 'kill', 'spps', 'gsv', 'sasv', 'spsv',
  'ren', 'rni', 'rvpa', 'gl', 'pwd', 'clc', 'cli', 'clp', 'epal', 'ipal', 'nal', 'sal', 'sv', 'set', 'gv', 'nv', 'rv',
  'expand-archive', 'compress-archive',
]);

export function isCmdletLike(name: string | undefined): boolean {
  if (name === undefined) return false;
  if (CMDLET_ALIASES.has(name.toLowerCase())) return true;
  // Verb-Noun, no path or extension: functions and cmdlets.
  return /^[A-Za-z]+-[A-Za-z][\w-]*$/.test(name);
}

/** Returns `elements` with values attached to parameters where the guess allows it (mutates the parameters). */
export function bindParameterValues(nameText: string | undefined, elements: CommandElement[]): CommandElement[] {
  if (!isCmdletLike(nameText)) return elements;
  const out: CommandElement[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    out.push(el);
    if (el.type !== 'CommandParameter' || el.colon || el.value) continue;
    if (KNOWN_SWITCHES.has(el.name.toLowerCase())) continue;
    const next = elements[i + 1];
    if (next && isExpressionElement(next)) {
      attach(el, next);
      i++;
    }
  }
  return out;
}

function attach(param: CommandParameter, value: Expression): void {
  param.value = value;
  param.end = value.end;
}
