import { beforeAll, describe, expect, it } from 'vitest';
import { stem } from '../analysis';
import { corpus } from '../conformance';
import type { SearchDocument, SearchQuery, SearchResult } from '../types';
import { EmbeddedSearchEngine } from './engine';

// Behaviour specific to the embedded engine; what every engine must do is in ../conformance.ts.

const ids = (result: SearchResult) => result.hits.map((h) => h.id);
const topic = (
  id: string,
  title: string,
  body: string,
  more: Partial<SearchDocument> = {},
): SearchDocument => ({
  id,
  type: 'topic',
  title,
  body,
  url: `/${id}`,
  createdAt: 0,
  ...more,
});

describe('embedded engine', () => {
  let engine: EmbeddedSearchEngine;
  const search = (q: string, more: Omit<SearchQuery, 'q'> = {}) => engine.search({ q, ...more });

  beforeAll(async () => {
    engine = new EmbeddedSearchEngine();
    await engine.init();
    await engine.upsert([
      ...corpus,
      topic('topic:20', 'Changer son adresse e-mail', 'Dans le profil, modifiez le courriel.', {
        locale: 'fr',
      }),
      topic('topic:21', '東京の天気', '晴れ'),
      topic('topic:22', 'Upgrade notes', 'We installed the new release yesterday and the sync is back.'),
    ]);
  });

  it('does not treat a word followed by a space as a prefix', async () => {
    expect(ids(await search('wind'))).toEqual(['topic:4', 'post:7']);
    expect(ids(await search('wind '))).toEqual([]);
  });

  it('completes a stop word being typed: "mot de pas" reaches "passe"', async () => {
    expect(ids(await search('mot de pas'))).toEqual(['topic:3']);
  });

  it('ignores a word found nowhere in a two-word query', async () => {
    expect(ids(await search('spam qwxzv'))).toEqual(['post:2']);
  });

  it('falls back to documents with either word when none has both, the most words first', async () => {
    const result = await search('spam digest');
    expect(new Set(ids(result))).toEqual(new Set(['post:2', 'topic:9']));
    expect(result.total).toBe(2);
  });

  it('answers a query of three words or more with partial matches, by relevance', async () => {
    const result = await search('reset link spam folder windows');
    expect(new Set(ids(result).slice(0, 2))).toEqual(new Set(['post:2', 'topic:1']));
    expect(new Set(ids(result))).toEqual(new Set(['post:2', 'topic:1', 'topic:4', 'post:7']));
    expect(result.total).toBe(4);
  });

  it('counts two swapped letters as one typo', async () => {
    // Both are two edits apart for Levenshtein, more than a 4–7 letter word is allowed.
    expect(ids(await search('sapm '))).toEqual(['post:2']);
    expect(ids(await search('wnidows ')).slice(0, 2)).toEqual(['topic:4', 'post:7']);
  });

  it('ranks a question by how closely a title words it, after BM25', async () => {
    const faq = new EmbeddedSearchEngine();
    const entry = (id: string, title: string, body: string) => ({ ...topic(id, title, body), type: 'faq' });
    await faq.upsert([
      entry('a', 'Can I bring my dog to the office?', 'Pets are welcome on Fridays.'),
      entry('b', 'Office opening hours', 'The office opens at eight; bring your badge.'),
    ]);
    expect(ids(await faq.search({ q: 'can i bring a dog into the office' }))).toEqual(['a', 'b']);
  });

  it('computes a highlight only when it is read, from the version that was found', async () => {
    const fresh = new EmbeddedSearchEngine();
    await fresh.upsert([topic('x', 'Lazy snippets', 'A quokka in the body.')]);
    const [hit] = (await fresh.search({ q: 'quokka' })).hits;
    await fresh.upsert([topic('x', 'Lazy snippets', 'Rewritten without the animal.')]);
    expect(hit?.highlight.snippet).toContain('quokka');
    expect(JSON.parse(JSON.stringify(hit)).highlight.title).toBe('Lazy snippets');
  });

  it('finds a hyphenated word written solid, and highlights it whole', async () => {
    const hit = (await search('email')).hits.find((h) => h.id === 'topic:20');
    expect(hit?.highlight.title).toBe('Changer son adresse <mark>e-mail</mark>');
  });

  it('finds text written without spaces, character by character', async () => {
    expect(ids(await search('東京'))).toEqual(['topic:21']);
  });

  it('stems a document without locale in the language its words show', async () => {
    expect(stem('installing', 'en')).toBe(stem('installed', 'en'));
    expect(ids(await search('installing sync'))).toEqual(['topic:22']);
  });

  it('breaks ties by popularity, then recency', async () => {
    const twins = new EmbeddedSearchEngine();
    await twins.upsert([
      topic('a', 'Twin', 'same words', { popularity: 1, createdAt: 3 }),
      topic('b', 'Twin', 'same words', { popularity: 9, createdAt: 1 }),
      topic('c', 'Twin', 'same words', { popularity: 1, createdAt: 5 }),
    ]);
    expect(ids(await twins.search({ q: 'twin' }))).toEqual(['b', 'c', 'a']);
  });

  it('keeps only the latest version of a document updated many times', async () => {
    const churn = new EmbeddedSearchEngine();
    for (let i = 0; i < 200; i += 1) await churn.upsert([topic('x', `Version v${i}`, `word${i} common`)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await churn.count()).toBe(1);
    expect(ids(await churn.search({ q: 'word5 ' }))).toEqual([]);
    expect(ids(await churn.search({ q: 'word199 ' }))).toEqual(['x']);
    expect((await churn.search({ q: 'common' })).total).toBe(1);
  });

  it('normalises paging and tolerates a missing query', async () => {
    expect((await search('password', { limit: -5 })).hits).toEqual([]);
    expect((await search('password', { limit: Number.NaN })).hits).toHaveLength(2);
    expect((await search('password', { offset: -3 })).hits).toHaveLength(2);
    expect(await engine.search({ q: undefined as unknown as string })).toEqual({ hits: [], total: 0 });
  });

  it('rejects a document without an id before indexing anything', async () => {
    const fresh = new EmbeddedSearchEngine();
    await expect(fresh.upsert([topic('ok', 'Fine', 'fine'), { ...topic('', 'No id', 'x') }])).rejects.toThrow(
      TypeError,
    );
    expect(await fresh.count()).toBe(0);
  });
});

describe('embedded engine totals and filters on a random corpus', () => {
  // Three-letter made-up words: no stemming, no typo tolerance, so what must match is plain.
  const vocabulary = ['bdk', 'gzt', 'pfm', 'qrv', 'wxl', 'zdn', 'kjh', 'vbc'];
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const docs = Array.from({ length: 400 }, (_, i) => {
    const words = Array.from({ length: 1 + rnd(4) }, () => vocabulary[rnd(vocabulary.length)]!);
    return {
      id: `d${i}`,
      type: rnd(3) === 0 ? 'post' : 'topic',
      title: words.slice(0, 1).join(' '),
      body: words.slice(1).join(' '),
      url: '/',
      createdAt: i,
      categoryId: rnd(5),
      solved: rnd(2) === 0,
      words: new Set(words),
    };
  });
  const engine = new EmbeddedSearchEngine();

  beforeAll(async () => {
    expect(vocabulary.every((w) => stem(w, 'en') === w && stem(w, 'fr') === w)).toBe(true);
    await engine.upsert(docs);
  });

  it('counts exactly the documents holding every word, within the filters', async () => {
    for (let trial = 0; trial < 60; trial += 1) {
      const a = vocabulary[rnd(vocabulary.length)]!;
      const b = vocabulary[rnd(vocabulary.length)]!;
      const categoryIds = trial % 3 === 0 ? [rnd(5), rnd(5)] : undefined;
      const types = trial % 4 === 0 ? ['post'] : undefined;
      const solved = trial % 5 === 0 ? true : undefined;
      const expected = docs.filter(
        (d) =>
          d.words.has(a) &&
          d.words.has(b) &&
          (!categoryIds || categoryIds.includes(d.categoryId)) &&
          (!types || types.includes(d.type)) &&
          (solved === undefined || d.solved === solved),
      );
      // Trailing space: no prefix search.
      const result = await engine.search({ q: `${a} ${b} `, categoryIds, types, solved, limit: 100 });
      if (expected.length === 0) continue; // the fallback to partial matches applies
      expect(result.total).toBe(expected.length);
      if (expected.length <= 100) expect(new Set(ids(result))).toEqual(new Set(expected.map((d) => d.id)));
      const scores = result.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
  });

  it('pages through every match exactly once', async () => {
    const all = await engine.search({ q: 'bdk ', limit: 100 });
    const seen: string[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      seen.push(...ids(await engine.search({ q: 'bdk ', limit: 7, offset })));
    }
    expect(seen).toHaveLength(all.total);
    expect(new Set(seen).size).toBe(all.total);
    expect(all.total).toBe(docs.filter((d) => d.words.has('bdk')).length);
  });
});

describe('embedded engine re-ranking of questions', () => {
  // Many documents share the question's words in different amounts, so the re-ranked window
  // is full and the share of the question each holds decides between close scores.
  const vocabulary = ['bdk', 'gzt', 'pfm', 'qrv', 'wxl', 'zdn'];
  let seed = 777;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const docs = Array.from({ length: 300 }, (_, i) => {
    const words = Array.from({ length: 1 + rnd(6) }, () => vocabulary[rnd(vocabulary.length)]!);
    return topic(`q${i}`, words.slice(0, 2).join(' '), words.slice(2).join(' '), { createdAt: i });
  });
  const engine = new EmbeddedSearchEngine();

  beforeAll(async () => {
    await engine.upsert(docs);
  });

  it('returns any page of a question as the same slice of its whole list', async () => {
    for (const q of ['bdk gzt pfm qrv.', 'wxl zdn bdk.', 'gzt qrv zdn wxl pfm.']) {
      const whole = ids(await engine.search({ q, limit: 50 }));
      expect(whole.length).toBeGreaterThan(20);
      for (const [offset, limit] of [
        [0, 1],
        [0, 3],
        [3, 5],
        [10, 10],
      ] as const) {
        expect(ids(await engine.search({ q, limit, offset }))).toEqual(whole.slice(offset, offset + limit));
      }
    }
  });
});
