import { describe, expect, test } from 'vitest';
import { parsePowerShell } from './index.ts';
import type { FunctionDefinition, IfStatement } from './ast.ts';
import { render } from './test-support.ts';

describe('statement separators and layout', () => {
  test('; and newlines separate statements; blank lines and trailing ; are fine', () => {
    expect(render('a; b\n\nc ;\n')).toBe("cmd[w'a']() ;; cmd[w'b']() ;; cmd[w'c']()");
  });

  test('tabs left by Dockerfile line joining are blanks', () => {
    expect(render("$ErrorActionPreference = 'Stop'; \tInvoke-WebRequest -Uri $u -OutFile a.zip ; \tExpand-Archive a.zip"))
      .toBe("$ErrorActionPreference = 'Stop' ;; cmd[w'Invoke-WebRequest'](-Uri=$u, -OutFile=w'a.zip') ;; cmd[w'Expand-Archive'](w'a.zip')");
  });

  test('backtick line continuation', () => {
    expect(render('Invoke-WebRequest `\n  -Uri $u `\r\n  -OutFile a.zip')).toBe("cmd[w'Invoke-WebRequest'](-Uri=$u, -OutFile=w'a.zip')");
  });

  test('comments', () => {
    expect(render('# setup\nWrite-Host a # trailing\n<# block\n comment #> Write-Host b <#x#>c')).toBe("cmd[w'Write-Host'](w'a') ;; cmd[w'Write-Host'](w'b', w'c')");
    expect(render('Write-Host C#sharp a#b')).toBe("cmd[w'Write-Host'](w'C#sharp', w'a#b')");
  });
});

describe('control flow', () => {
  test('if / elseif / else, with newlines before else', () => {
    expect(render("if ($a -eq 1) { x } elseif ($a -like '*b') { y }\nelse\n{ z }"))
      .toBe("if (($a -eq 1)) {cmd[w'x']()} elseif (($a -like '*b')) {cmd[w'y']()} else {cmd[w'z']()}");
    expect(render('If(!(Test-Path C:\\x)){ mkdir C:\\x }')).toBe("if ((! (cmd[w'Test-Path'](w'C:\\x')))) {cmd[w'mkdir'](w'C:\\x')}");
  });

  test('if followed by a statement on the next line is not eaten', () => {
    expect(render('if ($a) { x }\nWrite-Host y')).toBe("if ($a) {cmd[w'x']()} ;; cmd[w'Write-Host'](w'y')");
  });

  test('foreach, for, while, do-while, do-until', () => {
    expect(render('foreach ($f in Get-ChildItem C:\\x) { Remove-Item $f.FullName -Force }'))
      .toBe("foreach($f in cmd[w'Get-ChildItem'](w'C:\\x')) {cmd[w'Remove-Item']($f.w'FullName', -Force)}");
    expect(render('for ($i = 0; $i -lt 10; $i++) { $i }; for (;;) { break }'))
      .toBe('for($i = 0; ($i -lt 10); ($i++)) {$i} ;; for(∅; ∅; ∅) {break}');
    expect(render('while (-not (Test-Path a)) { Start-Sleep 1 }'))
      .toBe("while((-not (cmd[w'Test-Path'](w'a')))) {cmd[w'Start-Sleep'](w'1')}");
    expect(render('do { $i++ } while ($i -lt 3); do { $i-- }\nuntil ($i -eq 0)'))
      .toBe('do {($i++)} while(($i -lt 3)) ;; do {($i--)} until(($i -eq 0))');
  });

  test('switch with options, default and script-block conditions', () => {
    expect(render("switch -regex ($x) { '^a' { 'A' }\n { $_ -gt 1 } { 'big' }; default { 'D' } }"))
      .toBe("switch-regex($x) {'^a' {'A'}; sb{($_ -gt 1)} {'big'}; default {'D'}}");
    expect(render('switch -wildcard -file C:\\a.txt { *.zip { 1 } }')).toBe("switch-wildcard-file w'C:\\a.txt' {w'*.zip' {1}}");
  });

  test('try / catch [types] / finally, trap, throw', () => {
    expect(render("try { throw 'x' } catch [System.Net.WebException], [IO.IOException] { exit 1 }\ncatch { $_ } finally { Remove-Item a }"))
      .toBe("try {throw 'x'} catch[System.Net.WebException],[IO.IOException] {exit 1} catch {$_} finally {cmd[w'Remove-Item'](w'a')}");
    expect(render('trap { Write-Host $_; exit 1 }; trap [Exception] { continue }'))
      .toBe("trap {cmd[w'Write-Host']($_); exit 1} ;; trap[Exception] {continue}");
  });

  test('flow statements', () => {
    expect(render('exit; exit 1; exit $LASTEXITCODE; return; return $x; throw; throw "bad $x"; break; continue outer'))
      .toBe('exit ;; exit 1 ;; exit $LASTEXITCODE ;; return ;; return $x ;; throw ;; throw x"bad $x" ;; break ;; continue w\'outer\'');
    expect(render("if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }")).toBe('if (($LASTEXITCODE -ne 0)) {exit $LASTEXITCODE}');
  });

  test('assignment of a statement', () => {
    expect(render('$v = if ($a) { 1 } else { 2 }')).toBe('$v = if ($a) {1} else {2}');
  });
});

describe('functions and param blocks', () => {
  test('function with a param block and attributes', () => {
    const text = "function Get-File { [CmdletBinding()] param([Parameter(Mandatory = $true, Position = 0)][string] $Url, [switch]$Force, $Out = 'a.zip') Invoke-WebRequest $Url -OutFile $Out }";
    expect(render(text)).toBe(
      "function Get-File() sb{param[CmdletBinding()]([Parameter(Mandatory=$true, Position=0)][string]$Url, [switch]$Force, $Out='a.zip') cmd[w'Invoke-WebRequest']($Url, -OutFile=$Out)}",
    );
    const fn = parsePowerShell(text).script.statements[0] as FunctionDefinition;
    expect(fn.body.paramBlock?.parameters.map((p) => p.variable.name)).toEqual(['Url', 'Force', 'Out']);
  });

  test('function with parenthesised parameters; filter; named blocks', () => {
    expect(render('Function Download-File([string] $source, [string] $target) { $c.DownloadFile($source, $target) }'))
      .toBe("function Download-File([string]$source, [string]$target) sb{$c.w'DownloadFile'($source, $target)}");
    expect(render('function f { begin { $n = 0 } process { $n++ } end { $n } }'))
      .toBe('function f() sb{begin {$n = 0}; process {($n++)}; end {$n}}');
    expect(render('filter Only-Zip { if ($_ -like "*.zip") { $_ } }')).toBe('filter Only-Zip() sb{if (($_ -like "*.zip")) {$_}}');
  });

  test('script-level param block', () => {
    expect(render('param([string]$Version = "1.0")\nWrite-Host $Version')).toBe("param([string]$Version=\"1.0\") cmd[w'Write-Host']($Version)");
  });

  test('keywords are case-insensitive', () => {
    const s = parsePowerShell('IF ($x) { } ElseIf ($y) { } ELSE { }').script.statements[0] as IfStatement;
    expect(s.type).toBe('If');
    expect(s.clauses).toHaveLength(2);
    expect(s.elseBody).toBeDefined();
  });
});

describe('exact offsets', () => {
  test('command, parameter and value extents', () => {
    const text = "$ErrorActionPreference = 'Stop'; Invoke-WebRequest -Uri https://x.org/a.zip -OutFile C:\\a.zip";
    const at = (s: string) => text.indexOf(s);
    const r = parsePowerShell(text);
    expect(r.errors).toEqual([]);
    const [assign, pipe] = r.script.statements;
    expect([at('$Error'), at(" 'Stop'") + 1, at(';')]).toEqual([0, 25, 31]);
    expect(assign).toMatchObject({ type: 'Assignment', start: 0, end: 31, target: { start: 0, end: 22 }, value: { start: 25, end: 31 } });
    expect(pipe).toMatchObject({
      type: 'Pipeline', start: 33, end: 93,
      elements: [{
        type: 'Command', start: 33, end: 93, nameText: 'Invoke-WebRequest',
        name: { type: 'BareWord', start: 33, end: 50 },
        elements: [
          { type: 'CommandParameter', name: 'Uri', start: 51, end: 75, value: { type: 'BareWord', value: 'https://x.org/a.zip', start: 56, end: 75 } },
          { type: 'CommandParameter', name: 'OutFile', start: 76, end: 93, value: { value: 'C:\\a.zip', start: 85, end: 93 } },
        ],
      }],
    });
    expect(text.length).toBe(93);
    expect(text.slice(56, 75)).toBe('https://x.org/a.zip');
    expect(text.slice(76, 84)).toBe('-OutFile');
    expect(text.slice(85, 93)).toBe('C:\\a.zip');
  });

  test('offsets inside a subexpression of a string are absolute', () => {
    const text = 'Write-Host "v=$(Get-Version -Short)"';
    const r = parsePowerShell(text);
    const str = (r.script.statements[0] as { elements: Array<{ elements: unknown[] }> }).elements[0]!.elements[0] as { parts: Array<{ statements?: Array<{ elements: Array<{ start: number; end: number }> }> }> };
    const inner = str.parts[1]!.statements![0]!.elements[0]!;
    expect(text.slice(inner.start, inner.end)).toBe('Get-Version -Short');
  });
});
