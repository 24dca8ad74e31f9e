import type { DockerfileModel, Instruction } from '../model/types.ts';
import { rulesForAlias } from './meta.ts';

/** Suppressions written in the Dockerfile itself. */
export interface Pragmas {
  global: Set<string>;
  /** Instruction index -> rule ids suppressed for that instruction. */
  perInstruction: Map<number, Set<string>>;
  /** Pragmas without a reason, when reasons are required. */
  missingReason: { line: number; text: string }[];
}

const WINFILE = /^winfile\s+(global\s+)?ignore=([A-Za-z0-9,]+)(.*)$/;
const HADOLINT = /^hadolint\s+(global\s+)?ignore=([A-Za-z0-9,]+)/;
const CHECK = /^check\s*=\s*(.*)$/i;

function ruleIds(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
}

/** `skip=A,B;error=true` -> the BuildKit check names to skip. */
function checkSkips(value: string): string[] {
  for (const part of value.split(';')) {
    const [k, v] = part.split('=', 2);
    if (k?.trim().toLowerCase() === 'skip' && v) return v.split(/[,\s]/).filter((s) => s !== '');
  }
  return [];
}

function mapped(tool: 'hadolint' | 'buildkit', names: string[]): string[] {
  return names.flatMap((n) => (n === 'all' && tool === 'buildkit' ? [] : rulesForAlias(tool, n)));
}

/**
 * Collects `# winfile ignore=ID[,ID] reason` (next instruction), `# winfile global ignore=...`,
 * hadolint's `ignore=`/`global ignore=` for the codes winfile maps, and BuildKit's `check=skip=`
 * (as a directive: the whole file; as a comment above an instruction: that instruction).
 */
export function collectPragmas(model: DockerfileModel, requireReason: boolean): Pragmas {
  const pragmas: Pragmas = { global: new Set(), perInstruction: new Map(), missingReason: [] };
  for (const d of model.directives) {
    if (d.honoured && d.name === 'check') for (const id of mapped('buildkit', checkSkips(d.value))) pragmas.global.add(id);
  }
  const add = (ins: Instruction | undefined, ids: string[], global: boolean) => {
    if (global) {
      for (const id of ids) pragmas.global.add(id);
      return;
    }
    if (!ins) return;
    const set = pragmas.perInstruction.get(ins.index) ?? new Set<string>();
    for (const id of ids) set.add(id);
    pragmas.perInstruction.set(ins.index, set);
  };
  const visit = (ins: Instruction) => {
    for (const c of ins.comments) {
      let m = WINFILE.exec(c.text);
      if (m) {
        const reason = (m[3] ?? '').trim();
        if (requireReason && reason === '') {
          pragmas.missingReason.push({ line: c.line, text: c.text });
          continue;
        }
        add(ins, ruleIds(m[2] as string), Boolean(m[1]));
        continue;
      }
      m = HADOLINT.exec(c.text);
      if (m) {
        add(ins, mapped('hadolint', ruleIds(m[2] as string)), Boolean(m[1]));
        continue;
      }
      const ck = CHECK.exec(c.text);
      if (ck && !model.directives.some((d) => d.range.start.line === c.line && d.honoured)) {
        add(ins, mapped('buildkit', checkSkips(ck[1] as string)), false);
      }
    }
  };
  for (const ins of model.instructions) visit(ins);
  // Global pragmas count wherever they are, not only right above an instruction.
  for (let line = 1; line <= model.source.lineCount; line++) {
    const t = model.source.lineText(line).trim();
    if (!t.startsWith('#') || !t.includes('global')) continue;
    const text = t.slice(1).trim();
    const m = WINFILE.exec(text) ?? HADOLINT.exec(text);
    if (!m?.[1]) continue;
    const ids = text.startsWith('winfile') ? ruleIds(m[2] as string) : mapped('hadolint', ruleIds(m[2] as string));
    if (text.startsWith('winfile') && requireReason && (m[3] ?? '').trim() === '') continue;
    for (const id of ids) pragmas.global.add(id);
  }
  return pragmas;
}
