import type { Instruction, Stage } from './types.ts';
import { stageChain } from './versions.ts';

/** The accounts every Windows base image runs containers as. */
export const CONTAINER_USERS = ['ContainerAdministrator', 'ContainerUser'] as const;

/** An account a RUN creates (or adds to a group, which needs it to exist). */
export interface CreatedUser {
  name: string;
  /** The command that mentions it, e.g. `net user /add`. */
  how: string;
  run: Instruction;
}

/** Case-insensitive comparison key: Windows account names ignore case, and `.\x` / `HOST\x` name the local x. */
export function userKey(name: string): string {
  const bare = name.replace(/^["']|["']$/g, '');
  return bare.slice(bare.lastIndexOf('\\') + 1).toLowerCase();
}

/** The account part of a USER value (`name[:group]`). */
export function userOf(value: string): string {
  return value.replace(/:[^\\]*$/, '').trim();
}

export function isContainerUser(name: string): boolean {
  const key = userKey(name);
  return CONTAINER_USERS.some((u) => u.toLowerCase() === key);
}

/**
 * Splits a command segment into words, keeping quoted words whole (cmd and PowerShell quoting
 * alike) and a PowerShell list (`a,b` or `a, b`) together as one word.
 */
function words(segment: string): string[] {
  const out: string[] = [];
  for (const m of segment.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g)) {
    const w = m[0];
    if (out.length > 0 && (out[out.length - 1] as string).endsWith(',')) out[out.length - 1] += w;
    else out.push(w);
  }
  return out;
}

/** The names in one parameter value: a PowerShell list becomes its items, quotes removed. */
const items = (value: string): string[] => value.split(',').map((v) => v.trim().replace(/^["']|["']$/g, ''));

// A name held in a variable cannot be known statically.
const literal = (w: string | undefined): w is string => w !== undefined && w !== '' && !/[$%()]/.test(w);

// New-LocalUser parameters that take no value; every other `-Param` consumes the next word.
const SWITCHES = /^-(?:NoPassword|AccountNeverExpires|PasswordNeverExpires|UserMayNotChangePassword|Disabled|WhatIf|Confirm)(?::\S*)?$/i;

function namedOrPositional(args: string[], param: RegExp, position: number): string[] {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as string;
    const colon = /^(-\w+):(.+)$/.exec(w);
    if (param.test(colon?.[1] ?? w)) return items(colon ? (colon[2] as string) : (args[i + 1] ?? '')).filter(literal);
    if (w.startsWith('-')) {
      if (!SWITCHES.test(w) && !colon) i++;
      continue;
    }
    positional.push(w);
  }
  return items(positional[position] ?? '').filter(literal);
}

/** Accounts one RUN creates or adds to a local group. */
export function usersCreatedBy(run: Instruction): CreatedUser[] {
  const body = run.form === 'exec' ? run.args.map((a) => a.value).join(' ') : run.form === 'heredoc' ? run.heredocs.map((h) => h.content).join('\n') : run.rest.text;
  const out: CreatedUser[] = [];
  // Command boundaries of cmd (&, &&, ||, |) and PowerShell (;, |, newlines, backtick continuations).
  for (const segment of body.split(/&&|\|\||[&|;\r\n]/)) {
    const net = /\bnet(?:\.exe)?\s+(user|localgroup)\b(.*)$/i.exec(segment);
    if (net) {
      const all = words(net[2] as string).flatMap(items);
      if (!all.some((w) => w.toLowerCase() === '/add')) continue;
      const plain = all.filter((w) => !w.startsWith('/') && w !== '`' && w !== '^');
      // net user NAME [password] /add; net localgroup GROUP NAME... /add
      const names = (net[1] as string).toLowerCase() === 'user' ? plain.slice(0, 1) : plain.slice(1);
      for (const name of names.filter(literal)) out.push({ name, how: `net ${(net[1] as string).toLowerCase()} /add`, run });
      continue;
    }
    const ps = /\b(New-LocalUser|Add-LocalGroupMember)\b(.*)$/i.exec(segment);
    if (!ps) continue;
    const args = words(ps[2] as string).filter((w) => w !== '`');
    const isNew = (ps[1] as string).toLowerCase() === 'new-localuser';
    const names = isNew ? namedOrPositional(args, /^-Name$/i, 0) : namedOrPositional(args, /^-Member$/i, 1);
    for (const name of names) out.push({ name, how: isNew ? 'New-LocalUser' : 'Add-LocalGroupMember', run });
  }
  return out;
}

/** Accounts created by RUNs of the stage's chain that come before `before`, by userKey. */
export function usersCreatedBefore(stage: Stage, before: Instruction): Map<string, CreatedUser> {
  const out = new Map<string, CreatedUser>();
  for (const s of stageChain(stage).reverse()) {
    for (const ins of s.instructions) {
      if (ins.index >= before.index) break;
      if (ins.keyword !== 'RUN') continue;
      for (const u of usersCreatedBy(ins)) if (!out.has(userKey(u.name))) out.set(userKey(u.name), u);
    }
  }
  return out;
}

/** The account a RUN's process runs as: the last USER before it, else the base image's default. */
export function userAt(run: Instruction): string {
  const stage = run.stage;
  let user = stage?.baseUser ?? 'ContainerAdministrator';
  for (const ins of stage?.instructions ?? []) {
    if (ins === run) break;
    if (ins.keyword === 'USER' && ins.args[0]) user = ins.args[0].value;
  }
  return user;
}
