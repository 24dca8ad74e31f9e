// Built-in commands with their own argument syntax. The grammar sees every
// command as `name args... redirections`; this module gives `echo`, `set`,
// `call` and `start` their meaning, reading raw text from the source where
// cmd does (echo and set keep spacing and quotes).
import type {
  CmdBuiltinName,
  CmdCall,
  CmdEcho,
  CmdInvocation,
  CmdRedirection,
  CmdSet,
  CmdStart,
  CmdWord,
} from './ast.ts';
import { buildWord, cmdString } from './words.ts';

const BUILTINS: ReadonlySet<string> = new Set<CmdBuiltinName>([
  'assoc', 'break', 'call', 'cd', 'chdir', 'cls', 'color', 'copy', 'date', 'del', 'dir', 'dpath', 'echo',
  'endlocal', 'erase', 'exit', 'ftype', 'goto', 'keys', 'md', 'mkdir', 'mklink', 'move', 'path', 'pause',
  'popd', 'prompt', 'pushd', 'rd', 'ren', 'rename', 'rmdir', 'set', 'setlocal', 'shift', 'start', 'time',
  'title', 'type', 'ver', 'verify', 'vol',
]);

// cmd ends the name of an internal command at these characters, which is why
// `echo.`, `echo:` and `cd..` work. `echo%VAR%` is included too: cmd expands
// the variable before it reads the name, and the author meant echo.
const ECHO_GLUED = /^echo[.:\\/[\]+(=,;%]/i;
const CD_GLUED = /^(cd|chdir)[.\\/]/i;

// `call call call ...` nests; past this depth the rest stays plain arguments.
const MAX_CALL_DEPTH = 16;

export interface InvocationInput {
  text: string;
  words: CmdWord[];
  redirections: CmdRedirection[];
  /** Where the command's text ends: the start of the next operator or line break. */
  limit: number;
  /** Redirections to cut out of raw text, when they belong to an outer call/start. */
  skip?: readonly CmdRedirection[];
  forVars: readonly string[];
}

/** Builds the node for `words[0] words[1..]`; `words` must not be empty. */
export function buildInvocation(input: InvocationInput, depth = 0): CmdInvocation {
  const { words, redirections } = input;
  const name = words[0] as CmdWord;
  const args = words.slice(1);
  let start = name.start;
  let end = name.end;
  for (const w of args) end = Math.max(end, w.end);
  for (const r of redirections) {
    start = Math.min(start, r.start);
    end = Math.max(end, r.end);
  }
  const lower = name.value.toLowerCase();
  // Node literals spell out every field in one order: object spreads here
  // dominated the parse time of long `&&` chains.
  if (lower === 'echo' || ECHO_GLUED.test(name.raw)) {
    const node: CmdEcho = { type: 'Echo', start, end, quiet: false, name, args, redirections, builtin: 'echo', mode: 'text', text: '' };
    return echo(input, node);
  }
  if (CD_GLUED.test(name.raw)) return { type: 'SimpleCommand', start, end, quiet: false, name, args, redirections, builtin: 'cd' };
  const builtin = BUILTINS.has(lower) ? (lower as CmdBuiltinName) : null;
  switch (builtin) {
    case 'set': {
      const node: CmdSet = {
        type: 'Set', start, end, quiet: false, name, args, redirections, builtin,
        mode: 'display', quotedForm: false, variable: null, value: null, assignedValue: null,
      };
      return set(input, node);
    }
    case 'call': {
      const node: CmdCall = { type: 'Call', start, end, quiet: false, name, args, redirections, builtin, label: null, command: null };
      return call(input, node, depth);
    }
    case 'start': {
      const node: CmdStart = {
        type: 'Start', start, end, quiet: false, name, args, redirections, builtin,
        options: [], title: null, wait: false, command: null,
      };
      return startCommand(input, node, depth);
    }
    default:
      return { type: 'SimpleCommand', start, end, quiet: false, name, args, redirections, builtin };
  }
}

// The argument text of echo/set: one delimiter after the name is skipped, the
// rest runs to the operator (trailing spaces included), redirections cut out.
function argumentRegion(input: InvocationInput, from: number): { start: number; end: number } {
  const { text } = input;
  let end = Math.max(from, input.limit);
  while (end > from && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
  return { start: Math.min(from, end), end };
}

function echo(input: InvocationInput, node: CmdEcho): CmdEcho {
  const name = node.name;
  const glued = ECHO_GLUED.test(name.raw);
  // `echo.text`: the glued character is the delimiter; `echo text`: the blank
  // is; `echo%X%`: the variable's value starts the text.
  const glue = input.text[name.start + 4];
  const from = glued ? name.start + (glue === '%' ? 4 : 5) : name.end + (isBlankAt(input.text, name.end) ? 1 : 0);
  const region = argumentRegion(input, from);
  node.text = cmdString(input.text, region.start, region.end, input.skip ?? node.redirections);
  if (!glued && node.args.length === 0) node.mode = 'status';
  else if (!glued && node.args.length === 1) {
    const v = node.text.trim().toLowerCase();
    if (v === 'on' || v === 'off') node.mode = v;
  }
  return node;
}

function isBlankAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 44 || c === 59 || c === 61;
}

function set(input: InvocationInput, node: CmdSet): CmdSet {
  const { text, forVars } = input;
  if (node.args.length === 0) return node;
  // The value ends at the first redirection after it, or at the operator.
  const firstArg = node.args[0] as CmdWord;
  const region = argumentRegion(input, firstArg.start);
  for (const r of input.skip ?? node.redirections) {
    if (r.start >= region.start && r.start < region.end) {
      region.end = r.start;
      break;
    }
  }
  let from = region.start;
  const sw = firstArg.value.toLowerCase();
  if (sw === '/a' || sw === '/p') {
    node.mode = sw === '/a' ? 'arithmetic' : 'prompt';
    from = skipBlanks(text, firstArg.end, region.end);
    if (node.mode === 'arithmetic') {
      node.value = buildWord(text, from, region.end, forVars);
      return node;
    }
  }
  let bodyEnd = region.end;
  if (text.charCodeAt(from) === 34) {
    // set "NAME=value" ignores everything after the last quote.
    const lastQuote = text.lastIndexOf('"', region.end - 1);
    if (lastQuote > from) {
      node.quotedForm = true;
      from += 1;
      bodyEnd = lastQuote;
    }
  }
  const eq = text.indexOf('=', from);
  if (eq < 0 || eq >= bodyEnd || eq === from) {
    // `set PREFIX` lists variables; a prompt without `=` is invalid but harmless.
    if (node.mode === 'display') node.variable = buildWord(text, from, trimEnd(text, from, bodyEnd), forVars);
    return node;
  }
  if (node.mode === 'display') node.mode = 'assign';
  node.variable = buildWord(text, from, eq, forVars);
  node.value = buildWord(text, eq + 1, bodyEnd, forVars);
  if (node.mode === 'assign') {
    node.assignedValue = node.quotedForm ? text.slice(eq + 1, bodyEnd) : cmdString(text, eq + 1, bodyEnd);
  }
  return node;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

function call(input: InvocationInput, node: CmdCall, depth: number): CmdCall {
  const target = node.args[0];
  if (!target) return node;
  if (target.value.startsWith(':')) node.label = target;
  else if (depth < MAX_CALL_DEPTH) node.command = buildInvocation({ ...input, words: node.args, redirections: [], skip: input.skip ?? node.redirections }, depth + 1);
  return node;
}

// Switches of `start` that take the next word as their value.
const START_VALUE_SWITCHES = new Set(['/d', '/node', '/affinity']);

function startCommand(input: InvocationInput, node: CmdStart, depth: number): CmdStart {
  const args = node.args;
  let i = 0;
  while (i < args.length) {
    const w = args[i] as CmdWord;
    if (w.raw.startsWith('"') && node.title === null) {
      node.title = w;
    } else if (w.raw.startsWith('/')) {
      const sw = w.value.toLowerCase();
      node.options.push(w);
      if (sw === '/wait' || sw === '/w') node.wait = true;
      const value = args[i + 1];
      if (START_VALUE_SWITCHES.has(sw) && value) {
        node.options.push(value);
        i++;
      }
    } else break;
    i++;
  }
  if (i < args.length && depth < MAX_CALL_DEPTH) {
    node.command = buildInvocation({ ...input, words: args.slice(i), redirections: [], skip: input.skip ?? node.redirections }, depth + 1);
  }
  return node;
}
