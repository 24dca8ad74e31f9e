import { describe, expect, test } from 'vitest';
import { parsePowerShell, findCommands, findParameter, positionalArguments, staticString } from './index.ts';
import type { Command } from './ast.ts';
import { render } from './test-support.ts';

function command(text: string, index = 0): Command {
  const r = parsePowerShell(text);
  expect(r.errors).toEqual([]);
  const c = findCommands(r.script)[index];
  if (!c) throw new Error('no command');
  return c;
}

describe('command-mode words', () => {
  test('URLs, paths, switches and versions are single bare words', () => {
    expect(render('msiexec /i C:\\x.msi /qn ADDLOCAL=ALL --version 1.2.3 *.zip x86_64 https://x.org/a/b.zip?x=1'))
      .toBe("cmd[w'msiexec'](w'/i', w'C:\\x.msi', w'/qn', w'ADDLOCAL=ALL', w'--version', w'1.2.3', w'*.zip', w'x86_64', w'https://x.org/a/b.zip?x=1')");
  });

  test('& ends a word (PowerShell reserves it), so an unquoted query string splits', () => {
    const r = parsePowerShell('curl.exe https://x.org/?a=1&b=2');
    expect(render('curl.exe https://x.org/?a=1&b=2', true)).toBe("cmd[w'curl.exe'](w'https://x.org/?a=1') & ;; cmd[w'b=2']()");
    expect(r.errors).toEqual([]);
  });

  test('quotes inside a word are removed; a word starting with a quote ends with it', () => {
    expect(render('Write-Host INSTALLDIR="C:\\Program Files\\x" a"b c"d "e"f'))
      .toBe("cmd[w'Write-Host'](w'INSTALLDIR=C:\\Program Files\\x', w'ab cd', \"e\", w'f')");
  });

  test('a quote glued to a switch makes one argument; a colon still binds a value', () => {
    expect(render(`go build -ldflags="-s -w" -tags='a b' -o:"C:\\out dir" -Path "x y"`))
      .toBe("cmd[w'go'](w'build', w'-ldflags=-s -w', w'-tags=a b', -o:\"C:\\out dir\", -Path, \"x y\")");
  });

  test('backtick escapes inside words', () => {
    expect(command('Write-Host a`nb` c').elements[0]).toMatchObject({ type: 'BareWord', value: 'a\nb c' });
  });

  test('a variable glued to text is an expandable word; member access stays an expression', () => {
    expect(render('Copy-Item $env:ProgramFiles\\Git\\* $dst.FullName ${env:ProgramFiles(x86)}\\x'))
      .toBe("cmd[w'Copy-Item'](xw{$env:ProgramFiles\\Git\\*}, $dst.w'FullName', xw{${env:ProgramFiles(x86)}\\x})");
  });

  test('subexpressions inside a word', () => {
    expect(render('Invoke-WebRequest https://go.dev/dl/go$($v).zip')).toBe("cmd[w'Invoke-WebRequest'](xw{https://go.dev/dl/go$($v).zip})");
  });

  test('keywords are plain words in argument position', () => {
    expect(render('Write-Host if else foreach in')).toBe("cmd[w'Write-Host'](w'if', w'else', w'foreach', w'in')");
  });

  test('command names: Verb-Noun, paths, numbers-first, aliases % and ?', () => {
    expect(render('.\\setup.exe /S ;; C:\\tools\\7z.exe x a.7z ;; 7z x a ;; gci | % { $_ } | ? { $_ }'.replace(/;;/g, ';')))
      .toBe("cmd[w'.\\setup.exe'](w'/S') ;; cmd[w'C:\\tools\\7z.exe'](w'x', w'a.7z') ;; cmd[w'7z'](w'x', w'a') ;; cmd[w'gci']() | cmd[w'%'](sb{$_}) | cmd[w'?'](sb{$_})");
  });

  test('foreach-object style names are not keywords', () => {
    expect(render('foreach-object { $_ }')).toBe("cmd[w'foreach-object'](sb{$_})");
  });

  test('a command name built from a variable', () => {
    expect(command('$env:ProgramFiles\\Git\\bin\\git.exe --version').name).toMatchObject({ type: 'ExpandableWord' });
  });
});

describe('parameters', () => {
  test('named values, switches and colon syntax', () => {
    expect(render('Invoke-WebRequest -Uri $u -OutFile C:\\a.zip -UseBasicParsing -TimeoutSec:30 -Verbose:$false'))
      .toBe("cmd[w'Invoke-WebRequest'](-Uri=$u, -OutFile=w'C:\\a.zip', -UseBasicParsing, -TimeoutSec:w'30', -Verbose:$false)");
  });

  test('colon value may follow a blank; unicode dashes are dashes', () => {
    const c = command('Expand-Archive –Path: a.zip -DestinationPath C:\\');
    expect(c.elements[0]).toMatchObject({ type: 'CommandParameter', name: 'Path', colon: true, value: { type: 'BareWord', value: 'a.zip' } });
  });

  test('known switches do not take the next argument', () => {
    expect(render('Remove-Item -Recurse -Force C:\\tmp')).toBe("cmd[w'Remove-Item'](-Recurse, -Force, w'C:\\tmp')");
  });

  test('native commands keep every argument positional', () => {
    const c = command('choco install -y git --version 2.40 --no-progress');
    expect(c.elements.map((e) => e.type)).toEqual(['BareWord', 'CommandParameter', 'BareWord', 'BareWord', 'BareWord', 'BareWord']);
    expect(positionalArguments(c).map(staticString)).toEqual(['install', 'git', '--version', '2.40', '--no-progress']);
  });

  test('comma-separated argument lists are arrays', () => {
    expect(render("Start-Process msiexec -ArgumentList '/i', 'a.msi',\n '/qn' -Wait"))
      .toBe("cmd[w'Start-Process'](w'msiexec', -ArgumentList={'/i', 'a.msi', '/qn'}, -Wait)");
  });

  test('a dash parameter name runs to a blank, colon, dot or bracket', () => {
    expect(render('java -Dfile.encoding=UTF-8 -jar a.jar')).toBe("cmd[w'java'](-Dfile, w'.encoding=UTF-8', -jar, w'a.jar')");
  });

  test('findParameter is case-insensitive and can match prefixes', () => {
    const c = command('iwr -uri https://x/y -Out y.zip');
    expect(staticString(findParameter(c, 'Uri')?.value)).toBe('https://x/y');
    expect(findParameter(c, 'OutFile')).toBeUndefined();
    expect(staticString(findParameter(c, 'OutFile', true)?.value)).toBe('y.zip');
  });

  test('--% stops parsing up to the end of line or |', () => {
    expect(render('icacls C:\\x --% /grant Everyone:(OI)(CI)F | Out-Null'))
      .toBe("cmd[w'icacls'](w'C:\\x', --%</grant Everyone:(OI)(CI)F>) | cmd[w'Out-Null']()");
  });
});

describe('splatting, redirection, invocation', () => {
  test('splats', () => {
    expect(render('$p = @{ Uri = $u }; Invoke-WebRequest @p -UseBasicParsing'))
      .toBe("$p = @{w'Uri'=$u} ;; cmd[w'Invoke-WebRequest'](@p, -UseBasicParsing)");
  });

  test('redirections', () => {
    expect(render('cmd /c build.bat 2>&1 > out.txt; foo *>$null; bar 2>$null >> log.txt; $x > f.txt'))
      .toBe("cmd[w'cmd'](w'/c', w'build.bat',  2>&1,  >w'out.txt') ;; cmd[w'foo']( *>$null) ;; cmd[w'bar']( 2>$null,  >>w'log.txt') ;; $x >w'f.txt'");
    const r = command('foo 2>&1').elements[0];
    expect(r).toEqual({ type: 'Redirection', operator: '2>&1', stream: '2', append: false, mergeTo: '1', start: 4, end: 8 });
  });

  test('> inside a word is literal (PowerShell only redirects at a token start)', () => {
    expect(render('echo a>b')).toBe("cmd[w'echo'](w'a>b')");
  });

  test('call and dot-source operators', () => {
    expect(render("& 'C:\\Program Files\\x.exe' /S; & $exe @args; . .\\env.ps1; . { 1 }; &\"$env:TEMP\\i.exe\" /q"))
      .toBe("&cmd['C:\\Program Files\\x.exe'](w'/S') ;; &cmd[$exe](@args) ;; .cmd[w'.\\env.ps1']() ;; .cmd[sb{1}]() ;; &cmd[x\"$env:TEMP\\i.exe\"](w'/q')");
    const c = command("& 'C:\\Program Files\\x.exe' /S");
    expect(c.invocation).toBe('&');
    expect(c.nameText).toBe('C:\\Program Files\\x.exe');
  });
});

describe('pipelines and chains', () => {
  test('pipelines, with newlines after |', () => {
    expect(render('Get-ChildItem C:\\x -Recurse |\n  Where-Object { $_.Length -gt 1kb } |\n  Remove-Item'))
      .toBe("cmd[w'Get-ChildItem'](w'C:\\x', -Recurse) | cmd[w'Where-Object'](sb{($_.w'Length' -gt 1kb)}) | cmd[w'Remove-Item']()");
  });

  test('pwsh 7 chains, background, flow statements on the right', () => {
    expect(render('git --version && echo ok || exit 1; Start-Sleep 5 &'))
      .toBe("((cmd[w'git'](w'--version') && cmd[w'echo'](w'ok')) || exit 1) ;; cmd[w'Start-Sleep'](w'5') &");
  });

  test('expression at the head of a pipeline', () => {
    expect(render("'a','b' | ForEach-Object { $_ } | Out-File x.txt"))
      .toBe("{'a', 'b'} | cmd[w'ForEach-Object'](sb{$_}) | cmd[w'Out-File'](w'x.txt')");
  });
});
