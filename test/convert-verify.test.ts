import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DockerfileParser, type Copy, type From, type JSONInstruction, type PropertyInstruction } from 'dockerfile-ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../src/analyze/analyze-run.ts';
import { parseConvertArgs } from '../src/cli/convert-options.ts';
import { emitBuildkit } from '../src/emit/buildkit.ts';
import { buildModel } from '../src/model/build.ts';
import { Catalog } from '../src/model/catalog.ts';
import type { DockerfileModel, Instruction } from '../src/model/types.ts';
import { buildPlan } from '../src/plan/build-plan.ts';
import type { BuildPlan, LinuxStep } from '../src/plan/types.ts';
import { cli } from './helpers/cli.ts';
import { CASES, ROOT, type ConvertCase } from './harness/cases.ts';
import { PlanTree } from './harness/plan-tree.ts';
import { shCommands, stepCommand } from './harness/sh-words.ts';
import { actualView, globalViews, linuxStageViews, targetView } from './harness/views.ts';

/**
 * Structural checks of every converted file against the plan that produced it: what BuildKit
 * reads back is exactly what the plan meant, no Windows stage runs anything, every COPY --from
 * has a source, and BuildKit's own checks (through tally) accept the result.
 */
interface Converted {
  c: ConvertCase;
  plan: BuildPlan;
  text: string;
  out: DockerfileModel;
}

function convert(c: ConvertCase): Converted {
  const opts = parseConvertArgs(['--to', 'buildkit', ...c.args, c.input]);
  if (opts === 'help') throw new Error('unexpected --help');
  const catalog = new Catalog();
  const model = buildModel(c.input, readFileSync(join(ROOT, c.input), 'utf8'), { buildArgs: opts.buildArgs, catalog });
  const plan = buildPlan(model, { analyze: analyzeRun, catalog, imageMap: opts.imageMap, ...(opts.target ? { target: opts.target } : {}) });
  const text = emitBuildkit(plan, { outputName: 'Dockerfile.cross' });
  return { c, plan, text, out: buildModel('Dockerfile.cross', text) };
}

const converted = CASES.map(convert);
const stagesOf = (m: DockerfileModel) => m.stages.map((s) => ({ stage: s, ins: s.instructions }));

describe.each(converted)('$c.name', ({ c, plan, text, out }) => {
  it('is what `winfile convert` prints', async () => {
    const r = await cli(['convert', '--to', 'buildkit', ...c.args, c.input], { cwd: ROOT });
    expect(r.stdout).toBe(text);
  });

  it('parses back (BuildKit parser) to exactly the values the plan asks for', () => {
    expect(out.errors).toEqual([]);
    expect(out.expansionProblems).toEqual([]);
    expect(out.escape).toBe(plan.escape);
    expect(out.globalArgs.map(actualView)).toEqual(globalViews(plan));
    const stages = stagesOf(out);
    expect(stages.map((s) => s.stage.name)).toEqual([...plan.linux.map((l) => l.name), ...(plan.target.name ? [plan.target.name] : [undefined])]);
    plan.linux.forEach((stage, i) => {
      const ins = stages[i]?.ins ?? [];
      if (stage.verbatim) {
        // An original Linux stage: same instructions as written, now with --platform.
        expect(actualView(ins[0] as Instruction)).toEqual({ kw: 'FROM', image: stage.image, name: stage.name, platform: stage.platform });
        const original = buildModel(c.input, readFileSync(join(ROOT, c.input), 'utf8')).stages.find((s) => s.name === stage.name);
        const raw = (list: Instruction[]) => list.map((x) => [x.keyword, x.flags.map((f) => [f.name, f.value]), x.args.map((a) => a.raw), x.heredocs.map((h) => h.content)]);
        expect(raw(ins.slice(1))).toEqual(raw(original?.instructions.slice(1) ?? []));
        return;
      }
      const expected = linuxStageViews(stage);
      expect(ins.map((x) => x.keyword), stage.name).toEqual(expected.map((v) => v.kw));
      expected.forEach((v, k) => {
        const x = ins[k] as Instruction;
        if (v.script) return checkScript(x, v.script);
        if (v['shell'] === 'apk add ...') return expect(actualView(x)['shell']).toMatch(/^apk add --no-cache( [a-z0-9]+)+$/);
        expect(actualView(x), `${stage.name} line ${x.range.start.line}`).toEqual(v);
      });
    });
    const win = stages[stages.length - 1]?.ins ?? [];
    expect(actualView(win[0] as Instruction)).toEqual({ kw: 'FROM', image: plan.target.image, name: plan.target.name, platform: undefined });
    expect(win.slice(1).map(actualView)).toEqual(plan.target.steps.map(targetView));
  });

  it('parses back the same with dockerfile-ast', () => {
    const doc = DockerfileParser.parse(text);
    expect(doc.getEscapeCharacter()).toBe(plan.escape);
    const ins = doc.getInstructions();
    expect(ins.map((i) => i.getKeyword())).toEqual(out.instructions.map((i) => i.keyword));
    // dockerfile-ast leaves the escape before `$` (it resolves variables later) and drops
    // whitespace inside JSON strings (see test/dockerfile-ast-differences.test.ts).
    const unescape = (s: string | null) => s?.replaceAll(`${plan.escape}$`, '$');
    const squash = (s: string) => s.replace(/\s/g, '');
    ins.forEach((i, k) => {
      const mine = out.instructions[k] as Instruction;
      const view = actualView(mine);
      if (i.getKeyword() === 'FROM') {
        const f = i as From;
        expect([f.getImage(), f.getBuildStage() ?? undefined, f.getPlatformFlag()?.getValue() ?? undefined]).toEqual([view['image'], view['name'], view['platform']]);
      } else if (i.getKeyword() === 'ENV' || i.getKeyword() === 'LABEL') {
        expect((i as PropertyInstruction).getProperties().map((p) => [p.getName(), unescape(p.getValue())])).toEqual(view['pairs']);
      } else if (i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD') {
        // getFromFlag() only answers when --from is the only flag, so read all flags.
        const flags = (i as Copy).getFlags().map((f) => [f.getName(), f.getValue() ?? true]);
        expect(Object.fromEntries(flags)).toEqual(view['flags']);
      } else if (['CMD', 'ENTRYPOINT', 'SHELL'].includes(i.getKeyword())) {
        expect((i as JSONInstruction).getJSONStrings().map((s) => squash(s.getJSONValue()))).toEqual((view['argv'] as string[]).map(squash));
      }
    });
  });

  const mapped = c.args.flatMap((a, i) => (c.args[i - 1] === '--image-map' ? [a.split('=') as [string, string]] : []));
  if (mapped.length > 0) it('--image-map replaces the helper images it names', () => {
    const images = out.stages.map((s) => s.image);
    for (const [from, to] of mapped) {
      expect(images).toContain(to);
      expect(images).not.toContain(from);
    }
  });

  const target = c.args[c.args.indexOf('--target') + 1];
  if (c.args.includes('--target')) it('--target builds the named stage and leaves out what it does not need', () => {
    const names = out.stages.map((s) => s.name);
    expect(names[names.length - 1]).toBe(target);
    // Only stages the target copies from (converted or kept) come before it.
    const needed = new Set(plan.target.steps.flatMap((s) => (s.kind === 'copy' && 'stage' in s.from ? [s.from.stage] : [])));
    for (const n of names.slice(0, -1)) expect(needed, `stage ${n}`).toContain(n);
  });

  it('runs nothing in a Windows stage, and writes only drive-less forward-slash paths there', () => {
    for (const { stage, ins } of stagesOf(out)) {
      if (stage.os !== 'windows') {
        expect(stage.os, `stage ${stage.name}`).toBe('linux');
        expect(stage.platform, `stage ${stage.name} needs --platform`).toBeDefined();
        continue;
      }
      for (const x of ins) {
        expect(x.keyword, `line ${x.range.start.line}`).not.toBe('RUN');
        if (x.trigger) expect(x.trigger.keyword).not.toBe('RUN');
        const paths = x.keyword === 'WORKDIR' ? x.args.map((a) => a.value) : x.keyword === 'COPY' || x.keyword === 'ADD' ? [x.args[x.args.length - 1]?.value ?? ''] : [];
        for (const p of paths) expect(p, `line ${x.range.start.line}`).toMatch(/^\/[^\\:]*$/);
      }
    }
  });

  it('copies --from stages defined earlier, and only paths those stages produce', () => {
    const defined = new Set<string>();
    for (const { stage, ins } of stagesOf(out)) {
      for (const x of ins) {
        const from = x.flags.find((f) => f.name === 'from')?.value;
        // Not an earlier stage: then it must be an image reference (`name:tag`, `registry/name`).
        if (from !== undefined && !defined.has(from)) expect(from, `line ${x.range.start.line}`).toMatch(/[:/@]/);
      }
      if (stage.name) defined.add(stage.name);
    }
    const trees = new Map<string, PlanTree>();
    for (const stage of plan.linux.filter((s) => s.rootfs)) {
      const tree = new PlanTree();
      for (const step of stage.steps) tree.apply(step);
      expect(tree.problems, stage.name).toEqual([]);
      trees.set(stage.name, tree);
    }
    // COPY --from in the Windows stage, and COPY --from in Linux stages (a stage copying another's output).
    const copies = [
      ...plan.target.steps.flatMap((s) => (s.kind === 'copy' && 'stage' in s.from ? [{ from: s.from.stage, sources: s.sources, origin: s.origin }] : [])),
      ...plan.linux.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'copy-in' && s.from ? [{ from: s.from, sources: s.sources, origin: s.origin }] : []))),
    ];
    for (const s of copies) {
      const from = s.from;
      const tree = from === undefined ? undefined : trees.get(from);
      if (!tree) continue;
      for (const src of s.sources) {
        expect(src, `line ${s.origin.range.start.line}`).toMatch(/^\/rootfs(\/|$)/);
        expect(tree.exists(src), `${from}:${src} (line ${s.origin.range.start.line})`).toBe(true);
      }
    }
  });
});

/** A heredoc RUN: delivered untouched (quoted tag), valid sh, running each step's command. */
function checkScript(ins: Instruction, steps: LinuxStep[]): void {
  const where = `line ${ins.range.start.line}`;
  expect(ins.heredocs.length, where).toBe(1);
  const body = ins.heredocs[0];
  expect(body?.expand, where).toBe(false);
  const script = body?.content ?? '';
  expect(spawnSync('sh', ['-n'], { input: script }).status, `sh -n: ${script}`).toBe(0);
  const commands = shCommands(script);
  expect(commands[0]).toEqual(['set', '-eu']);
  const rest = commands.slice(1).filter((w) => !(w[0] === 'mkdir' && w[1] === '-p'));
  const expected = steps.map(stepCommand).filter((w): w is string[] => w !== undefined);
  expect(rest, where).toEqual(expected);
  for (const s of steps) if (s.kind === 'mkdir') expect(commands, `${where}: mkdir ${s.path}`).toContainEqual(['mkdir', '-p', s.path]);
}

/**
 * BuildKit's build checks and parser, through tally (which embeds them): no parse error and no
 * buildkit/* rule at error level. tally's own style suggestions are not checked.
 */
const TALLY = join(ROOT, 'node_modules/@wharflab/tally-linux-x64/bin/tally');
const tallyDir = mkdtempSync(join(tmpdir(), 'winfile-tally-'));
afterAll(() => rmSync(tallyDir, { recursive: true, force: true }));

interface TallyViolation {
  rule: string;
  severity: string;
  message: string;
  location: { start: { line: number } };
}

describe.skipIf(!existsSync(TALLY))('tally lint on every converted file', () => {
  const results = new Map<string, { code: number; stderr: string; violations: TallyViolation[] }>();
  beforeAll(async () => {
    const files = converted.map(({ c, text }, i) => {
      mkdirSync(join(tallyDir, String(i)));
      writeFileSync(join(tallyDir, String(i), 'Dockerfile.cross'), text);
      return { name: c.name, file: join(tallyDir, String(i), 'Dockerfile.cross') };
    });
    const lint = async (paths: string[]) => {
      const { stdout } = await promisify(execFile)(TALLY, ['lint', '--format', 'json', '--no-config', '--slow-checks', 'off', '--fail-level', 'none', ...paths]);
      const json = JSON.parse(stdout) as { files_scanned: number; files: { file: string; violations: TallyViolation[] }[] };
      if (json.files_scanned !== paths.length) throw new Error(`tally scanned ${json.files_scanned} of ${paths.length} files`);
      return json.files;
    };
    try {
      // One process for all files (one per file costs seconds on a busy machine).
      const out = await lint(files.map((f) => f.file));
      for (const f of files) results.set(f.name, { code: 0, stderr: '', violations: out.find((o) => o.file === f.file)?.violations ?? [] });
    } catch {
      // A file tally cannot parse aborts the whole run: lint them one by one to tell which.
      for (const f of files) {
        try {
          results.set(f.name, { code: 0, stderr: '', violations: (await lint([f.file]))[0]?.violations ?? [] });
        } catch (err) {
          const e = err as { code?: number; stderr?: string };
          results.set(f.name, { code: e.code ?? 1, stderr: e.stderr ?? String(err), violations: [] });
        }
      }
    }
  });
  for (const { c } of converted) {
    it(`${c.name}: parses, no buildkit/* error`, () => {
      const r = results.get(c.name);
      expect(r?.stderr, 'tally could not lint the file').toBe('');
      const errors = (r?.violations ?? []).filter((v) => v.rule.startsWith('buildkit/') && v.severity === 'error');
      expect(errors.map((v) => `${v.location.start.line}: ${v.rule} ${v.message}`)).toEqual([]);
    });
  }
});
if (!existsSync(TALLY)) console.warn(`convert-verify: ${TALLY} is missing, so the tally checks are skipped`);
