import { describe, expect, it } from 'vitest';
import { formatCheckstyle, xmlAttr, xmlText } from './checkstyle.ts';
import { at, diag, run } from './test-fixtures.ts';


describe('formatCheckstyle', () => {
  it('lists every file, with real columns and winfile.WFnnn sources', () => {
    const out = formatCheckstyle(
      run([
        { path: 'win/Dockerfile', diagnostics: [diag({}), diag({ ruleId: 'WF201', severity: 'warning', message: 'w', range: at(3, 7) }), diag({ ruleId: 'WF401', severity: 'style', message: 's', range: at(4, 1) })] },
        { path: 'clean/Dockerfile', diagnostics: [] },
      ]),
    );
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="win/Dockerfile">',
        '    <error line="2" column="1" severity="error" message="RUN cannot execute here" source="winfile.WF101"/>',
        '    <error line="3" column="7" severity="warning" message="w" source="winfile.WF201"/>',
        '    <error line="4" column="1" severity="info" message="s" source="winfile.WF401"/>',
        '  </file>',
        '  <file name="clean/Dockerfile"/>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('reports unusable inputs as an error on that file, at line 0 when there is no position', () => {
    const out = formatCheckstyle(
      run([
        { path: 'bad/Dockerfile', diagnostics: [], error: { message: 'parser rejects it', line: 3, column: 2 } },
        { path: 'gone/Dockerfile', diagnostics: [], error: { message: 'no such file or directory' } },
      ]),
    );
    expect(out).toContain('  <file name="bad/Dockerfile">\n    <error line="3" column="2" severity="error" message="parser rejects it" source="winfile.input"/>\n  </file>');
    expect(out).toContain('  <file name="gone/Dockerfile">\n    <error line="0" severity="error" message="no such file or directory" source="winfile.input"/>\n  </file>');
  });

  it('escapes markup, quotes, whitespace and characters XML 1.0 cannot carry', () => {
    expect(xmlAttr(`a & b <c> "d" 'e'\tf\ng\rh\u0001i\u001Fj\uFFFEk\uD800l😀`)).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;&#9;f&#10;g&#13;h\uFFFDi\uFFFDj\uFFFDk\uFFFDl😀');
    expect(xmlText('a & <b>\n"c"\r\n\u0000')).toBe('a &amp; &lt;b&gt;\n"c"&#13;\n\uFFFD');
    const out = formatCheckstyle(run([{ path: 'a&b "x".Dockerfile', diagnostics: [diag({ message: 'COPY "C:\\a" <dest> & more' })] }]));
    expect(out).toContain('<file name="a&amp;b &quot;x&quot;.Dockerfile">');
    expect(out).toContain('message="COPY &quot;C:\\a&quot; &lt;dest&gt; &amp; more"');
  });
});
