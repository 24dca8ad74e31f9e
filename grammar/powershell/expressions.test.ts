import { describe, expect, test } from 'vitest';
import { parsePowerShell } from './index.ts';
import type { CommandExpression, Expression, Pipeline } from './ast.ts';
import { render } from './test-support.ts';

/** The expression of a one-expression script. */
function expr(text: string): Expression {
  const r = parsePowerShell(text);
  expect(r.errors).toEqual([]);
  const p = r.script.statements[0] as Pipeline;
  return (p.elements[0] as CommandExpression).expression;
}

describe('operators', () => {
  test('arithmetic precedence and left associativity', () => {
    expect(render('1 + 2 * 3 - 4 / 2 % 3')).toBe('((1 + (2 * 3)) - ((4 / 2) % 3))');
  });

  test('comma binds tighter than everything binary', () => {
    expect(render("'{0}-{1}' -f $a, $b")).toBe("('{0}-{1}' -f {$a, $b})");
    expect(render('1, 2 + 3, 4')).toBe('({1, 2} + {3, 4})');
    expect(render("$s -replace 'a','b' -split ',' -join ';'")).toBe("((($s -replace {'a', 'b'}) -split ',') -join ';')");
  });

  test('comparison and case variants are normalised to lower case', () => {
    expect(render('$a -EQ 1 -and $b -ine "x" -or $c -clike "*y" -xor $d -notmatch $re'))
      .toBe('(((($a -eq 1) -and ($b -ine "x")) -or ($c -clike "*y")) -xor ($d -notmatch $re))');
    for (const op of ['-eq', '-ne', '-gt', '-lt', '-ge', '-le', '-like', '-notlike', '-match', '-notmatch', '-contains', '-notcontains', '-in', '-notin', '-replace', '-split', '-join', '-is', '-isnot', '-as', '-band', '-bor', '-ceq', '-ieq']) {
      expect(expr(`$a ${op} $b`)).toMatchObject({ type: 'Binary', operator: op });
    }
  });

  test('logical -and/-or/-xor share the lowest precedence', () => {
    expect(render('$a -or $b -and $c')).toBe('(($a -or $b) -and $c)');
  });

  test('unary operators and casts', () => {
    expect(render('-not $a -and !$b')).toBe('((-not $a) -and (! $b))');
    expect(render('-$x + -1')).toBe('((- $x) + (- 1))');
    expect(render('[int]$x + [int] "5"')).toBe('(cast[int]($x) + cast[int]("5"))');
    expect(render('-split $s; -join $a; -bnot 5; ,$x')).toBe('(-split $s) ;; (-join $a) ;; (-bnot 5) ;; (, $x)');
    expect(render('$i++; $j--; ++$k')).toBe('($i++) ;; ($j--) ;; (++ $k)');
  });

  test('range and format', () => {
    expect(render('1..10')).toBe('(1 .. 10)');
    expect(render("'{0}' -f 1..3")).toBe("('{0}' -f (1 .. 3))");
  });

  test('assignment operators', () => {
    expect(render('$a = 1; $b += 2; $c -= 3; $d *= 4; $e /= 5; $f %= 6; $g ??= 7'))
      .toBe('$a = 1 ;; $b += 2 ;; $c -= 3 ;; $d *= 4 ;; $e /= 5 ;; $f %= 6 ;; $g ??= 7');
    expect(render('$a, $b = 1, 2')).toBe('{$a, $b} = {1, 2}');
    expect(render('$x = Get-Item a | Select-Object -First 1')).toBe("$x = cmd[w'Get-Item'](w'a') | cmd[w'Select-Object'](-First=w'1')");
    expect(render('$x =\n  5')).toBe('$x = 5');
  });

  test('newlines are allowed after a binary operator', () => {
    expect(render("$p = $env:PATH +\n  ';C:\\bin'")).toBe("$p = ($env:PATH + ';C:\\bin')");
  });
});

describe('variables', () => {
  test('scopes, braces and specials', () => {
    const names = ['$x', '$env:PATH', '$script:x', '${env:ProgramFiles(x86)}', '$_', '$?', '$$', '$true', '$global:y', '${a b}'];
    expect(names.map((n) => expr(n))).toEqual([
      { type: 'Variable', name: 'x', braced: false, start: 0, end: 2 },
      { type: 'Variable', name: 'PATH', scope: 'env', braced: false, start: 0, end: 9 },
      { type: 'Variable', name: 'x', scope: 'script', braced: false, start: 0, end: 9 },
      { type: 'Variable', name: 'ProgramFiles(x86)', scope: 'env', braced: true, start: 0, end: 24 },
      { type: 'Variable', name: '_', braced: false, start: 0, end: 2 },
      { type: 'Variable', name: '?', braced: false, start: 0, end: 2 },
      { type: 'Variable', name: '$', braced: false, start: 0, end: 2 },
      { type: 'Variable', name: 'true', braced: false, start: 0, end: 5 },
      { type: 'Variable', name: 'y', scope: 'global', braced: false, start: 0, end: 9 },
      { type: 'Variable', name: 'a b', braced: true, start: 0, end: 6 },
    ]);
  });
});

describe('members, types, indexes', () => {
  test('member access, method calls, index', () => {
    expect(render("$x.Foo.Bar($a, 'b').Baz[0]")).toBe("$x.w'Foo'.w'Bar'($a, 'b').w'Baz'[0]");
    expect(render('$h.$key; $h."a b"; $o.($n)')).toBe('$h.$key ;; $h."a b" ;; $o.($n)');
  });

  test('static members and calls, type literals', () => {
    expect(render('[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12'))
      .toBe("[Net.ServicePointManager]::w'SecurityProtocol' = [Net.SecurityProtocolType]::w'Tls12'");
    expect(render("[IO.Path]::Combine($env:TEMP, 'x'); [System.Collections.Generic.List[string]]::new(); [string[]]$a = 'x'"))
      .toBe("[IO.Path]::w'Combine'($env:TEMP, 'x') ;; [System.Collections.Generic.List[string]]::w'new'() ;; cast[string[]]($a) = 'x'");
    expect(render('$x -is [int]; [Dictionary[string, int]]')).toBe('($x -is [int]) ;; [Dictionary[string,int]]');
  });

  test('.ForEach{ } / .Where{ } with a script block', () => {
    expect(render('$a.Where{ $_ -gt 1 }')).toBe("$a.w'Where'(sb{($_ -gt 1)})");
  });

  test('blank before . or [ means no member access', () => {
    expect(render('Write-Host $a [0]')).toBe("cmd[w'Write-Host']($a, w'[0]')");
  });
});

describe('collections and blocks', () => {
  test('arrays, hashtables, subexpressions, script blocks', () => {
    expect(render("@(1, 2); @(); @{ Name = 'x'; 'Content-Type' = 'y'\n  Count = 1 + 2 }; @{}; $(Get-Date); { param($a) $a }"))
      .toBe("@({1, 2}) ;; @() ;; @{w'Name'='x'; 'Content-Type'='y'; w'Count'=(1 + 2)} ;; @{} ;; $(cmd[w'Get-Date']()) ;; sb{param($a) $a}");
  });

  test('bare hashtable keys may contain dashes', () => {
    expect(render('@{ Content-Type = "a"; x-ms-version = 1 }')).toBe("@{w'Content-Type'=\"a\"; w'x-ms-version'=1}");
  });

  test('parenthesised pipelines', () => {
    expect(render("(New-Object System.Net.WebClient).DownloadFile('http://x/a.zip', 'a.zip')"))
      .toBe("(cmd[w'New-Object'](w'System.Net.WebClient')).w'DownloadFile'('http://x/a.zip', 'a.zip')");
  });
});

describe('strings', () => {
  test('single-quoted with doubled quotes', () => {
    expect(expr("'it''s'")).toEqual({ type: 'StringLiteral', value: "it's", quote: 'single', here: false, start: 0, end: 7 });
    expect((expr("'a''''b''c'''") as { value: string }).value).toBe("a''b'c'");
    expect((expr('\u2018x\u2019\u2019y\u2019') as { value: string }).value).toBe('x\u2019y');
    expect((expr("''") as { value: string }).value).toBe('');
  });

  test('double-quoted without expansion is a literal, with escapes resolved', () => {
    expect(expr('"a`tb`"c`$d""e"')).toEqual({ type: 'StringLiteral', value: 'a\tb"c$d"e', quote: 'double', here: false, start: 0, end: 15 });
  });

  test('expandable string parts with exact offsets', () => {
    const text = '"pre $env:PATH mid ${x} $($a.B) `n end"';
    expect(expr(text)).toEqual({
      type: 'ExpandableString',
      here: false,
      start: 0,
      end: text.length,
      parts: [
        { type: 'StringText', value: 'pre ', start: 1, end: 5 },
        { type: 'Variable', name: 'PATH', scope: 'env', braced: false, start: 5, end: 14 },
        { type: 'StringText', value: ' mid ', start: 14, end: 19 },
        { type: 'Variable', name: 'x', braced: true, start: 19, end: 23 },
        { type: 'StringText', value: ' ', start: 23, end: 24 },
        {
          type: 'SubExpression',
          start: 24,
          end: 31,
          statements: [{
            type: 'Pipeline', background: false, start: 26, end: 30,
            elements: [{
              type: 'CommandExpression', start: 26, end: 30, redirections: [],
              expression: {
                type: 'MemberAccess', static: false, start: 26, end: 30,
                object: { type: 'Variable', name: 'a', braced: false, start: 26, end: 28 },
                member: { type: 'BareWord', value: 'B', start: 29, end: 30 },
              },
            }],
          }],
        },
        { type: 'StringText', value: ' \n end', start: 31, end: 38 },
      ],
    });
  });

  test('nested strings inside subexpressions', () => {
    expect(render('"a $(Get-Item "b $(1 + 2)") c"')).toBe('x"a $(cmd[w\'Get-Item\'](x"b $((1 + 2))")) c"');
  });

  test('$x.Prop inside a string is the variable followed by text', () => {
    expect(render('"$x.Name $a[0] $env:ProgramFiles(x86)"')).toBe('x"$x.Name $a[0] $env:ProgramFiles(x86)"');
  });

  test('here-strings', () => {
    expect(render("$a = @'\nraw $x \"q\"\n'@; $b = @\"\nhi $name\n\"@")).toBe('$a = h\'raw $x "q"\' ;; $b = x"hi $name"');
  });

  test('smart quotes are quotes', () => {
    expect(expr('\u2018it\u2019\u2019s\u2019')).toMatchObject({ type: 'StringLiteral', value: 'it\u2019s' });
  });

  test('numbers', () => {
    expect(['42', '0x1F', '1.5', '1e3', '10MB', '2kb', '7L'].map((n) => expr(n))).toMatchObject([
      { value: 42 }, { value: 31 }, { value: 1.5 }, { value: 1000 }, { value: 10 * 1024 * 1024 }, { value: 2048 }, { value: 7 },
    ]);
  });
});
