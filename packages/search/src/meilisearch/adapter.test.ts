import { describe, expect, it } from 'vitest';
import { markEnd, markStart } from '../highlight';
import { createSearchEngine, EmbeddedSearchEngine, MeilisearchSearchEngine } from '../index';
import { encodeKey, toMeiliDocument } from './documents';
import { indexSettings, plainQuery } from './engine';
import { buildFilter, quote } from './filter';
import { toHit } from './hits';

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
