import { describe, expect, test } from 'vitest';
import { lexPowerShell } from './lexer.ts';
import { createPowerShellLexer } from './reference-lexer.ts';
import { PowerShellParser, getPowerShellParser, parserConstructionMs, parsePowerShell } from './index.ts';

describe('construction', () => {
  test('the grammar passes Chevrotain validations', () => {
    // Throws "Parser Definition Errors detected" on an invalid grammar
    // (left recursion, empty repetitions, ambiguities without IGNORE_AMBIGUITIES...).
    expect(() => new PowerShellParser({ validate: true })).not.toThrow();
    expect(() => createPowerShellLexer(true)).not.toThrow();
    expect(createPowerShellLexer(true).lexerDefinitionErrors).toEqual([]);
  });

  test('the production parser is a lazy singleton', () => {
    const a = getPowerShellParser();
    expect(getPowerShellParser()).toBe(a);
    expect(parserConstructionMs()).toBeGreaterThan(0);
  });
});

describe('lexer', () => {
  const kinds = (text: string) => lexPowerShell(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

  test('fine-grained tokens, glued later by the parser', () => {
    expect(kinds('iwr https://x/a.zip?y=1 -OutFile:$o 2>&1')).toEqual([
      'Word:iwr', 'Word:https', 'Colon::', 'Slash:/', 'Slash:/', 'Word:x', 'Slash:/', 'Word:a', 'Dot:.', 'Word:zip',
      'Question:?', 'Word:y', 'Equals:=', 'Number:1', 'DashIdent:-OutFile', 'Colon::', 'Variable:$o', 'Redirection:2>&1',
    ]);
  });

  test('comments only start at a token start', () => {
    expect(kinds('a #c\nb#c <#x#> d<#e')).toEqual(['Word:a', 'NewLine:\n', 'Word:b', 'Other:#', 'Word:c', 'Word:d', 'Less:<', 'Other:#', 'Word:e']);
  });

  test('strings are single tokens, including nested subexpressions', () => {
    expect(kinds('"a $(b "c)") d" \'f\'\'g\' @"\nh\n"@')).toEqual([
      'StringExpandable:"a $(b "c)") d"', "StringLiteral:'f''g'", 'HereStringExpandable:@"\nh\n"@',
    ]);
  });

  test('every character is covered: no lexer errors on arbitrary input', () => {
    let text = '';
    for (let c = 0; c < 0x3000; c += 7) text += String.fromCharCode(c);
    const r = lexPowerShell(text);
    expect(r.problems.filter((p) => !p.message.startsWith('Missing'))).toEqual([]);
  });

  test('line continuation and blank escapes are skipped', () => {
    expect(kinds('a `\n b ` c')).toEqual(['Word:a', 'Word:b', 'Word:c']);
  });
});

describe('throughput', () => {
  test('parses a megabyte of typical RUN bodies without errors', () => {
    const body = "$ErrorActionPreference = 'Stop'; Invoke-WebRequest -Uri https://example.com/tool-1.2.3.zip -OutFile C:\\t.zip -UseBasicParsing; " +
      "if ((Get-FileHash C:\\t.zip -Algorithm SHA256).Hash -ne $env:TOOL_SHA) { throw \"bad hash $($env:TOOL_SHA)\" }; Expand-Archive C:\\t.zip -DestinationPath C:\\tool; " +
      "[Environment]::SetEnvironmentVariable('PATH', $env:PATH + ';C:\\tool', 'Machine'); Remove-Item C:\\t.zip -Force\n";
    const text = body.repeat(Math.ceil(1_000_000 / body.length));
    expect(parsePowerShell(text).errors).toEqual([]);
  });
});
