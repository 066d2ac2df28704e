import { describe, expect, it } from 'vitest';
import { extractMentions } from '../mentions';
import {
  excerpt,
  imageSchemes,
  isAllowedUrl,
  linkSchemes,
  MAX_MARKDOWN_LENGTH,
  markdownToText,
  renderMarkdown,
} from './index';
import { htmlProblems } from './testing';

const rel = 'rel="nofollow ugc noopener"';
const html = (source: string) => renderMarkdown(source).trim();

describe('renderMarkdown: CommonMark', () => {
  it('renders paragraphs, emphasis, lists, quotes, rules and breaks', () => {
    expect(html('Hello *you* and **all**')).toBe('<p>Hello <em>you</em> and <strong>all</strong></p>');
    expect(html('- a\n- b')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    expect(html('3. a\n4. b')).toBe('<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>');
    expect(html('> quoted')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(html('---')).toBe('<hr>');
    expect(html('line one  \nline two')).toBe('<p>line one<br>\nline two</p>');
    expect(html('soft\nbreak')).toBe('<p>soft\nbreak</p>');
  });

  it('shifts headings one level down so the page keeps a single <h1>', () => {
    expect(html('# One')).toBe('<h2>One</h2>');
    expect(html('Setext\n======')).toBe('<h2>Setext</h2>');
    expect(html('#### Four')).toBe('<h5>Four</h5>');
    expect(html('##### Five')).toBe('<h6>Five</h6>');
    expect(html('###### Six')).toBe('<h6>Six</h6>');
  });

  it('renders code spans and blocks as escaped text with a language class', () => {
    expect(html('use `<b>` here')).toBe('<p>use <code>&lt;b&gt;</code> here</p>');
    expect(html('```ts\nconst a = "<b>";\n```')).toBe(
      '<pre><code class="language-ts">const a = &quot;&lt;b&gt;&quot;;\n</code></pre>',
    );
    expect(html('~~~\nplain\n~~~')).toBe('<pre><code>plain\n</code></pre>');
    expect(html('    indented')).toBe('<pre><code>indented\n</code></pre>');
    expect(html('```js" onclick="x\ny\n```')).toBe('<pre><code class="language-js&quot;">y\n</code></pre>');
  });
});

describe('renderMarkdown: GFM extensions', () => {
  it('renders tables, with alignment as a class rather than a style attribute', () => {
    expect(html('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |')).toBe(
      [
        '<table>',
        '<thead>',
        '<tr>',
        '<th class="align-left">a</th>',
        '<th class="align-center">b</th>',
        '<th class="align-right">c</th>',
        '</tr>',
        '</thead>',
        '<tbody>',
        '<tr>',
        '<td class="align-left">1</td>',
        '<td class="align-center">2</td>',
        '<td class="align-right">3</td>',
        '</tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    );
  });

  it('renders ~~strikethrough~~ as <del>', () => {
    expect(html('~~old~~ new')).toBe('<p><del>old</del> new</p>');
  });

  it('renders task lists with disabled, labelled checkboxes', () => {
    expect(html('- [ ] todo\n- [x] done\n- [X] also\n- plain')).toBe(
      [
        '<ul class="contains-task-list">',
        '<li class="task-list-item"><label><input type="checkbox" class="task-list-item-checkbox" disabled=""> todo</label></li>',
        '<li class="task-list-item"><label><input type="checkbox" class="task-list-item-checkbox" disabled="" checked=""> done</label></li>',
        '<li class="task-list-item"><label><input type="checkbox" class="task-list-item-checkbox" disabled="" checked=""> also</label></li>',
        '<li>plain</li>',
        '</ul>',
      ].join('\n'),
    );
    expect(html('1. [x] **bold** task')).toContain('checked=""> <strong>bold</strong> task</label>');
    expect(html('- a\n  - [ ] nested')).toContain(
      '<ul class="contains-task-list">\n<li class="task-list-item">',
    );
  });

  it('does not make checkboxes out of brackets elsewhere', () => {
    expect(html('[ ] not in a list')).toBe('<p>[ ] not in a list</p>');
    expect(html('- text [x] later')).toBe('<ul>\n<li>text [x] later</li>\n</ul>');
    expect(html('- [x]no space')).toBe('<ul>\n<li>[x]no space</li>\n</ul>');
    expect(html('[x]: /ref\n\n- [x] linked')).toContain('<a href="/ref"');
  });

  it('autolinks URLs, www. hosts and e-mail addresses, but not file names', () => {
    expect(html('see https://example.com/a?b=1.')).toBe(
      `<p>see <a href="https://example.com/a?b=1" ${rel}>https://example.com/a?b=1</a>.</p>`,
    );
    expect(html('www.example.com')).toBe(
      `<p><a href="http://www.example.com" ${rel}>www.example.com</a></p>`,
    );
    expect(html('ana@example.com')).toBe(
      `<p><a href="mailto:ana@example.com" ${rel}>ana@example.com</a></p>`,
    );
    expect(html('edit main.rs or setup.sh')).toBe('<p>edit main.rs or setup.sh</p>');
    expect(html('`https://in.code`')).toBe('<p><code>https://in.code</code></p>');
    expect(html('ftp://old.example.com')).toBe('<p>ftp://old.example.com</p>');
  });
});

describe('renderMarkdown: links and images', () => {
  it('keeps http(s), mailto and relative links, with rel="nofollow ugc noopener"', () => {
    expect(html('[a](https://x.org "T")')).toBe(`<p><a href="https://x.org" title="T" ${rel}>a</a></p>`);
    expect(html('[a](mailto:x@y.org)')).toBe(`<p><a href="mailto:x@y.org" ${rel}>a</a></p>`);
    for (const url of ['/t/1', '../up', 'page', '#part', '?q=1', '//cdn.example/x', 'a/b:c']) {
      expect(html(`[a](${url})`)).toBe(`<p><a href="${url}" ${rel}>a</a></p>`);
    }
    expect(html('<https://x.org>')).toBe(`<p><a href="https://x.org" ${rel}>https://x.org</a></p>`);
  });

  it('resolves reference-style links through the same checks', () => {
    expect(html('[a][r]\n\n[r]: https://x.org')).toBe(`<p><a href="https://x.org" ${rel}>a</a></p>`);
    expect(html('[a][r]\n\n[r]: javascript:alert(1)')).not.toContain('<a');
    expect(html('[r]\n\n[r]: <jav&#x61;script:alert(1)>')).not.toContain('<a');
  });

  it('renders images lazily, only from http(s) or relative URLs', () => {
    expect(html('![A cat](https://x.org/cat.png "Cat")')).toBe(
      '<p><img src="https://x.org/cat.png" alt="A cat" title="Cat" loading="lazy"></p>',
    );
    expect(html('![rel](/files/a.png)')).toBe('<p><img src="/files/a.png" alt="rel" loading="lazy"></p>');
    expect(html('![*alt* text](mailto:a@b.c)')).toBe('<p>alt text</p>');
    expect(html('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('<img');
    expect(html('![x](javascript:alert(1))')).not.toContain('<img');
  });
});

describe('renderMarkdown: mentions', () => {
  it('links @username to the profile, keeping the written case in the text', () => {
    expect(html('Thanks @Alice_B and @bob.smith.')).toBe(
      '<p>Thanks <a class="mention" href="/u/alice_b">@Alice_B</a> and <a class="mention" href="/u/bob.smith">@bob.smith</a>.</p>',
    );
    expect(html('@lead starts')).toBe('<p><a class="mention" href="/u/lead">@lead</a> starts</p>');
    expect(html('# Hi @ann')).toBe('<h2>Hi <a class="mention" href="/u/ann">@ann</a></h2>');
    expect(html('_@ann_')).toBe('<p><em><a class="mention" href="/u/ann">@ann</a></em></p>');
  });

  it('ignores code, e-mail addresses, link texts and too-short names', () => {
    expect(html('`@code` and\n\n```\n@block\n```')).not.toContain('mention');
    expect(html('write to ann@example.com or ann@host')).not.toContain('mention');
    expect(html('[ask @ann](/x)')).not.toContain('mention');
    expect(html('@ab is too short')).not.toContain('mention');
  });

  it('links exactly the names extractMentions notifies', () => {
    const samples = [
      'Hi @Alice and @bob, ask @alice. mail me at x@y.com `@code`',
      '**@carol**, *@dave* and (@erin) [x](/y)@frank',
      '- [ ] @gina\n\n> @hugo_\n\n| @ivan |\n|---|\n| @judy |',
      'a@kate b.@liam c_@mona é@nina',
    ];
    for (const source of samples) {
      const linked = [...renderMarkdown(source).matchAll(/href="\/u\/([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(linked)).toEqual(new Set(extractMentions(source)));
    }
  });
});

// Each of these must come out as inert text or filtered links, and pass the allow-list check.
const hostile: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['script split over lines', '<scr\nipt>alert(1)</script>'],
  ['event handler attribute', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg/onload=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['object / embed', '<object data="data:text/html,<script>alert(1)</script>"></object><embed src=x.swf>'],
  ['style', '<style>*{background:url(javascript:alert(1))}</style><p style="x:expression(alert(1))">a</p>'],
  [
    'meta refresh and base',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="//evil">',
  ],
  ['form', '<form action="javascript:alert(1)"><button>go</button></form>'],
  ['html comment', '<!-- <script>alert(1)</script> -->'],
  ['markdown javascript: link', '[x](javascript:alert(1))'],
  ['mixed case and spaces', '[x]( JaVaScRiPt:alert(1))'],
  ['tab entity inside scheme', '[x](jav&#x09;ascript:alert(1))'],
  ['newline entity inside scheme', '[x](java&#10;script:alert(1))'],
  ['numeric entity letters', '[x](&#106;&#97;vascript:alert(1))'],
  ['named colon entity', '[x](javascript&colon;alert(1))'],
  ['leading control character', '[x](&#1;javascript:alert(1))'],
  ['percent-encoded scheme', '[x](javascript%3Aalert(1))'],
  ['vbscript', '[x](vbscript:msgbox(1))'],
  ['data html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data svg image', '![x](data:image/svg+xml,<svg onload=alert(1)>)'],
  ['file link', '[x](file:///etc/passwd)'],
  ['javascript autolink', '<javascript:alert(1)>'],
  ['javascript image', '![x](javascript:alert(1))'],
  ['reference definition', '[x]\n\n[x]: javascript:alert(1)'],
  ['title breaking out', '[x](https://a.org "a\\" onmouseover=\\"alert(1)")'],
  ['alt breaking out', '![a" onerror="alert(1)](https://a.org/x.png)'],
  ['attribute via fence info', '```"><script>alert(1)</script>\nx\n```'],
  ['encoded tags', '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;'],
  ['mention inside html', '<a href="javascript:alert(1)">@bob</a>'],
  ['linkified javascript', 'javascript:alert(1)//www.example.com'],
];

describe('renderMarkdown: hostile input', () => {
  it.each(hostile)('%s stays inert', (_name, source) => {
    const out = renderMarkdown(source);
    expect(htmlProblems(out)).toEqual([]);
    // Belt and braces without a parser: quoted attribute values are inert, so look outside them.
    const markup = out.replace(/"[^"]*"/g, '""');
    expect(markup).not.toMatch(/<(script|iframe|object|embed|style|meta|base|form|svg|button)\b/i);
    expect(markup).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(out).not.toMatch(/(href|src)="\s*(javascript|vbscript|data|file):/i);
  });

  it('shows raw HTML as text', () => {
    expect(html('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
    expect(html('<div>\nblock\n</div>')).toBe('<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>');
    expect(html('&lt;b&gt; &amp; &copy;')).toBe('<p>&lt;b&gt; &amp; ©</p>');
  });

  it('has an allow-list check that catches what it should', () => {
    expect(htmlProblems('<script>x</script>')).toEqual(['tag <script>']);
    expect(htmlProblems('<a href=" jav&#x09;ascript:x">a</a>')).toHaveLength(1);
    expect(htmlProblems('<img src="data:image/png,x">')).toHaveLength(1);
    expect(htmlProblems('<p onclick="x" style="y">a</p>')).toHaveLength(2);
    expect(htmlProblems('<input type="checkbox">')).toEqual(['enabled <input>']);
    expect(htmlProblems('<svg><a href="/x"></a></svg>')).toHaveLength(2);
    expect(htmlProblems('<!-- x -->')).toEqual(['comment node']);
  });

  it('passes the allow-list check on ordinary rich content', () => {
    const rich = [
      '# T',
      '**b** *i* ~~s~~ `c` [l](https://x.org) ![i](/i.png) @ann www.x.org',
      '- [x] t',
      '| a |\n|:-:|\n| b |',
      '```js\nx\n```',
    ].join('\n\n');
    expect(htmlProblems(renderMarkdown(rich))).toEqual([]);
  });

  it('is deterministic and never throws', () => {
    const source = '# a\n\n- [ ] @bob www.x.org\n\n| a |\n|---|\n| b |';
    expect(renderMarkdown(source)).toBe(renderMarkdown(source));
    for (const odd of [undefined, null, 42, {}, '', '\u0000', '\ud800', '\u202e@bob']) {
      expect(() => renderMarkdown(odd as string)).not.toThrow();
      expect(() => markdownToText(odd as string)).not.toThrow();
      expect(() => excerpt(odd as string)).not.toThrow();
    }
    expect(renderMarkdown(undefined as unknown as string)).toBe('');
  });

  it('copes with pathological nesting and delimiter runs', () => {
    for (const source of [
      '>'.repeat(20_000),
      '- '.repeat(20_000),
      '['.repeat(50_000),
      '*a'.repeat(30_000),
      '`'.repeat(50_000),
      '![['.repeat(20_000),
      `${'| a '.repeat(5_000)}\n${'|---'.repeat(5_000)}`,
    ]) {
      expect(htmlProblems(renderMarkdown(source))).toEqual([]);
    }
  });

  it(`cuts input after ${MAX_MARKDOWN_LENGTH} characters and says so`, () => {
    const long = `${'word '.repeat(MAX_MARKDOWN_LENGTH / 5)}TAIL`;
    const out = renderMarkdown(long);
    expect(out).not.toContain('TAIL');
    expect(out.endsWith('<p>…</p>\n')).toBe(true);
    expect(renderMarkdown('x'.repeat(MAX_MARKDOWN_LENGTH))).not.toContain('…');
    const emoji = `${'a'.repeat(MAX_MARKDOWN_LENGTH - 1)}😀`;
    expect(renderMarkdown(emoji)).not.toContain('\ud83d');
  });
});

describe('isAllowedUrl', () => {
  it.each([
    ['https://x.org', true],
    ['HTTP://X.ORG', true],
    ['mailto:a@b.c', true],
    ['/relative', true],
    ['#frag', true],
    ['', true],
    ['a/b:c', true],
    ['javascript:alert(1)', false],
    [' \tJAVASCRIPT:x', false],
    ['java\nscript:x', false],
    ['jav%09ascript:x', false],
    ['\u0001javascript:x', false],
    ['java\u200bscript:x', false],
    ['data:text/html,x', false],
    ['vbscript:x', false],
    ['file:///etc/passwd', false],
    ['ftp://x.org', false],
    ['tel:123', false],
  ])('link %j → %s', (url, ok) => {
    expect(isAllowedUrl(url, linkSchemes)).toBe(ok);
  });

  it('refuses mailto: for images', () => {
    expect(isAllowedUrl('mailto:a@b.c', imageSchemes)).toBe(false);
    expect(isAllowedUrl('https://x.org/a.png', imageSchemes)).toBe(true);
  });
});

describe('markdownToText', () => {
  it('drops markup, keeps code as text and collapses whitespace', () => {
    expect(
      markdownToText(
        '# Title\n\nSome **bold** [link](https://x.org)   text.\n\n```js\nconst a = 1;\n```\n- one\n- two',
      ),
    ).toBe('Title Some bold link text. const a = 1; one two');
    expect(markdownToText('`<b>` &amp; ![alt *text*](/i.png) @ann')).toBe('<b> & alt text @ann');
    expect(markdownToText('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('a b 1 2');
    expect(markdownToText('- [x] done')).toBe('done');
    expect(markdownToText('  \n\n  ')).toBe('');
  });
});

describe('excerpt', () => {
  it('returns short texts unchanged', () => {
    expect(excerpt('Just **this**.')).toBe('Just this.');
  });

  it('cuts on a word boundary and ends with an ellipsis, within maxLength', () => {
    const source = 'The quick brown fox jumps over the lazy dog, again and again.';
    const cut = excerpt(source, 24);
    expect(cut).toBe('The quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(24);
    expect(excerpt(source, 30)).toBe('The quick brown fox jumps…');
    const long = excerpt('word '.repeat(200));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('cuts a single over-long word, never inside a surrogate pair', () => {
    expect(excerpt('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    const cut = excerpt('😀'.repeat(20), 10);
    expect(cut).toBe(`${'😀'.repeat(4)}…`);
  });

  it('handles degenerate lengths', () => {
    expect(excerpt('hello world', 1)).toBe('…');
    expect(excerpt('hello world', 0)).toBe('');
  });
});
