// cmd's variable expansion as static analysis sees it. cmd expands `%NAME%` when it reads a line,
// before anything on the line runs: in `set X=1 & echo %X%` the echo sees the old X. A RUN body
// is one line, so `set` only affects `%X%` on later lines (heredocs) and the environment that
// programs started after it inherit.
import type { CmdVariableModifier } from '../../../grammar/cmd/index.ts';
import { matchPercent } from '../../../grammar/cmd/variables.ts';
import type { CmdMappedText } from '../../../grammar/cmd/words.ts';

// Values every Windows container has, whoever the user: they are fixed by the OS image layout.
// TEMP, USERPROFILE, APPDATA... depend on the user and stay unknown.
const FIXED: Readonly<Record<string, string>> = {
  systemdrive: 'C:',
  systemroot: 'C:\\Windows',
  windir: 'C:\\Windows',
  programfiles: 'C:\\Program Files',
  'programfiles(x86)': 'C:\\Program Files (x86)',
  programw6432: 'C:\\Program Files',
  commonprogramfiles: 'C:\\Program Files\\Common Files',
  'commonprogramfiles(x86)': 'C:\\Program Files (x86)\\Common Files',
  commonprogramw6432: 'C:\\Program Files\\Common Files',
  programdata: 'C:\\ProgramData',
  allusersprofile: 'C:\\ProgramData',
  public: 'C:\\Users\\Public',
  comspec: 'C:\\Windows\\system32\\cmd.exe',
  os: 'Windows_NT',
};

// Computed by cmd at expansion time.
const DYNAMIC = new Set(['cd', 'date', 'time', 'random', 'errorlevel', 'cmdextversion', 'cmdcmdline', 'highestnumanodenumber', '__cd__', '__appdir__']);

export interface Expansion {
  /** The expanded text; undefined when a variable's value is unknown. */
  text: string | undefined;
  /** The expansion with unknown variables kept as written. */
  partial: string;
  /** Names of the `%NAME%` variables referenced. */
  names: string[];
}

export class CmdVariables {
  // Values `set` assigned on earlier lines (null: assigned, value unknown).
  private readonly assigned = new Map<string, string | null>();
  private visible = new Map<string, string | null>();

  constructor(private readonly env: (name: string) => string | undefined) {}

  /** Call at the start of each line: `%X%` on a line sees assignments of earlier lines only. */
  beginLine(): void {
    this.visible = new Map(this.assigned);
    this.stale.clear();
  }

  /** Names referenced on this line before the `set` on the same line could take effect. */
  readonly stale = new Set<string>();

  assign(name: string, value: string | undefined): void {
    this.assigned.set(name.toLowerCase(), value === undefined ? null : value);
  }

  /**
   * The value `%name%` expands to. `call` expands its command line a second time when it runs, so
   * a reference still unset at line start sees the value `set` gave it since (`live`).
   */
  lookup(name: string, live = false): string | undefined {
    const k = name.toLowerCase();
    if (this.visible.has(k)) return this.visible.get(k) ?? undefined;
    if (DYNAMIC.has(k)) return undefined;
    const fixed = this.env(name) ?? FIXED[k];
    if (!live && this.assigned.has(k)) this.stale.add(k);
    if (fixed !== undefined || !live) return fixed;
    return this.assigned.get(k) ?? undefined;
  }

  /** Set while classifying the command of a `call`. */
  live = false;

  /** Expands the `%...%` references of a string; for-loop variables and unknown names stay unknown. */
  expand(s: string, forVars: readonly string[] = []): Expansion {
    if (!s.includes('%')) return { text: s, partial: s, names: [] };
    let text = '';
    let partial = '';
    let known = true;
    const names: string[] = [];
    let i = 0;
    while (i < s.length) {
      const at = s.indexOf('%', i);
      if (at < 0) break;
      text += s.slice(i, at);
      partial += s.slice(i, at);
      const m = matchPercent(s, at, forVars);
      if (!m) {
        text += '%';
        partial += '%';
        i = at + 1;
        continue;
      }
      const ref = s.slice(at, m.end);
      i = m.end;
      // Batch arguments (%1, %~dp0) mean nothing on a command line; cmd leaves them as written.
      if (m.kind === 'argument') {
        text += ref;
        partial += ref;
        continue;
      }
      if (m.kind === 'env') names.push(m.name);
      const value = m.kind === 'env' ? this.lookup(m.name, this.live) : undefined;
      if (value === undefined) {
        known = false;
        partial += ref;
        continue;
      }
      const v = applyModifier(value, m.modifier);
      text += v;
      partial += v;
    }
    text += s.slice(i);
    partial += s.slice(i);
    return { text: known ? text : undefined, partial, names };
  }

  /**
   * Expands the known variables of a mapped text (a nested PowerShell script), keeping the map:
   * each character of a value maps into the reference it replaced.
   */
  expandMapped(m: CmdMappedText, forVars: readonly string[] = []): CmdMappedText {
    if (!m.text.includes('%')) return m;
    let text = '';
    const offsets: number[] = [];
    const copy = (from: number, to: number) => {
      text += m.text.slice(from, to);
      for (let k = from; k < to; k++) offsets.push(m.offsets[k] as number);
    };
    let i = 0;
    while (i < m.text.length) {
      const at = m.text.indexOf('%', i);
      if (at < 0) break;
      copy(i, at);
      const ref = matchPercent(m.text, at, forVars);
      const value = ref && ref.kind === 'env' ? this.lookup(ref.name, this.live) : undefined;
      if (!ref || value === undefined) {
        copy(at, at + 1);
        i = at + 1;
        continue;
      }
      const v = applyModifier(value, ref.modifier);
      const first = m.offsets[at] as number;
      const last = m.offsets[ref.end - 1] as number;
      text += v;
      for (let k = 0; k < v.length; k++) offsets.push(Math.min(first + k, last));
      i = ref.end;
    }
    copy(i, m.text.length);
    offsets.push(m.offsets[m.text.length] as number);
    return { text, offsets };
  }
}

function applyModifier(value: string, mod: CmdVariableModifier | null): string {
  if (!mod) return value;
  if (mod.type === 'substring') {
    const start = mod.offset < 0 ? Math.max(0, value.length + mod.offset) : Math.min(mod.offset, value.length);
    if (mod.length === null) return value.slice(start);
    const end = mod.length < 0 ? value.length + mod.length : start + mod.length;
    return value.slice(start, Math.max(start, end));
  }
  if (mod.type === 'replace') {
    if (mod.find.startsWith('*')) {
      const find = mod.find.slice(1);
      const at = value.toLowerCase().indexOf(find.toLowerCase());
      return at < 0 ? value : mod.replacement + value.slice(at + find.length);
    }
    if (mod.find === '') return value;
    const re = new RegExp(mod.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    return value.replace(re, () => mod.replacement);
  }
  return value;
}
