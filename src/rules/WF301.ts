import { argCharSpans, displayWindowsPath, droppedBackslashes, pathArgs, resolvePathArg, workdirLabel, type PathRole } from '../model/paths.ts';
import type { Arg, Instruction } from '../model/types.ts';
import type { Rule } from './types.ts';

type Role = PathRole | 'value';

interface Target {
  arg: Arg;
  role: Role;
  subject: string;
  /** Characters of `arg.raw` before the value (`NAME=` of an ARG). */
  skip: number;
}

/** The arguments BuildKit word-expands, with what each one is. */
function targets(ins: Instruction): Target[] {
  const k = ins.keyword;
  const t = (arg: Arg, role: Role, subject: string, skip = 0): Target => ({ arg, role, subject, skip });
  switch (k) {
    case 'COPY':
    case 'ADD':
    case 'WORKDIR':
      return pathArgs(ins).map(({ arg, role }) => t(arg, role, role === 'workdir' ? k : `${k} ${role === 'dest' ? 'destination' : 'source'}`));
    case 'ENV':
    case 'LABEL':
      return ins.args.flatMap((a, i) => (i % 3 === 1 ? [t(a, 'value', `${k} ${ins.args[i - 1]?.raw ?? ''}`)] : []));
    case 'VOLUME':
    case 'USER':
      return ins.args.map((a) => t(a, 'value', k));
    case 'ARG':
      return ins.args.flatMap((a) => {
        const eq = a.raw.indexOf('=');
        return eq < 0 ? [] : [t(a, 'value', `ARG ${a.raw.slice(0, eq)}`, eq + 1)];
      });
    default:
      return [];
  }
}

/** What BuildKit goes on to do with a path that lost its backslashes. */
function consequence(ins: Instruction, role: PathRole, value: string): string {
  const r = resolvePathArg(ins, role, value);
  if (r.path === undefined) return `BuildKit fails with "${r.error}"`;
  if (role === 'source') {
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    return `BuildKit looks for ${r.path.replace(/^\//, '') || '.'} in ${from ? `--from=${from}` : 'the build context'}`;
  }
  const where = `${role === 'dest' ? 'the files land in' : 'the working directory becomes'} ${displayWindowsPath(r.path)}`;
  if (r.kind !== 'drive-relative' && r.kind !== 'relative') return where;
  return `\`${value}\` is ${r.kind}, so BuildKit joins it to the current WORKDIR (${workdirLabel(r.workdir)}) and ${where}`;
}

export const rule: Rule = {
  id: 'WF301',
  check(ctx) {
    const { model } = ctx;
    // With the backtick escape a backslash is an ordinary character.
    if (model.escape !== '\\') return;
    const text = model.source.text;
    for (const stage of model.stages) {
      if (stage.os !== 'windows') continue;
      for (const ins of stage.instructions) {
        for (const { arg, role, subject, skip } of targets(ins)) {
          const dropped = droppedBackslashes(arg.raw.slice(skip));
          if (dropped.length === 0) continue;
          const value = arg.value.slice(skip);
          const spans = argCharSpans(ins, arg, text);
          const first = spans?.[skip];
          // An ARG's default starts after `NAME=`; everything else is the whole argument.
          const range = skip > 0 && first ? model.source.range(first[0], arg.range.end.offset) : arg.range;
          const written = ins.form === 'exec' ? text.slice(arg.range.start.offset, arg.range.end.offset) : arg.raw.slice(skip);
          const isPath = role !== 'value';
          // Paths: BuildKit treats / and \ alike. Values: Windows reads them at run time, so keep
          // the backslash and escape it.
          const replacement = isPath ? '/' : ins.form === 'exec' ? '\\\\\\\\' : '\\\\';
          const edits = spans && dropped.map((i) => ({ range: model.source.range(...(spans[skip + i] as [number, number])), text: replacement }));
          ctx.report({
            range,
            instruction: ins,
            messageId: isPath ? 'path' : undefined,
            data: { subject, written, value, consequence: role === 'value' ? '' : consequence(ins, role, value) },
            ...(edits ? { fix: { description: isPath ? 'Use / instead of \\ in the path' : 'Double the backslashes', edits } } : {}),
          });
        }
      }
    }
  },
};
