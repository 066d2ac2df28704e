import { events, rateLimits } from '@parvis/db';
import {
  faqArticleRevisions,
  faqArticleSlugs,
  faqArticles,
  faqDeflectionSessions,
} from '@parvis/plugin-faq/db/schema';
import { articleDocument, articleDocumentsFor } from '@parvis/plugin-faq/server/documents';
import { importFaqArticles } from '@parvis/plugin-faq/server/import';
import { faqLimits } from '@parvis/plugin-faq/server/rate-limit';
import { searchFaq } from '@parvis/plugin-faq/server/search';
import { articleRedirect } from '@parvis/plugin-faq/web/client';
import { articleHead } from '@parvis/plugin-faq/web/head';
import { EmbeddedSearchEngine } from '@parvis/search';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import type { PageRequest } from '../src/pages/renderer';
import { type Client, type Harness, startHarness } from './harness';

/**
 * A stand-in for the web app's renderer (as in pages.test.ts) that renders FAQ article pages with
 * the plugin's own head: what the page server does around the real one.
 */
async function renderPage(request: PageRequest) {
  const match = /^\/faq\/([a-z0-9-]+)(?:\?.*)?$/.exec(request.url);
  if (!match) return { status: 404, html: '<p>not found</p>' };
  const res = await request.fetchApi(`/plugins/faq/articles/${match[1]}`);
  if (res.status !== 200) return { status: res.status, html: '<p>not found</p>' };
  const lookup = await res.json();
  // What the article page's loader does with an old slug.
  const moved = articleRedirect(lookup, request.url);
  if (moved) return { status: moved.status, headers: { Location: moved.to }, html: '' };
  const { article } = lookup;
  const head = articleHead(article);
  const jsonLd = head.jsonLd
    ? `<script type="application/ld+json" nonce="${request.nonce}">${JSON.stringify(head.jsonLd).replace(/</g, '\\u003c')}</script>`
    : '';
  return {
    status: 200,
    html: `<html><head><title>${head.title}</title><link rel="canonical" href="${head.canonical}">${jsonLd}</head><body>${article.answerHtml}</body></html>`,
  };
}

let h: Harness;
let help: number;
let aide: number;
let admin: Client & { id: number };
let mod: Client & { id: number };
let alice: Client & { id: number };
let bob: Client & { id: number };

beforeAll(async () => {
  h = await startHarness({}, { renderPage });
  const { db } = h.runtime.services;
  help = (await createCategory(db, { name: 'Help', slug: 'help' }, null)).id;
  aide = (await createCategory(db, { name: 'Entraide', slug: 'entraide' }, null)).id;
  admin = await h.member('root', { role: 'admin' });
  mod = await h.member('moderator', { role: 'moderator' });
  alice = await h.member('alice');
  bob = await h.member('bob', { locale: 'fr' });
});
afterAll(() => h.close());

const article = {
  question: 'How do I export my invoices as PDF?',
  answer:
    'Go to **Billing → History**, tick the invoices and choose *Download*.\n\n<script>alert(1)</script>',
  locale: 'en',
  tags: ['Invoices', 'export', 'invoices'],
  status: 'published',
};

async function eventsOf(type: string) {
  return h.runtime.services.db.select().from(events).where(eq(events.type, type));
}

describe('faq articles', () => {
  it('lets staff write articles; members get 403, guests 401, bad input 400 with field errors', async () => {
    expect((await h.guest().post('/plugins/faq/articles', article)).status).toBe(401);
    expect((await alice.post('/plugins/faq/articles', article)).status).toBe(403);

    const bad = await mod.post('/plugins/faq/articles', {
      question: 'Hi',
      answer: '',
      locale: 'de',
      slug: 'Not A Slug',
      categoryId: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'answer',
      'categoryId',
      'locale',
      'question',
      'slug',
    ]);
    // A value of the wrong type is "not valid"; only a missing one is "required".
    expect(bad.body.error.fields.categoryId).toBe('This value is not valid.');
    const missing = await mod.post('/plugins/faq/articles', { question: 42, locale: 'en' });
    expect(missing.body.error.fields.question).toBe('This value is not valid.');
    expect(missing.body.error.fields.answer).toBe('This field is required.');
    expect((await mod.call('POST', '/plugins/faq/articles', '{"question":')).status).toBe(400);
    const unknownCategory = await mod.post('/plugins/faq/articles', { ...article, categoryId: 999_999 });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error.fields.categoryId).toBeTruthy();

    const created = await mod.post('/plugins/faq/articles', { ...article, categoryId: help });
    expect(created.status).toBe(201);
    const a = created.body.article;
    expect(a.slug).toBe('how-do-i-export-my-invoices-as-pdf');
    expect(a.tags).toEqual(['invoices', 'export']);
    expect(a.category).toEqual({ id: help, slug: 'help', name: 'Help' });
    expect(a.answerHtml).toContain('<strong>Billing → History</strong>');
    expect(a.answerHtml).not.toContain('<script');
    expect(a.revision).toBe(1);
    const [createdEvent] = await eventsOf('faq.article_created');
    expect(createdEvent?.payload).toMatchObject({ articleId: a.id, status: 'published' });

    // The same question again gets its own address.
    const twin = await admin.post('/plugins/faq/articles', { ...article, status: 'draft' });
    expect(twin.body.article.slug).toBe('how-do-i-export-my-invoices-as-pdf-2');
    const taken = await admin.post('/plugins/faq/articles', { ...article, slug: a.slug });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields.slug).toBeTruthy();

    const read = await h.guest().get(`/plugins/faq/articles/${a.slug}`);
    expect(read.status).toBe(200);
    expect(read.body.article.answer).toBeNull();
    expect(read.body.article.canEdit).toBe(false);
  });

  it('keeps every edit as a revision, readable by staff only, and refuses stale edits', async () => {
    const created = await mod.post('/plugins/faq/articles', {
      question: 'Can I change my billing address?',
      answer: 'Yes, in Billing settings.',
      locale: 'en',
      status: 'draft',
    });
    const { id, slug } = created.body.article;
    expect((await alice.patch(`/plugins/faq/articles/${id}`, { answer: 'Nope' })).status).toBe(403);
    expect((await h.guest().patch(`/plugins/faq/articles/${id}`, { answer: 'Nope' })).status).toBe(401);

    const edited = await admin.patch(`/plugins/faq/articles/${id}`, {
      answer: 'Yes: **Billing → Settings**.',
      status: 'published',
      expectedRevision: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.article.revision).toBe(2);
    expect(edited.body.article.status).toBe('published');
    const stale = await mod.patch(`/plugins/faq/articles/${id}`, {
      question: 'Old form',
      expectedRevision: 1,
    });
    expect(stale.status).toBe(409);
    // Nothing changed: no new revision.
    expect(
      (await mod.patch(`/plugins/faq/articles/${id}`, { status: 'published' })).body.article.revision,
    ).toBe(2);

    const history = await mod.get(`/plugins/faq/articles/${id}/revisions`);
    expect(history.status).toBe(200);
    expect(
      history.body.revisions.map((r: { revision: number; status: string }) => [r.revision, r.status]),
    ).toEqual([
      [2, 'published'],
      [1, 'draft'],
    ]);
    expect(history.body.revisions[1].answer).toBe('Yes, in Billing settings.');
    expect(history.body.revisions[0].editor.username).toBe('root');
    expect((await alice.get(`/plugins/faq/articles/${id}/revisions`)).status).toBe(403);
    expect((await h.guest().get(`/plugins/faq/articles/${id}/revisions`)).status).toBe(401);

    const updated = await eventsOf('faq.article_updated');
    expect(updated.some((e) => (e.payload as { articleId: number }).articleId === id)).toBe(true);
    const published = await eventsOf('faq.article_published');
    expect(published.map((e) => (e.payload as { articleId: number }).articleId)).toContain(id);

    const renamed = await mod.patch(`/plugins/faq/articles/${id}`, { slug: 'billing-address' });
    expect(renamed.body.article.slug).toBe('billing-address');
    // The old address names the same article, and says it moved.
    const old = await h.guest().get(`/plugins/faq/articles/${slug}`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ article: { id, slug: 'billing-address' }, redirectedFrom: slug });

    expect((await alice.delete(`/plugins/faq/articles/${id}`)).status).toBe(403);
    expect((await mod.delete(`/plugins/faq/articles/${id}`)).status).toBe(204);
    expect((await mod.get('/plugins/faq/articles/billing-address')).status).toBe(404);
    expect((await mod.get(`/plugins/faq/articles/${slug}`)).status).toBe(404);
    expect(
      await h.runtime.services.db
        .select()
        .from(faqArticleRevisions)
        .where(eq(faqArticleRevisions.articleId, id)),
    ).toEqual([]);
    expect((await mod.delete(`/plugins/faq/articles/${id}`)).status).toBe(404);
  });

  it('hides drafts from everyone but staff', async () => {
    const draft = await mod.post('/plugins/faq/articles', {
      question: 'Secret roadmap question',
      answer: 'Not yet.',
      locale: 'en',
      status: 'draft',
    });
    const { slug, id } = draft.body.article;
    expect((await h.guest().get(`/plugins/faq/articles/${slug}`)).status).toBe(404);
    expect((await alice.get(`/plugins/faq/articles/${slug}`)).status).toBe(404);
    expect((await mod.get(`/plugins/faq/articles/${slug}`)).status).toBe(200);
    const slugs = (list: { body: { articles: { slug: string }[] } }) => list.body.articles.map((x) => x.slug);
    expect(slugs(await alice.get('/plugins/faq/articles'))).not.toContain(slug);
    expect(slugs(await mod.get('/plugins/faq/articles'))).toContain(slug);
    expect((await alice.post(`/plugins/faq/articles/${id}/votes`, { helpful: true })).status).toBe(404);
    // Nor is a draft searchable.
    await h.settle();
    const found = await mod.get(`/plugins/faq/search?q=${encodeURIComponent('secret roadmap')}`);
    expect(found.body.hits.map((x: { url: string }) => x.url)).not.toContain(`/faq/${slug}`);
  });

  it('filters the list by language and category', async () => {
    await mod.post('/plugins/faq/articles', {
      question: 'Comment exporter mes factures ?',
      answer: 'Dans **Facturation**.',
      locale: 'fr',
      categoryId: aide,
      status: 'published',
    });
    const french = await h.guest().get('/plugins/faq/articles?locale=fr');
    expect(french.body.articles.every((x: { locale: string }) => x.locale === 'fr')).toBe(true);
    expect(french.body.articles.length).toBeGreaterThan(0);
    const inHelp = await h.guest().get('/plugins/faq/articles?category=help');
    expect(
      inHelp.body.articles.every((x: { category: { slug: string } }) => x.category?.slug === 'help'),
    ).toBe(true);
    expect((await h.guest().get('/plugins/faq/articles?locale=xx')).status).toBe(400);
  });
});

describe('helpful votes', () => {
  it('counts one changeable vote per member or browser, and shows comments to staff', async () => {
    const created = await mod.post('/plugins/faq/articles', {
      question: 'How do I reset my password?',
      answer: 'Use the link on the sign-in page.',
      locale: 'en',
      status: 'published',
    });
    const { id, slug } = created.body.article;
    const vote = (client: Client, body: unknown) => client.post(`/plugins/faq/articles/${id}/votes`, body);

    const first = await vote(alice, { helpful: true });
    expect(first.status).toBe(200);
    expect(first.body.helpful).toEqual({ yes: 1, no: null });
    expect((await vote(alice, { helpful: true })).body.helpful.yes).toBe(1);
    const changed = await vote(alice, { helpful: false, comment: 'The link expired.' });
    expect(changed.body.helpful).toEqual({ yes: 0, no: null });
    expect(changed.body.myVote).toEqual({ helpful: false, comment: 'The link expired.' });
    await vote(bob, { helpful: true });

    // Guests vote once per browser, told apart by a random cookie the browser must already hold:
    // without it, each request would be a new voter.
    const guest = h.guest();
    for (let i = 0; i < 3; i++) {
      const stuffed = await guest.post(`/plugins/faq/articles/${id}/votes`, { helpful: true });
      expect(stuffed.status).toBe(409);
      expect(stuffed.body.error.fields.voter).toBeTruthy();
    }
    expect((await mod.get(`/plugins/faq/articles/${slug}`)).body.article.helpful).toEqual({ yes: 1, no: 1 });
    // The article page asks for the guest's own vote, which gives the browser its id.
    const shown = await guest.get(`/plugins/faq/articles/${id}/my-vote`);
    expect(shown.body).toEqual({ myVote: null });
    const setCookie = shown.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^parvis_faq_voter=/);
    expect(setCookie).toContain('Path=/api/v1/plugins/faq');
    const cookie = setCookie.split(';')[0]!;
    const again = await guest.call(
      'POST',
      `/plugins/faq/articles/${id}/votes`,
      { helpful: true },
      { cookie },
    );
    expect(again.status).toBe(200);
    expect(again.body.helpful.yes).toBe(2);
    const mine = await guest.call('GET', `/plugins/faq/articles/${id}/my-vote`, undefined, { cookie });
    expect(mine.body.myVote).toEqual({ helpful: true, comment: null });
    // The article itself is the same for every guest (their pages are shared in the cache).
    const page = await guest.call('GET', `/plugins/faq/articles/${slug}`, undefined, { cookie });
    expect(page.body.article.myVote).toBeNull();
    // Another browser from the same address gets no second guest vote on this article.
    const other = h.guest();
    const otherCookie = (await other.get(`/plugins/faq/articles/${id}/my-vote`)).headers
      .get('set-cookie')!
      .split(';')[0]!;
    const second = await other.call(
      'POST',
      `/plugins/faq/articles/${id}/votes`,
      { helpful: false },
      { cookie: otherCookie },
    );
    expect(second.status).toBe(409);
    // Changing one's own guest vote is still allowed.
    const flipped = await guest.call(
      'POST',
      `/plugins/faq/articles/${id}/votes`,
      { helpful: false },
      { cookie },
    );
    expect(flipped.body.helpful.yes).toBe(1);
    await guest.call('POST', `/plugins/faq/articles/${id}/votes`, { helpful: true }, { cookie });

    const staffView = await mod.get(`/plugins/faq/articles/${slug}`);
    expect(staffView.body.article.helpful).toEqual({ yes: 2, no: 1 });
    expect((await alice.get(`/plugins/faq/articles/${slug}`)).body.article.helpful).toEqual({
      yes: 2,
      no: null,
    });
    // Only members' helpful votes rank the article in search.
    const documents = await articleDocumentsFor(h.runtime.services.db, [
      { type: 'faq.article_voted', payload: { articleId: id } } as never,
    ]);
    expect(documents.upsert[0]?.popularity).toBe(1);
    const details = await mod.get(`/plugins/faq/articles/${id}/votes`);
    expect(details.body.counts).toEqual({ yes: 2, no: 1 });
    expect(details.body.comments).toMatchObject([
      { helpful: false, comment: 'The link expired.', author: { username: 'alice' } },
    ]);
    expect((await alice.get(`/plugins/faq/articles/${id}/votes`)).status).toBe(403);

    expect((await vote(alice, { helpful: 'yes' })).status).toBe(400);
    expect(
      (await vote(alice, { helpful: true, comment: 'x'.repeat(1001) })).body.error.fields.comment,
    ).toBeTruthy();
    expect((await alice.post('/plugins/faq/articles/99999/votes', { helpful: true })).status).toBe(404);
    expect((await alice.post('/plugins/faq/articles/abc/votes', { helpful: true })).status).toBe(400);
  });

  it('limits how often a guest may vote', async () => {
    await h.resetRateLimits();
    const created = await mod.post('/plugins/faq/articles', {
      question: 'Rate limited guest voting',
      answer: 'Answer.',
      locale: 'en',
      status: 'published',
    });
    const guest = h.guest();
    let cookie = '';
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const res = await guest.call(
        'POST',
        `/plugins/faq/articles/${created.body.article.id}/votes`,
        { helpful: i % 2 === 0 },
        cookie ? { cookie } : {},
      );
      cookie ||= res.headers.get('set-cookie')?.split(';')[0] ?? '';
      last = res.status;
    }
    expect(last).toBe(429);
    await h.resetRateLimits();
  });
});

describe('promotion of a solved thread', () => {
  it('makes a pre-filled draft linked both ways', async () => {
    const topic = await alice.post('/topics', {
      categoryId: help,
      title: 'Sync with Outlook calendar fails',
      body: 'My **Outlook** calendar does not show the appointments.',
    });
    const topicId = topic.body.topic.id;
    const reply = await mod.post(`/topics/${topicId}/posts`, {
      body: 'Use the *iCal address* from Calendar → Share.',
    });
    const postId = reply.body.post.id;

    expect((await alice.post('/plugins/faq/promote', { topicId })).status).toBe(403);
    expect((await h.guest().post('/plugins/faq/promote', { topicId })).status).toBe(401);
    expect((await mod.post('/plugins/faq/promote', { topicId: 'x' })).status).toBe(400);
    expect(
      (await mod.post('/plugins/faq/promote', { topicId: 99_999 })).body.error.fields.topicId,
    ).toBeTruthy();
    // Without an accepted answer (no support plugin here), staff say which reply answers.
    const ask = await mod.post('/plugins/faq/promote', { topicId });
    expect(ask.status).toBe(400);
    expect(ask.body.error.fields.postId).toBeTruthy();
    expect(
      (await mod.post('/plugins/faq/promote', { topicId, postId: topic.body.topic.postId })).status,
    ).toBe(400);

    const promoted = await mod.post('/plugins/faq/promote', { topicId, postId });
    expect(promoted.status).toBe(201);
    const draft = promoted.body.article;
    expect(draft.status).toBe('draft');
    expect(draft.question).toBe('Sync with Outlook calendar fails');
    expect(draft.answer).toContain('> My **Outlook** calendar does not show the appointments.');
    expect(draft.answer).toContain('Use the *iCal address* from Calendar → Share.');
    expect(draft.category.id).toBe(help);
    expect(draft.source).toEqual({
      topicId,
      title: 'Sync with Outlook calendar fails',
      url: `/t/${topic.body.topic.slug}/${topicId}`,
    });
    const [event] = (await eventsOf('faq.article_promoted')).filter(
      (e) => (e.payload as { topicId: number }).topicId === topicId,
    );
    expect(event?.payload).toEqual({ articleId: draft.id, topicId, postId });

    // Promoting again gives the same article back.
    const again = await mod.post('/plugins/faq/promote', { topicId, postId });
    expect(again.status).toBe(200);
    expect(again.body.article.id).toBe(draft.id);

    // The topic shows its article: to staff at once, to others once published.
    const staffTopic = await mod.get(`/topics/${topicId}`);
    expect(staffTopic.body.topic.plugins.faq).toEqual({
      article: { slug: draft.slug, question: draft.question, status: 'draft' },
      canPromote: true,
    });
    expect((await alice.get(`/topics/${topicId}`)).body.topic.plugins.faq).toBeUndefined();
    await mod.patch(`/plugins/faq/articles/${draft.id}`, { status: 'published' });
    expect((await alice.get(`/topics/${topicId}`)).body.topic.plugins.faq).toEqual({
      article: { slug: draft.slug, question: draft.question, status: 'published' },
      canPromote: false,
    });
    expect((await h.guest().get(`/plugins/faq/articles/${draft.slug}`)).body.article.source.topicId).toBe(
      topicId,
    );
  });

  it('lists a solved thread made into an article once: as the article', async () => {
    await h.resetRateLimits();
    const { db } = h.runtime.services;
    const qa = await createCategory(db, { name: 'Questions', slug: 'questions-promoted' }, null);
    expect((await admin.put(`/plugins/support/categories/${qa.id}`, { qa: true })).status).toBe(200);
    const topic = await alice.post('/topics', {
      categoryId: qa.id,
      title: 'Pairing the zorbluxian scanner',
      body: 'The zorbluxian scanner is not detected.',
    });
    const topicId = topic.body.topic.id;
    const reply = await mod.post(`/topics/${topicId}/posts`, { body: 'Pair it from Settings → Devices.' });
    const accepted = await alice.put(`/plugins/support/topics/${topicId}/answer`, {
      postId: reply.body.post.id,
    });
    expect(accepted.status).toBe(200);
    await h.settle();
    const search = async () =>
      (await alice.get('/plugins/faq/search?q=zorbluxian')).body.hits.map(
        (hit: { kind: string; url: string }) => [hit.kind, hit.url],
      );
    expect(await search()).toEqual([['question', `/t/${topic.body.topic.slug}/${topicId}`]]);

    const promoted = await mod.post('/plugins/faq/promote', { topicId });
    expect(promoted.status).toBe(201);
    await mod.patch(`/plugins/faq/articles/${promoted.body.article.id}`, { status: 'published' });
    await h.settle();
    expect(await search()).toEqual([['faq', `/faq/${promoted.body.article.slug}`]]);
  });
});

describe('deflection while asking', () => {
  const composerSearch = (client: Client, q: string, session: string) =>
    client.get(`/plugins/faq/search?q=${encodeURIComponent(q)}&source=composer&session=${session}`);

  it('records suggestions shown, opened, deflected, posted anyway, and searches that found nothing', async () => {
    await h.resetRateLimits();
    const carol = await h.member('carol');
    const created = await mod.post('/plugins/faq/articles', {
      question: 'How do I invite my team members?',
      answer: 'Go to **Settings → Team → Invite**.',
      locale: 'en',
      status: 'published',
    });
    const articleId = created.body.article.id;
    await h.settle();

    // Visit 1: suggestions shown, one opened, left without posting → deflected.
    const shown = await composerSearch(carol, 'invite team members', 'visit-one-0001');
    expect(shown.body.hits[0].id).toBe(`faq:${articleId}`);
    const opened = { sessionId: 'visit-one-0001', kind: 'opened', opened: [`faq:${articleId}`] };
    expect((await carol.post('/plugins/faq/deflection', opened)).status).toBe(204);
    await carol.post('/plugins/faq/deflection', {
      sessionId: 'visit-one-0001',
      kind: 'ended',
      opened: [`faq:${articleId}`],
    });

    // Visit 2: suggestions shown, posted anyway.
    await composerSearch(carol, 'invite my team', 'visit-two-0002');
    const topic = await carol.post('/topics', {
      categoryId: help,
      title: 'Invite does not arrive',
      body: 'Nothing in my inbox.',
    });
    await carol.post('/plugins/faq/deflection', {
      sessionId: 'visit-two-0002',
      kind: 'ended',
      postedTopicId: topic.body.topic.id,
    });

    // Visit 3: nothing opened, left → abandoned. Its searches found nothing: one content gap.
    for (const q of ['quantum fl', 'quantum flux', 'quantum flux capacitor'])
      expect((await composerSearch(carol, q, 'visit-three-03')).body.hits).toEqual([]);
    await carol.post('/plugins/faq/deflection', { sessionId: 'visit-three-03', kind: 'ended' });

    // Visit 4: opened, then voted helpful from the article → deflected before the visit ended;
    // posting afterwards turns it into "posted anyway".
    await composerSearch(carol, 'invite team', 'visit-four-004');
    await carol.post('/plugins/faq/deflection', {
      sessionId: 'visit-four-004',
      kind: 'opened',
      opened: [`faq:${articleId}`],
    });
    await carol.post(`/plugins/faq/articles/${articleId}/votes`, {
      helpful: true,
      deflectionSessionId: 'visit-four-004',
    });

    // Someone else's reports on a visit are ignored; guests cannot report.
    expect(
      (
        await bob.post('/plugins/faq/deflection', {
          sessionId: 'visit-one-0001',
          kind: 'ended',
          postedTopicId: topic.body.topic.id,
        })
      ).status,
    ).toBe(404);
    expect((await h.guest().post('/plugins/faq/deflection', opened)).status).toBe(401);
    expect((await carol.post('/plugins/faq/deflection', { sessionId: 'x', kind: 'ended' })).status).toBe(400);
    // A topic that is not theirs does not count as posted.
    await carol.post('/plugins/faq/deflection', {
      sessionId: 'visit-five-005',
      kind: 'ended',
      postedTopicId: 1,
    });

    // The FAQ page's own searches record gaps too (no deflection).
    await h
      .guest()
      .get(`/plugins/faq/search?q=${encodeURIComponent('warp drive')}&source=faq&session=faq-page-0001`);
    await h.guest().get(`/plugins/faq/search?q=${encodeURIComponent('Warp drive!')}&source=faq`);
    // Another guest asking the same thing counts too: such searches are never answered from a cache.
    const again = await h
      .guest()
      .get(`/plugins/faq/search?q=${encodeURIComponent('Warp drive!')}&source=faq`);
    expect(again.status).toBe(200);

    expect((await alice.get('/plugins/faq/insights')).status).toBe(403);
    const report = await mod.get('/plugins/faq/insights?days=7');
    expect(report.status).toBe(200);
    expect(report.body.visits).toEqual({
      visits: 5,
      withSuggestions: 3,
      opened: 2,
      deflected: 2,
      postedAnyway: 1,
      posted: 1,
      abandoned: 2,
      inProgress: 0,
    });
    expect(report.body.deflectionRate).toBeCloseTo(2 / 3);
    expect(report.body.topOpened[0]).toMatchObject({
      id: `faq:${articleId}`,
      count: 2,
      kind: 'faq',
      url: `/faq/${created.body.article.slug}`,
    });
    expect(report.body.gaps).toEqual([
      expect.objectContaining({ query: 'Warp drive!', locale: 'en', count: 3 }),
      expect.objectContaining({ query: 'quantum flux capacitor', locale: 'en', count: 1 }),
    ]);

    // Visit 4 later posts: posted wins over deflected.
    await carol.post('/plugins/faq/deflection', {
      sessionId: 'visit-four-004',
      kind: 'ended',
      postedTopicId: topic.body.topic.id,
    });
    const after = await mod.get('/plugins/faq/insights');
    expect(after.body.visits).toMatchObject({ deflected: 1, postedAnyway: 2 });
  });
});

describe('faq search', () => {
  it('finds an article despite a typo and a missing accent, FAQ before solved questions', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.init();
    const base = { tags: [], categoryId: help, createdAt: new Date(), helpful: 0 };
    await engine.upsert([
      {
        id: 'post:1',
        type: 'topic',
        title: 'Télécharger les factures en PDF',
        body: 'Réponse acceptée : Facturation, Historique, Télécharger.',
        url: '/t/telecharger-les-factures/1',
        topicId: 1,
        categoryId: help,
        solved: true,
        createdAt: 1,
      },
      {
        id: 'post:2',
        type: 'topic',
        title: 'Télécharger les factures, toujours pas de solution',
        body: 'Personne ne sait ?',
        url: '/t/toujours-pas/2',
        topicId: 2,
        categoryId: help,
        solved: false,
        createdAt: 2,
      },
      articleDocument({
        ...base,
        id: 7,
        slug: 'telecharger-factures',
        question: 'Comment télécharger mes factures ?',
        answer: 'Dans **Facturation → Historique**.',
        locale: 'fr',
      }),
      articleDocument({
        ...base,
        id: 8,
        slug: 'download-invoices',
        question: 'How do I download invoices?',
        answer: 'In Billing.',
        locale: 'en',
      }),
    ]);
    // "telechager": one letter missing and no accents.
    const hits = await searchFaq(engine, { q: 'telechager factures', locale: 'fr' });
    expect(hits.map((hit) => [hit.kind, hit.id])).toEqual([
      ['faq', 'faq:7'],
      ['question', 'post:1'],
    ]);
    expect(hits[0]!.highlight.title).toContain('<mark>');
    expect(hits[0]!.url).toBe('/faq/telecharger-factures');
    expect(await searchFaq(engine, { q: '   ' })).toEqual([]);
    expect(await searchFaq(engine, { q: 'factures', questionCategoryIds: [] })).toSatisfy(
      (list: { kind: string }[]) => list.every((hit) => hit.kind === 'faq'),
    );
    await engine.close();
  });

  it('searches through the API on the running engine, as people type', async () => {
    await h.resetRateLimits();
    await mod.post('/plugins/faq/articles', {
      question: 'Où trouver le numéro de TVA sur une facture ?',
      answer: 'En bas à droite de chaque facture.',
      locale: 'fr',
      categoryId: aide,
      status: 'published',
    });
    await h.settle();
    const res = await h.guest().get(`/plugins/faq/search?q=${encodeURIComponent('numero de tva')}&locale=fr`);
    expect(res.status).toBe(200);
    expect(res.body.hits[0]).toMatchObject({ kind: 'faq', category: { slug: 'entraide' } });
    expect(res.body.hits[0].highlight.title).toMatch(/<mark>num[ée]ro<\/mark>/i);
    expect((await h.guest().get('/plugins/faq/search?q=')).body.hits).toEqual([]);
    expect((await h.guest().get(`/plugins/faq/search?q=${'a'.repeat(501)}`)).status).toBe(400);
    expect((await h.guest().get('/plugins/faq/search?q=tva&session=%3Cscript%3E')).status).toBe(400);
    expect((await h.guest().get('/plugins/faq/search?q=tva&category=nope')).body.hits).toEqual([]);
  });

  it('imports in bulk, idempotently on externalId, with revisions and events', async () => {
    const { db } = h.runtime.services;
    const items = Array.from({ length: 5000 }, (_, i) => ({
      question: `Imported question number ${i}`,
      answer: `Imported *answer* ${i}`,
      locale: (i % 2 ? 'fr' : 'en') as 'fr' | 'en',
      category: i % 3 === 0 ? 'help' : undefined,
      tags: ['imported'],
      externalId: `bulk:${i}`,
    }));
    const started = Date.now();
    const first = await importFaqArticles(db, items, { authorId: admin.id });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(first.created).toBe(5000);
    expect(first.ids).toHaveLength(5000);
    const again = await importFaqArticles(db, items, { authorId: admin.id });
    expect(again).toEqual({ created: 0, updated: 0, ids: first.ids });
    items[3] = { ...items[3]!, answer: 'Changed', category: undefined };
    const third = await importFaqArticles(
      db,
      [...items, { question: 'Brand new imported', answer: 'A', locale: 'en', externalId: 'bulk:new' }],
      { authorId: admin.id },
    );
    expect(third).toMatchObject({ created: 1, updated: 1 });
    const revisions = await db
      .select()
      .from(faqArticleRevisions)
      .where(eq(faqArticleRevisions.articleId, first.ids[3]!));
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
    const imported = await db
      .select()
      .from(events)
      .where(inArray(events.type, ['faq.article_created', 'faq.article_updated']));
    expect(imported.length).toBeGreaterThanOrEqual(5002);
    await expect(
      importFaqArticles(db, [{ question: '', answer: 'x', locale: 'en' }], { authorId: admin.id }),
    ).rejects.toThrow(/item 0/);
    await expect(
      importFaqArticles(db, [{ question: 'Valid question', answer: 'x', locale: 'en', category: 'nope' }], {
        authorId: admin.id,
      }),
    ).rejects.toThrow(/nope/);
    await h.settle();
    const found = await h
      .guest()
      .get(`/plugins/faq/search?q=${encodeURIComponent('imported question number 4321')}&limit=3`);
    expect(found.body.hits.map((x: { title: string }) => x.title)).toContain('Imported question number 4321');
  }, 60_000);
});

describe('faq pages', () => {
  it('server-renders an article with FAQPage structured data and its canonical address', async () => {
    const created = await mod.post('/plugins/faq/articles', {
      question: 'Is there a keyboard shortcut to search?',
      answer: 'Press `/` anywhere. </script><script>alert(1)</script>',
      locale: 'en',
      status: 'published',
    });
    const res = await h.runtime.app.request(`http://localhost/faq/${created.body.article.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const json = /<script type="application\/ld\+json" nonce="[^"]+">(.*?)<\/script>/.exec(html)?.[1];
    expect(json).toBeTruthy();
    const data = JSON.parse(json!);
    expect(data['@type']).toBe('FAQPage');
    expect(data.mainEntity[0]).toMatchObject({
      '@type': 'Question',
      name: 'Is there a keyboard shortcut to search?',
      acceptedAnswer: { '@type': 'Answer' },
    });
    expect(data.mainEntity[0].acceptedAnswer.text).toContain('<code>/</code>');
    expect(html).toContain(`<link rel="canonical" href="/faq/${created.body.article.slug}">`);
    const draft = await mod.post('/plugins/faq/articles', {
      question: 'Draft page',
      answer: 'x',
      locale: 'en',
    });
    expect((await h.runtime.app.request(`http://localhost/faq/${draft.body.article.slug}`)).status).toBe(404);
  });
});

describe('faq article addresses after a slug change', () => {
  const page = (path: string, headers: Record<string, string> = {}) =>
    h.runtime.app.request(`http://localhost${path}`, { headers });
  const publish = async (question: string, extra: Record<string, unknown> = {}) => {
    const res = await mod.post('/plugins/faq/articles', {
      question,
      answer: 'An answer that stays the same.',
      locale: 'en',
      status: 'published',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.article as { id: number; slug: string };
  };
  const rename = async (id: number, slug: string) => {
    const res = await mod.patch(`/plugins/faq/articles/${id}`, { slug });
    expect(res.status).toBe(200);
    expect(res.body.article.slug).toBe(slug);
    // Guests' cached pages are dropped once the dispatcher hears of the change.
    await h.settle();
  };

  it('sends the old address to the new one for good: 301 for the page, a hint from the API', async () => {
    await h.resetRateLimits();
    const { id, slug } = await publish('How do I reset my two-factor device?');
    expect(slug).toBe('how-do-i-reset-my-two-factor-device');
    // A guest saw the old page: it is cached, and must not outlive the rename.
    expect((await page(`/faq/${slug}`)).status).toBe(200);
    await rename(id, 'reset-two-factor');

    const res = await page(`/faq/${slug}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/faq/reset-two-factor');
    // The query goes along, and members get the same answer.
    const withQuery = await page(`/faq/${slug}?from=mail`, { cookie: alice.cookie! });
    expect(withQuery.status).toBe(301);
    expect(withQuery.headers.get('location')).toBe('/faq/reset-two-factor?from=mail');

    const api = await h.guest().get(`/plugins/faq/articles/${slug}`);
    expect(api.status).toBe(200);
    expect(api.body.redirectedFrom).toBe(slug);
    expect(api.body.article).toMatchObject({ id, slug: 'reset-two-factor' });
    const current = await h.guest().get('/plugins/faq/articles/reset-two-factor');
    expect(current.body.redirectedFrom).toBeUndefined();

    // The new page names itself as canonical.
    const html = await (await page('/faq/reset-two-factor')).text();
    expect(html).toContain('<link rel="canonical" href="/faq/reset-two-factor">');

    // The change is in the article's history and its event.
    const revisions = await mod.get(`/plugins/faq/articles/${id}/revisions`);
    expect(revisions.body.revisions.map((r: { slug: string }) => r.slug)).toEqual(['reset-two-factor', slug]);
    const updated = (await eventsOf('faq.article_updated')).find(
      (e) => (e.payload as { articleId: number }).articleId === id,
    );
    expect(updated?.payload).toMatchObject({
      changes: ['slug'],
      slug: { from: slug, to: 'reset-two-factor' },
    });
  });

  it('resolves a chain of renames in one hop, and a slug taken back is live again', async () => {
    const { id } = await publish('Chain question', { slug: 'chain-a' });
    await rename(id, 'chain-b');
    await rename(id, 'chain-c');
    for (const old of ['chain-a', 'chain-b']) {
      const res = await page(`/faq/${old}`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/faq/chain-c');
      expect((await h.guest().get(`/plugins/faq/articles/${old}`)).body.article.slug).toBe('chain-c');
    }
    await rename(id, 'chain-a');
    expect((await page('/faq/chain-a')).status).toBe(200);
    expect((await h.guest().get('/plugins/faq/articles/chain-a')).body.redirectedFrom).toBeUndefined();
    for (const old of ['chain-b', 'chain-c'])
      expect((await page(`/faq/${old}`)).headers.get('location')).toBe('/faq/chain-a');
    const rows = await h.runtime.services.db
      .select({ slug: faqArticleSlugs.slug })
      .from(faqArticleSlugs)
      .where(eq(faqArticleSlugs.articleId, id));
    expect(rows.map((r) => r.slug).sort()).toEqual(['chain-b', 'chain-c']);
  });

  it('lets another article take a freed slug: the live article wins over the old redirect', async () => {
    await h.resetRateLimits();
    const first = await publish('Where is my order history?');
    await rename(first.id, 'order-history');
    // Slugs made from a question keep clear of old addresses…
    const twin = await publish('Where is my order history?');
    expect(twin.slug).toBe('where-is-my-order-history-2');
    expect((await page(`/faq/${first.slug}`)).headers.get('location')).toBe('/faq/order-history');
    // …but staff may give one to another article on purpose.
    const other = await publish('Order history for teams', { slug: first.slug });
    expect(other.slug).toBe(first.slug);
    await h.settle();
    expect((await page(`/faq/${first.slug}`)).status).toBe(200);
    const api = await h.guest().get(`/plugins/faq/articles/${first.slug}`);
    expect(api.body.article.id).toBe(other.id);
    expect(api.body.redirectedFrom).toBeUndefined();
    // Gone again, the slug does not fall back to the first article's old redirect.
    expect((await mod.delete(`/plugins/faq/articles/${other.id}`)).status).toBe(204);
    await h.settle();
    expect((await page(`/faq/${first.slug}`)).status).toBe(404);
    expect((await h.guest().get(`/plugins/faq/articles/${first.slug}`)).status).toBe(404);
    expect((await h.guest().get('/plugins/faq/articles/order-history')).status).toBe(200);

    // Renaming an article to a slug another one used to have moves that old slug along too.
    const third = await publish('Third article on orders', { slug: 'orders-three' });
    await rename(third.id, 'orders-three-new');
    await rename(first.id, 'orders-three');
    expect((await h.guest().get('/plugins/faq/articles/orders-three')).body.article.id).toBe(first.id);
    await rename(first.id, 'order-history');
    // Its last holder was the first article.
    expect((await page('/faq/orders-three')).headers.get('location')).toBe('/faq/order-history');
    // And a taken slug is still refused.
    const taken = await mod.patch(`/plugins/faq/articles/${third.id}`, { slug: 'order-history' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields.slug).toBeTruthy();
  });

  it('gives the normal 404 for old slugs of unpublished and deleted articles', async () => {
    await h.resetRateLimits();
    const { id, slug } = await publish('Can I pause my subscription?');
    await rename(id, 'pause-subscription');
    expect((await mod.patch(`/plugins/faq/articles/${id}`, { status: 'draft' })).status).toBe(200);
    await h.settle();
    for (const path of [slug, 'pause-subscription']) {
      expect((await page(`/faq/${path}`)).status).toBe(404);
      expect((await h.guest().get(`/plugins/faq/articles/${path}`)).status).toBe(404);
      expect((await alice.get(`/plugins/faq/articles/${path}`)).status).toBe(404);
    }
    // Staff still follow it to the draft.
    const staff = await mod.get(`/plugins/faq/articles/${slug}`);
    expect(staff.body).toMatchObject({ article: { id, status: 'draft' }, redirectedFrom: slug });

    expect((await mod.delete(`/plugins/faq/articles/${id}`)).status).toBe(204);
    await h.settle();
    expect((await mod.get(`/plugins/faq/articles/${slug}`)).status).toBe(404);
    expect((await page(`/faq/${slug}`)).status).toBe(404);
    const left = await h.runtime.services.db
      .select()
      .from(faqArticleSlugs)
      .where(eq(faqArticleSlugs.articleId, id));
    expect(left).toEqual([]);
  });
});

describe('faq in categories staff cannot read', () => {
  it('keeps moderators from changing, deleting, moving or peeking at admin-only articles', async () => {
    await h.resetRateLimits();
    const { db } = h.runtime.services;
    const vault = await createCategory(db, { name: 'Vault', slug: 'vault', readAudience: 'admin' }, null);
    const secret = await admin.post('/plugins/faq/articles', {
      question: 'Where is the xylocrypt master key kept?',
      answer: 'In the xylocrypt safe.',
      locale: 'en',
      categoryId: vault.id,
      status: 'published',
    });
    expect(secret.status).toBe(201);
    const { id, slug } = secret.body.article;
    const open = await mod.post('/plugins/faq/articles', {
      question: 'Where are the public docs?',
      answer: 'On the website.',
      locale: 'en',
      categoryId: help,
      status: 'published',
    });

    expect((await mod.patch(`/plugins/faq/articles/${id}`, { answer: 'Leaked.' })).status).toBe(404);
    expect((await mod.patch(`/plugins/faq/articles/${id}`, { categoryId: help })).status).toBe(404);
    expect((await mod.delete(`/plugins/faq/articles/${id}`)).status).toBe(404);
    expect((await mod.get(`/plugins/faq/articles/${id}/revisions`)).status).toBe(404);
    expect((await mod.get(`/plugins/faq/articles/${id}/votes`)).status).toBe(404);
    const moved = await mod.patch(`/plugins/faq/articles/${open.body.article.id}`, { categoryId: vault.id });
    expect(moved.status).toBe(400);
    expect(moved.body.error.fields.categoryId).toBeTruthy();
    // Nothing was written.
    const [row] = await db.select().from(faqArticles).where(eq(faqArticles.id, id));
    expect(row).toMatchObject({ answer: 'In the xylocrypt safe.', categoryId: vault.id, revision: 1 });
    expect((await admin.get(`/plugins/faq/articles/${slug}`)).status).toBe(200);
    expect((await admin.get(`/plugins/faq/articles/${id}/revisions`)).body.revisions).toHaveLength(1);

    // A thread's article moved out of sight is not announced on the thread.
    const topic = await alice.post('/topics', { categoryId: help, title: 'Lost my key', body: 'Where?' });
    const topicId = topic.body.topic.id;
    const reply = await mod.post(`/topics/${topicId}/posts`, { body: 'Ask an admin.' });
    const promoted = await admin.post('/plugins/faq/promote', { topicId, postId: reply.body.post.id });
    expect(promoted.status).toBe(201);
    await admin.patch(`/plugins/faq/articles/${promoted.body.article.id}`, {
      status: 'published',
      categoryId: vault.id,
    });
    expect((await alice.get(`/topics/${topicId}`)).body.topic.plugins.faq).toBeUndefined();
    expect((await mod.get(`/topics/${topicId}`)).body.topic.plugins.faq).toEqual({
      article: null,
      canPromote: true,
    });
    expect((await admin.get(`/topics/${topicId}`)).body.topic.plugins.faq.article).toBeTruthy();

    // Insights name only documents the viewer may read; opened ids count only when shown.
    await h.settle();
    const shown = await admin.get('/plugins/faq/search?q=xylocrypt&source=composer&session=vault-visit-01');
    expect(shown.body.hits.map((x: { id: string }) => x.id)).toContain(`faq:${id}`);
    await admin.post('/plugins/faq/deflection', {
      sessionId: 'vault-visit-01',
      kind: 'opened',
      opened: [`faq:${id}`, `faq:${open.body.article.id}`],
    });
    const [visit] = await db
      .select()
      .from(faqDeflectionSessions)
      .where(eq(faqDeflectionSessions.id, 'vault-visit-01'));
    expect(visit?.openedIds).toEqual([`faq:${id}`]);
    const ids = async (client: Client) =>
      (await client.get('/plugins/faq/insights')).body.topOpened.map((d: { id: string }) => d.id);
    expect(await ids(admin)).toContain(`faq:${id}`);
    expect(await ids(mod)).not.toContain(`faq:${id}`);
  });

  it('limits searches per address', async () => {
    await h.resetRateLimits();
    expect((await h.guest().get('/plugins/faq/search?q=limit')).status).toBe(200);
    await h.runtime.services.db
      .update(rateLimits)
      .set({ hits: faqLimits.searchPerIp.max })
      .where(like(rateLimits.key, 'faq:search:ip:%'));
    // Another query: the same one would come from the guest cache without reaching the route.
    expect((await h.guest().get('/plugins/faq/search?q=limits')).status).toBe(429);
    await h.resetRateLimits();
  });

  it('gives concurrent creations of the same question their own generated slugs', async () => {
    await h.resetRateLimits();
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        admin.post('/plugins/faq/articles', {
          question: 'Can two people ask this at once?',
          answer: 'Yes.',
          locale: 'en',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.article.slug)).size).toBe(4);
  });
});

describe('faq disabled', () => {
  it('has no routes and no pages when the plugin is off', async () => {
    const off = await startHarness({ PARVIS_PLUGINS: 'welcome' });
    try {
      const guest = off.guest();
      expect((await guest.get('/plugins/faq/articles')).status).toBe(404);
      expect((await guest.get('/plugins/faq/search?q=x')).status).toBe(404);
      expect((await guest.get('/session')).body.enabledPlugins).not.toContain('faq');
    } finally {
      await off.close();
    }
  });
});
