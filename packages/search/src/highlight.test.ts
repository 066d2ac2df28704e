import { describe, expect, it } from 'vitest';
import {
  capSegments,
  escapeHtml,
  highlightAll,
  markEnd,
  markStart,
  mergeRanges,
  renderSegments,
  segmentsFromSentinels,
  snippet,
  stripSentinels,
} from './highlight';
import { topK } from './topk';

const plain = (html: string) =>
  html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('highlightAll', () => {
  it('marks the ranges and escapes everything else', () => {
    const text = '<b>password</b> & co';
    const start = text.indexOf('password');
    expect(highlightAll(text, [[start, start + 8]])).toBe(
      '&lt;b&gt;<mark>password</mark>&lt;/b&gt; &amp; co',
    );
  });

  it('merges overlapping and touching ranges', () => {
    expect(
      mergeRanges([
        [5, 8],
        [0, 3],
        [2, 4],
        [8, 9],
      ]),
    ).toEqual([
      [0, 4],
      [5, 9],
    ]);
    expect(
      highlightAll('e-mail', [
        [0, 1],
        [2, 6],
        [0, 6],
      ]),
    ).toBe('<mark>e-mail</mark>');
  });
});

describe('snippet', () => {
  const filler = (n: number) => 'lorem ipsum dolor sit amet '.repeat(n);

  it('returns a short text whole', () => {
    expect(snippet('  short text  ', [[2, 7]])).toBe('<mark>short</mark> text');
  });

  it('cuts a window of at most 240 characters around the best match, on word boundaries', () => {
    const text = `${filler(30)}the quokka smiled ${filler(30)}`;
    const at = text.indexOf('quokka');
    const html = snippet(text, [[at, at + 6]]);
    expect(html).toContain('<mark>quokka</mark>');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    const body = plain(html).slice(1, -1);
    expect(body.length).toBeLessThanOrEqual(240);
    expect(text).toContain(body);
    expect(body.startsWith(' ') || body.endsWith(' ')).toBe(false);
    expect(['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'the']).toContain(body.split(' ')[0]);
  });

  it('prefers the window holding the most matched words', () => {
    const text = `alpha ${filler(20)}beta gamma beta ${filler(20)}`;
    const ranges: Array<[number, number]> = [[0, 5]];
    for (const m of text.matchAll(/beta|gamma/g)) ranges.push([m.index, m.index + m[0].length]);
    const html = snippet(text, ranges);
    expect(html.match(/<mark>/g)).toHaveLength(3);
    expect(html).not.toContain('<mark>alpha</mark>');
  });

  it('shows the start of the text when nothing matched in it', () => {
    const html = snippet(filler(30), []);
    expect(html.startsWith('lorem ipsum')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('uses the full length near the end of the text', () => {
    const text = `${filler(30)}the end`;
    const html = snippet(text, [[text.length - 3, text.length]]);
    expect(html.endsWith('<mark>end</mark>')).toBe(true);
    expect(plain(html).length).toBeGreaterThan(200);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(200)} match ${'😀'.repeat(200)}`;
    const at = text.indexOf('match');
    const html = snippet(text, [[at, at + 5]]);
    expect(html).toContain('<mark>match</mark>');
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('sentinel highlights (Meilisearch)', () => {
  it('escapes the text and turns sentinels into marks', () => {
    const raw = `<script>x</script> ${markStart}pass${markEnd}word`;
    expect(renderSegments(segmentsFromSentinels(raw))).toBe(
      '&lt;script&gt;x&lt;/script&gt; <mark>pass</mark>word',
    );
  });

  it('strips sentinels from documents so they cannot forge a mark', () => {
    expect(stripSentinels(`a${markStart}b${markEnd}c`)).toBe('abc');
  });

  it('caps a long formatted text on a word boundary', () => {
    const segments = segmentsFromSentinels(`${'word '.repeat(80)}${markStart}hit${markEnd}`);
    const capped = capSegments(segments, 100);
    const text = capped.map((s) => s.text).join('');
    expect(text.length).toBeLessThanOrEqual(101);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('topK', () => {
  it('returns the k smallest in order, as a full sort would', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const items = Array.from({ length: 5000 }, () => rnd() % 1000);
    const cmp = (a: number, b: number) => a - b;
    for (const k of [0, 1, 20, 100, 1250, 6000]) {
      expect(topK(items, k, cmp)).toEqual([...items].sort(cmp).slice(0, k));
    }
  });
});
