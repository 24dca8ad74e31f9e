import { describe, expect, it } from 'vitest';
import { df, lintText, summarize } from './rule-tester.ts';

const only = ['WF003'];

describe('WF003 bad-variable-substitution', () => {
  it('reports an unmatched quote at the argument it is in', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      LABEL Description="Nginx" Vendor=Nginx" Version="1.0.13"
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:34-2:57 WF003 BuildKit cannot expand this: unexpected end of statement while looking for matching double-quote in "Nginx\\" Version=\\"1.0.13\\""',
    ]);
  });

  it('reports bad substitutions and required variables that are unset', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      ARG TOOLS
      WORKDIR \${APP_HOME
      COPY tools/ \${TOOLS:?required}
    `;
    expect(summarize(lintText(text, { only, target: 'crane' }))).toEqual([
      "3:9-3:19 WF003 BuildKit cannot expand this: syntax error: missing '}' in \"${APP_HOME\"",
      '4:13-4:31 WF003 BuildKit cannot expand this: TOOLS: required in "${TOOLS:?required}"',
    ]);
  });

  it('is silent when the variable is passed as a build arg', () => {
    const text = df`
      FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
      ARG TOOLS
      COPY tools/ \${TOOLS:?required}
    `;
    expect(lintText(text, { only, buildArgs: { TOOLS: 'C:/tools' } })).toEqual([]);
  });

  it('reports a FROM image that needs an unset ARG', () => {
    const text = df`
      ARG BASE
      FROM \${BASE:?}
    `;
    expect(summarize(lintText(text, { only }))).toEqual([
      '2:6-2:15 WF003 BuildKit cannot expand this: BASE: is not allowed to be unset in "${BASE:?}"',
    ]);
  });
});
