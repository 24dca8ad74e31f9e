import { describe, expect, it } from 'vitest';
import { joinedArguments } from '../../grammar/cmd/argv.ts';
import { buildModel } from '../model/build.ts';
import { windowsRuns } from '../model/queries.ts';
import { invocationOf } from './invocation.ts';

const SHELL = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n';

function unitOf(body: string) {
  const model = buildModel('Dockerfile', `${SHELL}RUN ${body}\n`);
  const run = windowsRuns(model)[0]!;
  const unit = invocationOf(run).unit!;
  return { run, unit };
}

describe('a shell-form body under a PowerShell SHELL', () => {
  // What powershell.exe runs: the command line split by the C runtime and joined with spaces.
  const bodies = [
    'Write-Host hi',
    'Write-Host C:\\x\\ ; iwr https://e/x -OutFile C:\\t\\x.zip',
    'Write-Host `\n    hi',
    'a \\\n    b',
    'Write-Host "a  b" \\"c\\"',
    'Write-Host  two  blanks',
    'tab\there',
  ];
  for (const body of bodies) {
    it(`maps ${JSON.stringify(body)} like splitting and joining its arguments`, () => {
      const { run, unit } = unitOf(body);
      const reference = joinedArguments({ text: run.rest.text, offsets: run.rest.offsets });
      expect(unit.text).toBe(reference.text);
      for (let i = 0; i <= unit.text.length; i++) expect(unit.offset(i), `offset ${i}`).toBe(reference.offsets[Math.min(i, reference.offsets.length - 1)]);
    });
  }

  it('leaves a plain body as written, mapped to its place in the file', () => {
    const { unit } = unitOf('Write-Host hi');
    expect(unit.text).toBe('Write-Host hi');
    const at = SHELL.length + 'RUN '.length;
    expect([unit.offset(0), unit.offset(6), unit.offset(13)]).toEqual([at, at + 6, at + 13]);
  });
});
