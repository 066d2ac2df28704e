import { EmbeddedSearchEngine } from '@parvis/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import { installedPlugins } from '../src/plugins/config';
import { type Harness, startHarness } from './harness';

describe('with every plugin enabled', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { db } = h.runtime.services;
    await createCategory(db, { name: 'Help', slug: 'help' }, null);
    await createCategory(
      db,
      { name: 'Staff', slug: 'staff', readAudience: 'moderator', postAudience: 'moderator' },
      null,
    );
  });
  afterAll(() => h.close());

  it('finds topics and replies by search, with typos, prefixes and accents, within readable categories', async () => {
    const alice = await h.member('alice');
    const mod = await h.member('mod', { role: 'moderator' });
    const [help, staff] = (await mod.get('/categories')).body.categories;
    const t = await alice.post('/topics', {
      categoryId: help.id,
      title: 'Réinitialiser le mot de passe',
      body: 'Je ne reçois pas l’e-mail de réinitialisation.',
    });
    await mod.post(`/topics/${t.body.topic.id}/posts`, { body: 'Vérifiez le dossier des indésirables.' });
    await mod.post('/topics', {
      categoryId: staff.id,
      title: 'Mot de passe du compte partagé',
      body: 'Confidentiel.',
    });
    await h.settle();

    const exact = await h.guest().get('/search?q=mot%20de%20passe');
    // One hit per topic, even though the reply carries the topic's title too.
    expect(exact.body.hits.map((x: { title: string; type: string }) => [x.title, x.type])).toEqual([
      ['Réinitialiser le mot de passe', 'topic'],
    ]);
    expect(exact.body.total).toBe(1);
    expect(exact.body.hits[0].highlight.title).toContain('<mark>');
    const typo = await h.guest().get('/search?q=reinitialsier');
    expect(typo.body.hits[0]?.url).toBe(`/t/reinitialiser-le-mot-de-passe/${t.body.topic.id}`);
    const prefix = await h.guest().get('/search?q=indesir');
    expect(prefix.body.hits[0]?.type).toBe('post');
    expect((await mod.get('/search?q=confidentiel')).body.total).toBe(1);
    expect((await h.guest().get('/search?q=confidentiel')).body.total).toBe(0);
    expect((await h.guest().get('/search?q=passe&category=staff')).body.total).toBe(0);
    expect((await h.guest().get('/search?q=')).body).toEqual({ hits: [], total: 0 });

    await alice.delete(`/posts/${t.body.topic.postId}`);
    await h.settle();
    expect((await h.guest().get('/search?q=reinitialiser')).body.total).toBe(0);
  });

  it("shares members' searches within a role only, and shows a new post at once", async () => {
    const [carol, dave] = [await h.member('carol'), await h.member('dave')];
    const mod = await h.member('mod2', { role: 'moderator' });
    const [help, staff] = (await mod.get('/categories')).body.categories;
    await mod.post('/topics', { categoryId: staff.id, title: 'Planning du zeppelin', body: 'Réservé.' });
    await h.settle();
    const titles = async (client: typeof carol) =>
      (await client.get('/search?q=zeppelin')).body.hits.map((hit: { title: string }) => hit.title);
    // The moderator's answer is kept for moderators: members asking next must not get it.
    expect(await titles(mod)).toEqual(['Planning du zeppelin']);
    expect(await titles(carol)).toEqual([]);
    const before = h.runtime.shared.api.size;
    expect(await titles(dave)).toEqual([]);
    expect(h.runtime.shared.api.size).toBe(before);
    await carol.post('/topics', { categoryId: help.id, title: 'Le zeppelin public', body: 'Pour tous.' });
    await h.settle();
    expect(await titles(dave)).toEqual(['Le zeppelin public']);
  });

  it('greets a new member in their language (welcome plugin) and serves its route', async () => {
    const newcomer = await h.member('nouvelle', { locale: 'fr' });
    await h.settle();
    const list = await newcomer.get('/notifications');
    expect(list.body.notifications[0].kind).toBe('welcome');
    expect(list.body.notifications[0].message).toMatch(/^Bienvenue dans la communauté, nouvelle/);
    expect((await h.guest().get('/session')).body.enabledPlugins).toEqual(installedPlugins.map((p) => p.id));
    const tip = await h
      .guest()
      .call('GET', '/plugins/welcome/tip', undefined, { 'accept-language': 'fr-FR' });
    expect(tip.status).toBe(200);
    expect(tip.body.tip).toMatch(/^Astuce/);
  });

  it('describes the API in OpenAPI and on a readable page', async () => {
    const doc = await h.guest().get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/topics'].get.summary).toBeTruthy();
    expect(
      doc.body.paths['/auth/sign-up'].post.requestBody.content['application/json'].schema.properties.username,
    ).toBeTruthy();
    const page = await h.runtime.app.request('http://localhost/api');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/v1/topics');
  });

  it('reports health and readiness, with security headers', async () => {
    const health = await h.runtime.app.request('http://localhost/healthz');
    expect(health.status).toBe(200);
    const ready = await h.runtime.app.request('http://localhost/readyz');
    expect(await ready.json()).toEqual({ status: 'ready' });
    const csp = ready.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(ready.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('with the welcome plugin disabled', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ PARVIS_PLUGINS: '' });
  });
  afterAll(() => h.close());

  it('removes its routes, its greeting and its UI flag', async () => {
    const newcomer = await h.member('quiet');
    await h.settle();
    expect((await newcomer.get('/notifications')).body.notifications).toEqual([]);
    expect((await h.guest().get('/plugins/welcome/tip')).status).toBe(404);
    expect((await h.guest().get('/session')).body.enabledPlugins).toEqual([]);
  });
});

describe('while the search index is still being built', () => {
  it('serves pages and writes, answers searches with a clear 503, then finds what was written meanwhile', async () => {
    // The real engine, with its rebuild held back until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    class HeldEngine extends EmbeddedSearchEngine {
      override async clear() {
        await held;
        return super.clear();
      }
    }
    const h = await startHarness({}, { search: new HeldEngine(), indexInBackground: true });
    try {
      const { db } = h.runtime.services;
      const help = await createCategory(db, { name: 'Help', slug: 'help' }, null);
      const alice = await h.member('alice', { locale: 'fr' });
      const created = await alice.post('/topics', {
        categoryId: help.id,
        title: 'Facture introuvable après le renouvellement',
        body: 'Je ne trouve plus ma facture de novembre.',
      });
      expect(created.status).toBe(201);
      expect((await h.guest().get('/topics')).body.topics.map((t: { id: number }) => t.id)).toEqual([
        created.body.topic.id,
      ]);

      const early = await h.guest().get('/search?q=facture');
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe('unavailable');
      expect(early.body.error.message).toMatch(/search is starting/i);
      const inFrench = await alice.get('/search?q=facture');
      expect(inFrench.body.error.message).toMatch(/La recherche démarre/);
      const faq = await h.guest().get('/plugins/faq/search?q=facture');
      expect(faq.status).toBe(503);
      expect((await h.runtime.app.request('http://localhost/readyz')).status).toBe(503);

      release();
      await h.runtime.indexed;
      await h.settle();
      expect((await h.runtime.app.request('http://localhost/readyz')).status).toBe(200);
      const found = await h.guest().get('/search?q=factrue');
      expect(found.status).toBe(200);
      expect(found.body.hits.map((x: { title: string }) => x.title)).toContain(
        'Facture introuvable après le renouvellement',
      );
    } finally {
      release();
      await h.close();
    }
  });
});

describe('when the search thread dies', () => {
  it('rebuilds its index from PostgreSQL and finds everything again', async () => {
    const h = await startHarness();
    try {
      const { db } = h.runtime.services;
      const help = await createCategory(db, { name: 'Help', slug: 'help' }, null);
      const alice = await h.member('alice');
      await alice.post('/topics', {
        categoryId: help.id,
        title: 'Exporting invoices as CSV',
        body: 'Where is the export button?',
      });
      await h.settle();
      expect((await h.guest().get('/search?q=invoices')).body.total).toBe(1);

      // Stands for the thread being killed (out of memory): the host must notice and rebuild.
      const gate = h.runtime.services.search as unknown as {
        engine: { worker: { terminate(): Promise<number> } };
      };
      await gate.engine.worker.terminate();
      await expect
        .poll(async () => (await h.runtime.app.request('http://localhost/readyz')).status, {
          timeout: 10_000,
        })
        .toBe(200);
      // A new thread starts empty: finding the topic means the index was rebuilt.
      expect((await h.guest().get('/search?q=invoices')).body.total).toBe(1);
    } finally {
      await h.close();
    }
  });
});
