import { parseCmd } from '../../grammar/cmd/index.ts';
import { parsePowerShell } from '../../grammar/powershell/index.ts';
import conversion from '../generated/conversion.json' with { type: 'json' };
import type { DockerfileModel, Instruction } from '../model/types.ts';
import type { Range } from '../parse/source.ts';
import { userAt } from '../model/users.ts';
import { rootStage } from '../model/versions.ts';
import { cmdEffects } from './effects/cmd.ts';
import type { EffectContext } from './effects/context.ts';
import { powershellEffects } from './effects/powershell.ts';
import type { Effect, LostQuotes, RunAnalysis, ScriptLanguage } from './effects/types.ts';
import { invocationOf, lostQuotes } from './invocation.ts';

/** Nested shells (`cmd /c powershell -c "cmd /c ..."`) stop being followed at this depth. */
const MAX_NESTING = 8;
/** More syntax errors than this: the body is not code, and its fragments are not classified. */
const MAX_SYNTAX_ERRORS = 100;

/** The one effect of a body too broken to analyse; classifying its fragments cost seconds for nothing. */
function unparsable(language: ScriptLanguage, range: Range, errors: number): Effect {
  return { kind: 'unknown', command: '(unparsable script)', language, range, portability: 'windows-only', reason: `the script has ${errors} or more syntax errors, so what it does is not known`, destinations: ['dependency-image'] };
}

const cache = new WeakMap<Instruction, RunAnalysis>();

/**
 * ENV and ARG values first, then the variables every Windows process has (ProgramFiles, TEMP...),
 * so that `$env:ProgramFiles\Git` resolves. Names compare case-insensitively, as on Windows.
 */
function envLookup(run: Instruction): (name: string) => string | undefined {
  const user = userAt(run);
  const family = run.stage ? rootStage(run.stage).catalog?.variant.family : undefined;
  const base = windowsEnv(user, family ?? 'other');
  if (!run.env || run.env.size === 0) return (name) => base.get(name.toLowerCase());
  const own = new Map<string, string>();
  for (const [k, v] of run.env) own.set(k.toLowerCase(), v);
  return (name) => {
    const k = name.toLowerCase();
    return own.get(k) ?? base.get(k);
  };
}

const windowsEnvCache = new Map<string, Map<string, string>>();

/** The variables every process of a Windows base has, for a user and an image family. */
function windowsEnv(user: string, family: string): Map<string, string> {
  const key = `${user}\n${family}`;
  let env = windowsEnvCache.get(key);
  if (!env) {
    env = new Map();
    for (const [k, v] of Object.entries(conversion.windowsEnv)) env.set(k.toLowerCase(), v.replaceAll('{user}', user));
    // The base's PATH lives in its registry; scripts that extend it (`setx PATH "%PATH%;C:\x"`) get it.
    const paths: Record<string, string> = conversion.defaultPath;
    env.set('path', paths[family] ?? (paths['other'] as string));
    windowsEnvCache.set(key, env);
  }
  return env;
}

/**
 * Parses what a RUN hands to cmd or PowerShell and classifies every command it runs into effects.
 * Cached per instruction; the grammars are loaded with this module, which the CLI imports only
 * when a file has a RUN in a Windows stage.
 */
export function analyzeRun(model: DockerfileModel, run: Instruction): RunAnalysis {
  const hit = cache.get(run);
  if (hit) return hit;
  const analysis: RunAnalysis = { scripts: [], effects: [], syntaxErrors: [] };
  const inv = invocationOf(run.keyword === 'ONBUILD' && run.trigger ? run.trigger : run);
  if (inv.unsupportedShell !== undefined) analysis.unsupportedShell = inv.unsupportedShell;
  const src = model.source;
  const env = envLookup(run);

  const analyse = (language: ScriptLanguage, text: string, offset: (i: number) => number, host: 'powershell' | 'pwsh', depth: number): Effect[] => {
    const range = (start: number, end: number) => {
      const a = offset(start);
      const b = end > start ? offset(end - 1) + 1 : a;
      return src.range(a, Math.max(a, b));
    };
    const ctx: EffectContext = {
      text,
      range,
      env,
      host,
      nested(lang, inner, innerOffset, innerHost) {
        if (depth >= MAX_NESTING) return [];
        return analyse(lang, inner, (i) => offset(innerOffset(i)), innerHost ?? host, depth + 1);
      },
    };
    if (language === 'powershell') {
      const parsed = parsePowerShell(text);
      analysis.scripts.push({ language, text, recovered: parsed.recovered });
      for (const e of parsed.errors) analysis.syntaxErrors.push({ message: e.message, range: range(e.start, e.end), language });
      if (parsed.errors.length > MAX_SYNTAX_ERRORS) return [unparsable(language, range(0, text.length), parsed.errors.length)];
      return powershellEffects(parsed.script, ctx);
    }
    const parsed = parseCmd(text);
    analysis.scripts.push({ language, text, recovered: parsed.recovered });
    for (const e of parsed.errors) analysis.syntaxErrors.push({ message: e.message, range: range(e.start, e.end), language });
    if (parsed.errors.length > MAX_SYNTAX_ERRORS) return [unparsable(language, range(0, text.length), parsed.errors.length)];
    return cmdEffects(parsed.script, ctx);
  };

  if (inv.unit) analysis.effects = analyse(inv.unit.language, inv.unit.text, inv.unit.offset, inv.unit.host ?? 'powershell', 0);
  if (inv.prefix !== undefined) analysis.prefix = inv.prefix;
  const lost = lostQuotesOf(model, run.keyword === 'ONBUILD' && run.trigger ? run.trigger : run);
  if (lost) analysis.lostQuotes = lost;
  cache.set(run, analysis);
  return analysis;
}

/**
 * Whether PowerShell reads the text inside removed quotes differently without them: blanks split
 * arguments, `;`, `|`, `&`, brackets and `#` end or start something, `'` opens a string, an empty
 * string vanishes. Subexpressions expand the same in a bare word; text that already holds `\"` or `""`
 * was written for this split, and one whole '...' string stays one.
 */
function quotingMatters(inside: string, closed: boolean): boolean {
  // Unclosed: `"C:\dir\"` ends in a literal quote, the classic trailing-backslash mistake.
  if (!closed) return true;
  if (inside.includes('\\"') || inside.includes('""') || /^'[^']*'$/.test(inside)) return false;
  return inside === '' || /^@|[\s;|&(){}<>,'#`]/.test(bare(inside));
}

const bare = (inside: string) => inside.replace(/\$\([^()]*\)|\$\{[^}]*\}/g, 'x');

/**
 * An argument as shown in a finding. Kept short in the analysis itself: an argument can be the
 * whole body, and a body with thousands of quoted strings would otherwise repeat it for each.
 */
function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function lostQuotesOf(model: DockerfileModel, run: Instruction): LostQuotes | undefined {
  const lost = lostQuotes(run);
  if (!lost) return undefined;
  const { body } = lost;
  const at = (i: number) => body.offsetAt(i);
  const spans = lost.spans
    .filter((s) => quotingMatters(body.text.slice(s.open + 1, s.close), body.text[s.close] === '"'))
    .map((s) => ({
      range: model.source.range(at(s.open), at(Math.max(s.open, Math.min(s.close, body.text.length - 1))) + 1),
      written: clip(body.text.slice(s.arg.start, s.arg.end)),
      seen: clip(s.arg.value),
      onlyBlanks: !/[;|&(){}<>,'#`]/.test(bare(body.text.slice(s.open + 1, s.close))),
    }));
  if (spans.length === 0) return undefined;
  const out: LostQuotes = { spans };
  // A backslash before any quote, or a `""`, changes meaning once quotes are escaped: no mechanical fix then.
  if (!body.text.includes('\\"') && !lost.doubled) out.escapable = lost.removed.map((i) => model.source.range(at(i), at(i) + 1));
  return out;
}
