import { MeilisearchApiError } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { markEnd, markStart } from '../highlight';
import { createSearchEngine, EmbeddedSearchEngine, MeilisearchSearchEngine } from '../index';
import { batches, encodeKey, maxKeyLength, toMeiliDocument, wellFormed } from './documents';
import { errorCode, indexSettings, MeilisearchTaskError, plainQuery } from './engine';
import { buildFilter, quote } from './filter';
import { toHit } from './hits';
import { pageWindow } from './pages';

// The parts of the adapter that need no server; the conformance suite covers the rest when
// MEILI_URL is set.

describe('document keys', () => {
  it('maps our ids to valid, distinct Meilisearch ids', () => {
    const ids = ['post:42', 'post_3A42', 'faq:été', 'topic:1', 'topic-1', 'a b'];
    const keys = ids.map(encodeKey);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{1,511}$/);
    expect(new Set(keys).size).toBe(ids.length);
    expect(encodeKey('post:42')).toBe('post_3A42');
    expect(encodeKey('faq:été')).toBe('faq_3A_C3_A9t_C3_A9');
  });

  it('hashes ids whose encoding would pass the 511-byte limit, still distinctly', () => {
    const fits = 'a'.repeat(maxKeyLength);
    expect(encodeKey(fits)).toBe(fits);
    const long = [`${fits}b`, ':'.repeat(171), 'é'.repeat(90), `${'é'.repeat(90)}x`];
    const keys = long.map(encodeKey);
    for (const key of keys) expect(key).toMatch(/^_h[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(long.length);
    expect(encodeKey(':'.repeat(170))).toHaveLength(510);
  });
});

describe('wellFormed', () => {
  it('replaces unpaired surrogates, which Meilisearch refuses, and keeps pairs', () => {
    expect(wellFormed('a\uD83Db')).toBe('a\uFFFDb');
    expect(wellFormed('a\uDE00b\uD83D')).toBe('a\uFFFDb\uFFFD');
    expect(wellFormed('😀 été')).toBe('😀 été');
  });

  it('applies to indexed text, ids and filter values', () => {
    const doc = toMeiliDocument({
      id: 'post:\uD800',
      type: 'post',
      title: 't\uDC00',
      body: 'b\uD800',
      tags: ['x\uD800'],
      url: '/\uD800',
      createdAt: 0,
    });
    expect(JSON.stringify(doc)).not.toMatch(/\\ud[89ab]/i);
    expect(doc.key).toBe(encodeKey('post:\uD800'));
    expect(quote('a\uD800')).toBe('"a\uFFFD"');
  });
});

describe('batches', () => {
  it('cuts by count and by bytes, keeping order, a large document alone', () => {
    const docs = Array.from({ length: 5 }, (_, i) => ({ i, text: 'x'.repeat(i === 2 ? 500 : 10) }));
    expect(batches(docs, 2, 10_000).map((b) => b.map((d) => d.i))).toEqual([[0, 1], [2, 3], [4]]);
    expect(batches(docs, 100, 100).map((b) => b.map((d) => d.i))).toEqual([[0, 1], [2], [3, 4]]);
    expect(batches([], 2, 100)).toEqual([]);
  });

  it('stays under the byte budget whenever a batch holds more than one document', () => {
    const docs = Array.from({ length: 50 }, (_, i) => ({ i, body: 'é'.repeat((i * 37) % 120) }));
    for (const batch of batches(docs, 1_000, 1_000)) {
      if (batch.length > 1) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(1_000);
    }
    expect(batches(docs, 1_000, 1_000).flat()).toEqual(docs);
  });
});

describe('pageWindow', () => {
  it('asks for the exact page when the offset is a multiple of the limit', () => {
    expect(pageWindow(0, 20)).toEqual({ page: 1, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(40, 20)).toEqual({ page: 3, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(5, 1)).toEqual({ page: 6, hitsPerPage: 1, skip: 0 });
  });

  it('counts without hits for a zero limit', () => {
    expect(pageWindow(0, 0)).toEqual({ page: 0, hitsPerPage: 1, skip: 0 });
    expect(pageWindow(30, 0)?.page).toBe(0);
  });

  it('finds a page, at most twice the limit, holding another window, or says there is none', () => {
    expect(pageWindow(5, 10)).toEqual({ page: 1, hitsPerPage: 15, skip: 5 });
    expect(pageWindow(27_719, 2)).toBeNull();
    let found = 0;
    for (let limit = 1; limit <= 100; limit += 3) {
      for (let offset = 0; offset <= 3_000; offset += 17) {
        const window = pageWindow(offset, limit);
        if (!window) continue;
        found += 1;
        const { page, hitsPerPage, skip } = window;
        expect((page - 1) * hitsPerPage + skip).toBe(offset);
        expect(skip + limit).toBeLessThanOrEqual(hitsPerPage);
        expect(hitsPerPage).toBeLessThanOrEqual(2 * limit);
      }
    }
    expect(found).toBeGreaterThan(0);
  });
});

describe('errorCode', () => {
  it('reads the code of a failed request and of a failed task', () => {
    const body = {
      message: 'Index `x` not found.',
      code: 'index_not_found',
      type: 'invalid_request',
      link: '',
    };
    expect(errorCode(new MeilisearchApiError(new Response(null, { status: 404 }), body))).toBe(
      'index_not_found',
    );
    expect(errorCode(new MeilisearchTaskError('failed', 'index_already_exists'))).toBe(
      'index_already_exists',
    );
    expect(errorCode(new Error('other'))).toBeUndefined();
  });
});

describe('toMeiliDocument', () => {
  it('moves a reply title to parentTitle and fills defaults', () => {
    const doc = toMeiliDocument({
      id: 'post:2',
      type: 'post',
      title: 'T',
      body: 'B',
      url: '/p/2',
      createdAt: 5,
    });
    expect(doc).toEqual({
      key: 'post_3A2',
      id: 'post:2',
      type: 'post',
      title: '',
      parentTitle: 'T',
      body: 'B',
      url: '/p/2',
      topicId: null,
      postId: null,
      categoryId: null,
      locale: null,
      tags: [],
      solved: false,
      createdAt: 5,
      popularity: 0,
    });
    expect(
      toMeiliDocument({ id: 'topic:1', type: 'topic', title: 'T', body: '', url: '/', createdAt: 0 }),
    ).toMatchObject({
      title: 'T',
      parentTitle: '',
    });
  });

  it('removes highlight sentinels from indexed text', () => {
    const doc = toMeiliDocument({
      id: 'x',
      type: 'topic',
      title: `${markStart}fake${markEnd}`,
      body: `a${markStart}b`,
      tags: [`t${markEnd}`],
      url: '/',
      createdAt: 0,
    });
    expect([doc.title, doc.body, doc.tags[0]]).toEqual(['fake', 'ab', 't']);
  });
});

describe('filters', () => {
  it('quotes string values, escaping backslashes and quotes', () => {
    expect(quote('topic')).toBe('"topic"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('x" OR type = "y')).toBe('"x\\" OR type = \\"y"');
    expect(quote('new\nline')).toBe('"newline"');
  });

  it('builds one condition per filter', () => {
    expect(buildFilter({ q: 'x' })).toBeUndefined();
    expect(buildFilter({ q: 'x', types: [], categoryIds: [] })).toBeUndefined();
    expect(
      buildFilter({ q: 'x', types: ['topic', 'faq'], categoryIds: [1, 2], locale: 'fr', solved: true }),
    ).toEqual(['type IN ["topic", "faq"]', 'categoryId IN [1, 2]', 'locale = "fr"', 'solved = true']);
    expect(buildFilter({ q: 'x', solved: false })).toEqual(['NOT solved = true']);
  });

  it('matches nothing when only non-integer category ids are given', () => {
    expect(buildFilter({ q: 'x', categoryIds: [Number.NaN, 1.5] })).toBeNull();
    expect(buildFilter({ q: 'x', categoryIds: [Number.NaN, 3] })).toEqual(['categoryId IN [3]']);
  });
});

describe('queries', () => {
  it('neutralises phrase and exclusion operators and cuts long queries', () => {
    expect(plainQuery('"mot de passe" -reset a-b')).toBe(' mot de passe  reset a-b');
    expect(plainQuery('x'.repeat(2000))).toHaveLength(500);
  });

  it('neutralises the full-width and small forms Meilisearch normalises to those operators', () => {
    expect(plainQuery('\uFF02mot de passe\uFF02 \uFF0Dreset \uFE63spam a\uFF0Db')).toBe(
      ' mot de passe  reset spam a\uFF0Db',
    );
  });

  it('does not cut a character in two', () => {
    expect(plainQuery(`${'x'.repeat(499)}😀`)).toBe('x'.repeat(499));
    expect(plainQuery(`${'x'.repeat(498)}😀`)).toBe(`${'x'.repeat(498)}😀`);
    expect(plainQuery('a\uDC00b')).toBe('a\uFFFDb');
  });
});

describe('settings', () => {
  it('searches title, tags, body, then the inherited title, and filters what the API filters on', () => {
    expect(indexSettings.searchableAttributes).toEqual(['title', 'tags', 'body', 'parentTitle']);
    expect(indexSettings.filterableAttributes).toEqual(['type', 'categoryId', 'locale', 'solved', 'topicId']);
    expect(indexSettings.sortableAttributes).toEqual(['createdAt', 'popularity']);
    expect(indexSettings.typoTolerance).toMatchObject({ enabled: true });
    expect(indexSettings.stopWords).toEqual(expect.arrayContaining(['the', 'le', 'l', 'à', 'a']));
    expect(indexSettings.stopWords).not.toContain('c');
  });

  it('restricts language detection to French and English on the searched attributes', () => {
    expect(indexSettings.localizedAttributes).toEqual([
      { attributePatterns: indexSettings.searchableAttributes, locales: ['fra', 'eng'] },
    ]);
  });
});

describe('toHit', () => {
  it('escapes Meilisearch highlights and restores marks', () => {
    const hit = toHit({
      id: 'post:2',
      type: 'post',
      title: '',
      parentTitle: '<b>Reset</b> password',
      url: '/p/2',
      topicId: 1,
      postId: 2,
      categoryId: null,
      _formatted: {
        parentTitle: `<b>Reset</b> ${markStart}password${markEnd}`,
        body: `…<script>alert(1)</script> ${markStart}password${markEnd}…`,
      },
      _rankingScore: 0.9,
    });
    expect(hit).toEqual({
      id: 'post:2',
      type: 'post',
      title: '<b>Reset</b> password',
      url: '/p/2',
      topicId: 1,
      postId: 2,
      score: 0.9,
      highlight: {
        title: '&lt;b&gt;Reset&lt;/b&gt; <mark>password</mark>',
        snippet: '…&lt;script&gt;alert(1)&lt;/script&gt; <mark>password</mark>…',
      },
    });
  });

  it('falls back to the plain title when nothing was formatted', () => {
    const hit = toHit({ id: 'topic:1', type: 'topic', title: 'A & B', url: '/' });
    expect(hit.highlight).toEqual({ title: 'A &amp; B', snippet: '' });
    expect(hit.score).toBe(0);
  });
});

describe('search without words', () => {
  // Port 9 (discard) refuses connections here: any request would throw instead of answering.
  const engine = new MeilisearchSearchEngine({ host: 'http://127.0.0.1:9' });

  it('answers nothing, without asking Meilisearch, when no word would reach it', async () => {
    for (const q of ['', '  ', 'the ', '?!', `${'the '.repeat(125)}password`]) {
      expect(await engine.search({ q })).toEqual({ hits: [], total: 0 });
    }
  });

  it('does ask when a word remains', async () => {
    await expect(engine.search({ q: 'password' })).rejects.toThrow();
  });
});

describe('createSearchEngine', () => {
  it('uses Meilisearch when a URL is given, the embedded engine otherwise', () => {
    expect(createSearchEngine({})).toBeInstanceOf(EmbeddedSearchEngine);
    const meili = createSearchEngine({
      meiliUrl: 'http://127.0.0.1:7700',
      meiliKey: 'k',
      indexName: 'forum',
    });
    expect(meili).toBeInstanceOf(MeilisearchSearchEngine);
    expect(meili.name).toBe('meilisearch');
    expect((meili as MeilisearchSearchEngine).indexName).toBe('forum');
  });
});
