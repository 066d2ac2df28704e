import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from './types';

export interface ConformanceOptions {
  /**
   * Whether the engine stems words (installing → installed). Meilisearch does not: it matches
   * word forms one or two letters apart through typo tolerance only, so the tests that need real
   * stemming are reported as skipped for it.
   */
  stemming?: boolean;
}

function doc(id: string, fields: Omit<SearchDocument, 'id' | 'url' | 'createdAt'> & Partial<SearchDocument>) {
  return {
    id,
    url: `/${id.replace(':', '/')}`,
    createdAt: Date.UTC(2025, 0, 1),
    ...fields,
  } satisfies SearchDocument;
}

/** A small bilingual forum: topics, replies (which carry their topic's title) and an FAQ entry. */
export const corpus: SearchDocument[] = [
  doc('topic:1', {
    type: 'topic',
    title: 'Reset your password',
    body: 'Open the account settings and choose "Forgot password". A reset link arrives by email within minutes.',
    locale: 'en',
    categoryId: 1,
    topicId: 1,
    postId: 1,
    solved: true,
    popularity: 5,
  }),
  doc('post:2', {
    type: 'post',
    title: 'Reset your password',
    body: 'Thanks, the reset link worked after I checked my spam folder.',
    locale: 'en',
    categoryId: 1,
    topicId: 1,
    postId: 2,
  }),
  doc('topic:3', {
    type: 'topic',
    title: 'Réinitialiser son mot de passe',
    body: 'Dans les paramètres du compte, cliquez sur « Mot de passe oublié ». Le lien arrive par courriel ou via l’API.',
    locale: 'fr',
    categoryId: 2,
    topicId: 3,
    postId: 3,
  }),
  doc('topic:4', {
    type: 'topic',
    title: 'Installation on Windows',
    body: 'The installer failed twice, so I installed the older version and it ran fine.',
    locale: 'en',
    categoryId: 3,
    topicId: 4,
    postId: 4,
  }),
  doc('faq:5', {
    type: 'faq',
    title: 'Factures et paiements',
    body: "Vos factures de l'été sont disponibles dans l'espace client, en français et en anglais.",
    locale: 'fr',
    categoryId: 2,
    tags: ['facturation'],
  }),
  doc('topic:6', {
    type: 'topic',
    title: 'Dark theme for the mobile app',
    body: 'Please add a dark theme: the bright screen is tiring at night.',
    locale: null,
    categoryId: 4,
    topicId: 6,
    postId: 6,
  }),
  doc('post:7', {
    type: 'post',
    title: 'Installation on Windows',
    body: "L'installation a échoué : il fallait lancer l'installateur en administrateur.",
    locale: 'fr',
    categoryId: 3,
    topicId: 4,
    postId: 7,
  }),
  doc('topic:8', {
    type: 'topic',
    title: 'Notifications by email',
    body: 'Choose which events send you a message.',
    locale: 'en',
    categoryId: 4,
    topicId: 8,
    postId: 8,
  }),
  doc('topic:9', {
    type: 'topic',
    title: 'Weekly digest',
    body: 'The digest groups your notifications into one message each Monday.',
    locale: 'en',
    categoryId: 4,
    topicId: 9,
    postId: 9,
  }),
];

const ids = (result: SearchResult) => result.hits.map((h) => h.id);

/** Text of highlighted HTML: every tag must be a mark; what remains must hold no markup. */
function withoutMarks(html: string): string {
  return html.replace(/<\/?mark>/g, '');
}

/**
 * The behaviour every search engine must show, declared as vitest tests: one suite for all
 * engines, run by each engine's test file with a factory giving a fresh engine.
 */
export function defineConformanceSuite(
  name: string,
  factory: () => Promise<SearchEngine>,
  options: ConformanceOptions = {},
): void {
  const stemming = options.stemming ?? true;

  describe(name, () => {
    let engine: SearchEngine;
    const search = (q: string, more: Omit<SearchQuery, 'q'> = {}) => engine.search({ q, ...more });

    beforeAll(async () => {
      engine = await factory();
      await engine.init();
      await engine.clear();
      await engine.upsert(corpus);
    });

    afterAll(async () => {
      await engine?.close();
    });

    describe('matching', () => {
      it('counts the indexed documents', async () => {
        expect(await engine.count()).toBe(corpus.length);
      });

      it('finds an exact word, in the body, the title or the tags', async () => {
        expect(ids(await search('spam'))).toEqual(['post:2']);
        expect(ids(await search('weekly'))).toEqual(['topic:9']);
        expect(ids(await search('facturation'))).toEqual(['faq:5']);
      });

      it('matches the last word as a prefix while it is being typed', async () => {
        expect(ids(await search('wind'))).toEqual(['topic:4', 'post:7']);
        expect(ids(await search('paiem'))).toEqual(['faq:5']);
      });

      it('tolerates one typo', async () => {
        const pasword = await search('pasword');
        expect(pasword.hits[0]?.id).toBe('topic:1');
        expect(new Set(ids(pasword))).toEqual(new Set(['topic:1', 'post:2']));

        const instalation = await search('instalation');
        expect(instalation.hits[0]?.id).toBe('topic:4');
        expect(ids(instalation)).toContain('post:7');
      });

      it('folds accents both ways', async () => {
        expect(ids(await search('ete'))).toEqual(['faq:5']);
        expect(ids(await search('francais'))).toEqual(['faq:5']);
        expect(ids(await search('thème'))).toEqual(['topic:6']);
        expect(ids(await search('RÉINITIALISER'))).toEqual(['topic:3']);
      });

      it('matches French and English plurals to singulars', async () => {
        expect(ids(await search('clients'))).toEqual(['faq:5']);
        const passwords = await search('passwords');
        expect(ids(passwords)[0]).toBe('topic:1');
        expect(new Set(ids(passwords))).toEqual(new Set(['topic:1', 'post:2']));
      });

      // Single-word queries: a word found nowhere is ignored in a longer query, which would let
      // these pass without stemming. Skipped for engines that do not stem (Meilisearch matches
      // prefixes and typos, not word stems), which say so with `stemming: false`.
      it.skipIf(!stemming)(
        'stems English words (installing finds installed, working finds worked)',
        async () => {
          expect(ids(await search('installing'))).toEqual(['topic:4']);
          expect(ids(await search('working'))).toEqual(['post:2']);
        },
      );

      // Skipped, like the English one, for engines that do not stem.
      it.skipIf(!stemming)('stems French words (réinitialisation finds réinitialiser)', async () => {
        expect(ids(await search('réinitialisation'))).toEqual(['topic:3']);
        expect(ids(await search('administration'))).toEqual(['post:7']);
      });

      // Three-letter words get no typo, so only elision handling lets "ete" reach "l'été".
      it('handles French elisions with either apostrophe', async () => {
        expect(ids(await search('ete'))).toEqual(['faq:5']);
        expect(ids(await search('api'))).toEqual(['topic:3']);
        for (const q of ["l'installation", 'l’installation']) {
          const found = ids(await search(q));
          expect(found).toContain('post:7');
          expect(found).toContain('topic:4');
        }
        expect(ids(await search("l'été"))).toEqual(['faq:5']);
      });

      it('answers a French query and an English query over the mixed corpus', async () => {
        const fr = await search('réinitialiser le mot de passe');
        expect(fr.hits[0]?.id).toBe('topic:3');
        expect(ids(fr)).not.toContain('topic:1');

        const en = await search('how do I reset the password');
        expect(en.hits[0]?.id).toBe('topic:1');
        expect(ids(en)).not.toContain('topic:3');
      });

      it('ranks a title match above a body-only match', async () => {
        expect(ids(await search('notifications'))).toEqual(['topic:8', 'topic:9']);
      });

      it('ranks a topic above its replies on the title they share', async () => {
        expect(ids(await search('installation windows')).slice(0, 2)).toEqual(['topic:4', 'post:7']);
      });

      it('filters by type inside the search', async () => {
        expect(ids(await search('password', { types: ['post'] }))).toEqual(['post:2']);
        expect(ids(await search('password', { types: ['faq'] }))).toEqual([]);
        const both = await search('password', { types: ['topic', 'post'] });
        expect(new Set(ids(both))).toEqual(new Set(['topic:1', 'post:2']));
        expect(both.total).toBe(2);
      });

      it('filters by category without leaking other categories', async () => {
        const cat3 = await search('installation', { categoryIds: [3] });
        expect(new Set(ids(cat3))).toEqual(new Set(['topic:4', 'post:7']));
        expect(cat3.total).toBe(2);
        expect(ids(await search('installation', { categoryIds: [1, 2] }))).toEqual([]);
        const fr = await search('passe', { categoryIds: [2, 99] });
        expect(ids(fr)).toEqual(['topic:3']);
        expect(fr.total).toBe(1);
      });

      it('filters by locale and by solved state', async () => {
        expect(ids(await search('installation', { locale: 'fr' }))).toEqual(['post:7']);
        expect(ids(await search('password', { solved: true }))).toEqual(['topic:1']);
        expect(ids(await search('password', { solved: false }))).toEqual(['post:2']);
        expect(ids(await search('password', { locale: 'fr', solved: true }))).toEqual([]);
      });

      it('treats an empty filter list as no filter', async () => {
        expect(new Set(ids(await search('password', { types: [], categoryIds: [] })))).toEqual(
          new Set(['topic:1', 'post:2']),
        );
      });

      it('wraps matched words in <mark> and escapes the rest', async () => {
        const hit = (await search('password')).hits.find((h) => h.id === 'topic:1');
        expect(hit?.highlight.title).toBe('Reset your <mark>password</mark>');
        expect(hit?.highlight.snippet).toContain('<mark>password</mark>');
        expect(hit?.highlight.snippet).toContain('&quot;Forgot <mark>password</mark>&quot;');
        const fr = (await search('ete')).hits[0];
        expect(fr?.highlight.snippet).toContain('<mark>été</mark>');
      });

      it('returns hits carrying the document fields', async () => {
        const hit = (await search('spam')).hits[0];
        expect(hit).toMatchObject({
          id: 'post:2',
          type: 'post',
          title: 'Reset your password',
          url: '/post/2',
          topicId: 1,
          postId: 2,
          categoryId: 1,
        });
        expect(typeof hit?.score).toBe('number');
      });

      it('returns nothing, without throwing, for an empty or blank query', async () => {
        for (const q of ['', '   ', '\n\t']) {
          expect(await search(q)).toEqual({ hits: [], total: 0 });
        }
      });

      it('survives punctuation, very long and non-Latin queries', async () => {
        const queries = [
          '?!… ;:,.',
          '"\'()[]{}<>\\/',
          'password '.repeat(250).slice(0, 2000),
          `${'x'.repeat(2000)}`,
          '😀🎉',
          '東京 密码 パスワード',
          'пароль сброс',
          '\u0000\u200b\ufeff',
        ];
        for (const q of queries) {
          const result = await search(q);
          expect(Array.isArray(result.hits)).toBe(true);
          expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
        }
        expect((await search('?!… ;:,.')).total).toBe(0);
        expect((await search('😀🎉')).total).toBe(0);
      });

      it('pages with limit and offset, and caps the limit at 100', async () => {
        const first = await search('password', { limit: 1 });
        const second = await search('password', { limit: 1, offset: 1 });
        expect(first.total).toBe(2);
        expect(second.total).toBe(2);
        expect(first.hits).toHaveLength(1);
        expect(second.hits).toHaveLength(1);
        expect(new Set([...ids(first), ...ids(second)])).toEqual(new Set(['topic:1', 'post:2']));
        expect((await search('password', { limit: 1, offset: 5 })).hits).toEqual([]);
      });

      it('keeps the best-ranked hit of each topic when asked, paging over what it keeps', async () => {
        // Replies carry their topic's title; the FAQ entry has no topic and stands alone.
        const thread = (topicId: number, title: string, replies: number) => [
          doc(`topic:${topicId}`, {
            type: 'topic',
            title,
            body: 'Kayak question.',
            topicId,
            postId: topicId,
            categoryId: 8,
          }),
          ...Array.from({ length: replies }, (_, i) =>
            doc(`post:${topicId * 10 + i}`, {
              type: 'post',
              title,
              body: `Reply ${i}.`,
              topicId,
              postId: topicId * 10 + i,
              categoryId: 8,
            }),
          ),
        ];
        const kayaks = [
          ...thread(500, 'Kayak rudder stuck', 3),
          ...thread(501, 'Kayak paddle length', 2),
          doc('faq:502', {
            type: 'faq',
            title: 'Kayak storage in winter',
            body: 'Keep it dry.',
            categoryId: 8,
          }),
        ];
        await engine.upsert(kayaks);
        try {
          const all = await search('kayak', { limit: 100 });
          expect(all.total).toBe(kayaks.length);
          const one = await search('kayak', { onePerTopic: true });
          const firstOf = (hits: SearchResult) =>
            ids(hits).filter((id, i, list) => {
              const topic = kayaks.find((d) => d.id === id)?.topicId ?? id;
              return (
                list.findIndex(
                  (other) => (kayaks.find((d) => d.id === other)?.topicId ?? other) === topic,
                ) === i
              );
            });
          expect(ids(one)).toEqual(firstOf(all));
          expect(ids(one)).toHaveLength(3);
          expect(one.total).toBe(3);
          expect(ids(await search('kayak', { onePerTopic: true, limit: 1, offset: 1 }))).toEqual(
            ids(one).slice(1, 2),
          );
          expect(ids(await search('kayak', { onePerTopic: true, types: ['post'] }))).toHaveLength(2);
        } finally {
          await engine.remove(kayaks.map((d) => d.id));
        }
      });
    });

    describe('writes', () => {
      it('ranks a re-indexed document as before (a topic is re-indexed at every reply)', async () => {
        const ranking = async () =>
          (await search('reset password', { categoryIds: [1] })).hits.map(
            (h) => `${h.id} ${h.score.toFixed(4)}`,
          );
        const before = await ranking();
        expect(before[0]).toMatch(/^topic:1 /);
        const again = corpus.filter((d) => d.id === 'topic:1' || d.id === 'post:2');
        for (let i = 0; i < 3; i++) await engine.upsert(again);
        expect(await ranking()).toEqual(before);
      });

      it('reports totals across pages of a larger result set', async () => {
        const fleet = Array.from({ length: 25 }, (_, i) =>
          doc(`topic:${100 + i}`, {
            type: 'topic',
            title: `Zeppelin flight ${i}`,
            body: `Log entry number ${i} about the airship.`,
            categoryId: 7,
          }),
        );
        await engine.upsert(fleet);
        try {
          const pages = await Promise.all(
            [0, 10, 20].map((offset) => search('zeppelin', { limit: 10, offset })),
          );
          expect(pages.map((p) => p.total)).toEqual([25, 25, 25]);
          expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
          const seen = pages.flatMap(ids);
          expect(new Set(seen).size).toBe(25);
          expect(new Set(seen)).toEqual(new Set(fleet.map((d) => d.id)));
          expect((await search('zeppelin', { limit: 500 })).hits).toHaveLength(25);
          expect((await search('zeppelin', { limit: 0 })).total).toBe(25);
        } finally {
          await engine.remove(fleet.map((d) => d.id));
        }
        expect((await search('zeppelin')).total).toBe(0);
      });

      it('replaces a document on upsert: old words stop matching', async () => {
        const id = 'topic:200';
        await engine.upsert([doc(id, { type: 'topic', title: 'Kiwi', body: 'A kiwi question.' })]);
        expect(ids(await search('kiwi'))).toEqual([id]);
        await engine.upsert([doc(id, { type: 'topic', title: 'Mango', body: 'A mango question.' })]);
        expect(ids(await search('kiwi'))).toEqual([]);
        expect(ids(await search('mango'))).toEqual([id]);
        expect(await engine.count()).toBe(corpus.length + 1);
        await engine.remove([id]);
      });

      it('removes documents, ignoring unknown ids', async () => {
        await engine.upsert([doc('faq:300', { type: 'faq', title: 'Papaya', body: 'Papaya policy.' })]);
        expect(await engine.count()).toBe(corpus.length + 1);
        await engine.remove(['faq:300', 'faq:does-not-exist']);
        expect(ids(await search('papaya'))).toEqual([]);
        expect(await engine.count()).toBe(corpus.length);
      });

      it('never lets document HTML through a highlight', async () => {
        const hostile = doc('post:400', {
          type: 'post',
          title: '<img src=x onerror=alert(1)> password tips',
          body: '<script>alert(1)</script> password & "quotes" \'single\'',
        });
        await engine.upsert([hostile]);
        try {
          const hit = (await search('password')).hits.find((h) => h.id === 'post:400');
          expect(hit).toBeDefined();
          for (const html of [hit!.highlight.title, hit!.highlight.snippet]) {
            expect(html).not.toMatch(/<script|<img/i);
            expect(withoutMarks(html)).not.toMatch(/[<>]/);
            expect(html).toContain('<mark>password</mark>');
          }
          expect(hit!.highlight.snippet).toContain('&lt;script&gt;');
          expect(hit!.title).toBe(hostile.title);
        } finally {
          await engine.remove([hostile.id]);
        }
      });

      it('cuts the snippet around the best match of a long body', async () => {
        const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40);
        const long = doc('topic:500', {
          type: 'topic',
          title: 'A long story',
          body: `${filler}The quokka appeared at last. ${filler}`,
        });
        await engine.upsert([long]);
        try {
          const hit = (await search('quokka')).hits[0];
          expect(hit?.id).toBe('topic:500');
          const snippet = hit?.highlight.snippet ?? '';
          expect(snippet).toContain('<mark>quokka</mark>');
          expect(withoutMarks(snippet).length).toBeLessThanOrEqual(260);
          expect(snippet.startsWith('…')).toBe(true);
          expect(snippet.endsWith('…')).toBe(true);
        } finally {
          await engine.remove([long.id]);
        }
      });

      it('clears everything', async () => {
        await engine.clear();
        expect(await engine.count()).toBe(0);
        expect(await search('password')).toEqual({ hits: [], total: 0 });
        await engine.upsert(corpus);
        expect(await engine.count()).toBe(corpus.length);
      });
    });
  });
}
