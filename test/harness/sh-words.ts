import type { LinuxStep } from '../../src/plan/types.ts';
import { printfFormat } from '../../src/emit/buildkit.ts';

/**
 * POSIX shell word splitting, enough for the scripts winfile writes: single and double quotes,
 * backslash escapes, and the operators | > >> && ; as their own words. Commands end at an
 * unquoted newline. The result is what the shell passes to each program, so a test can compare
 * operands with the plan's values exactly, whatever quoting the emitter chose. A quoted or
 * escaped glob character is marked with a NUL before it (`literal`), since only an unquoted
 * `*` is expanded by the shell.
 */
const GLOB = /[*?[]/g;
export const literal = (s: string): string => s.replace(GLOB, (c) => `\0${c}`);
export function shCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + literal(script.slice(i + 1, close));
      i = close;
    } else if (c === '"') {
      let s = '';
      for (i++; i < script.length && script[i] !== '"'; i++) {
        if (script[i] === '\\' && /[$`"\\\n]/.test(script[i + 1] ?? '')) i++;
        s += script[i];
      }
      word = (word ?? '') + literal(s);
    } else if (c === '\\') {
      if (script[i + 1] !== '\n') word = (word ?? '') + literal(script[i + 1] ?? '');
      i++;
    } else if (c === '\n') {
      end();
      if (words.length > 0) commands.push(words);
      words = [];
    } else if (c === ' ' || c === '\t') {
      end();
    } else if ('|>&;'.includes(c)) {
      end();
      const op = /^(>>|&&|\|\||[|>;&])/.exec(script.slice(i))?.[0] ?? c;
      words.push(op);
      i += op.length - 1;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  if (words.length > 0) commands.push(words);
  return commands;
}

/**
 * The command each script step must run, as the words the program receives: this is the
 * contract between the plan and the prepare stage, written independently of the emitter.
 * Directories a step needs are created by `mkdir -p` commands, which are checked apart.
 */
export function stepCommand(step: LinuxStep): string[] | undefined {
  // Values are literal text, except a trailing /* on a path, which the plan means as a glob.
  const v = literal;
  const path = (p: string) => (p.endsWith('/*') ? `${literal(p.slice(0, -2))}/*` : literal(p));
  switch (step.kind) {
    case 'fetch':
      return ['curl', '-fsSL', '-o', v(step.dest), v(step.url)];
    case 'unpack':
      return {
        zip: ['unzip', '-q', '-o', v(step.archive), '-d', v(step.dest)],
        tar: ['tar', '-xf', v(step.archive), '-C', v(step.dest)],
        '7z': ['7z', 'x', '-y', `-o${v(step.dest)}`, v(step.archive)],
        cab: ['cabextract', '-q', '-d', v(step.dest), v(step.archive)],
      }[step.format];
    case 'copy':
      return ['cp', '-R', path(step.from), v(step.to)];
    case 'move':
      return ['mv', path(step.from), v(step.to)];
    case 'remove':
      return ['rm', '-rf', path(step.path)];
    case 'write':
      // The content goes in the format itself, escaped, so that control characters survive.
      return ['printf', printfFormat(step.content), step.append ? '>>' : '>', v(step.path)];
    case 'verify':
      return ['printf', '%s  %s\\n', v(step.value), v(step.path), '|', `${step.algorithm}sum`, '-c', '-'];
    case 'sh':
      return [...(step.env ?? []).map(([k, val]) => `${k}=${v(val)}`), ...(shCommands(step.command)[0] ?? [])];
    default:
      return undefined;
  }
}
