import type { ArticleView } from '@parvis/plugin-faq/web/client';
import { describe, expect, it } from 'vitest';
import type { Session } from './api';
import { renderPage } from './entry-server';

const article: ArticleView = {
  id: 3,
  slug: 'comment-exporter-mes-factures',
  question: 'Comment exporter mes factures ?',
  locale: 'fr',
  status: 'published',
  tags: ['factures', 'export'],
  category: { id: 1, slug: 'entraide', name: 'Entraide' },
  updatedAt: '2025-03-04T10:00:00.000Z',
  answerHtml:
    '<p>Dans <strong>Facturation → Historique</strong>, choisissez <em>PDF</em>.</p>\n<p>&lt;/script&gt;</p>',
  answer: null,
  revision: 2,
  createdAt: '2025-03-01T10:00:00.000Z',
  publishedAt: '2025-03-01T10:00:00.000Z',
  author: { username: 'lea', displayName: 'Léa' },
  source: { topicId: 12, title: 'Export PDF ?', url: '/t/export-pdf/12' },
  helpful: { yes: 4, no: null },
  myVote: null,
  related: [],
  canEdit: false,
};

function fakeApi(session: Session, routes: Record<string, unknown>) {
  return async (path: string) => {
    const key = new URL(path, 'http://parvis.test').pathname;
    if (key === '/session') return Response.json(session);
    if (key in routes) return Response.json(routes[key]);
    return Response.json(
      { error: { code: 'not_found', message: 'Introuvable.' }, requestId: 'test' },
      { status: 404 },
    );
  };
}

const guest = (enabledPlugins: string[]): Session => ({
  user: null,
  account: null,
  locale: 'fr',
  unreadNotifications: 0,
  enabledPlugins,
});

describe('FAQ pages', () => {
  it('server-render an article with FAQPage structured data, canonical address and real title', async () => {
    const fetchApi = fakeApi(guest(['faq']), { [`/plugins/faq/articles/${article.slug}`]: { article } });
    const result = await renderPage({ url: `/faq/${article.slug}`, fetchApi, nonce: 'n0nce' });
    expect(result.status).toBe(200);
    const { html } = result;
    expect(html).toContain('<title>Comment exporter mes factures ? · Parvis</title>');
    expect(html).toContain(`<link rel="canonical" href="/faq/${article.slug}">`);
    expect(html).toContain(
      '<meta name="description" content="Dans Facturation → Historique, choisissez PDF.',
    );
    expect(html).not.toContain('noindex');
    const ld = /<script type="application\/ld\+json" nonce="n0nce">(.*?)<\/script>/.exec(html)?.[1];
    expect(ld).toBeTruthy();
    expect(ld).not.toContain('<');
    const data = JSON.parse(ld!);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: [{ '@type': 'Question', name: article.question, acceptedAnswer: { '@type': 'Answer' } }],
    });
    expect(data.mainEntity[0].acceptedAnswer.text).toBe(article.answerHtml);
    expect(html).toContain('<strong>Facturation → Historique</strong>');
    expect(html).toMatch(/Cette réponse vous a-t-elle aidé/);
    expect(html).toMatch(/Issu de la discussion « Export PDF \? »/);
    expect(html).toContain('href="/faq?category=entraide"');
    // The header links to the FAQ.
    expect(html).toContain('<a href="/faq">FAQ</a>');
  });

  it('render the FAQ index with server-side results when JavaScript is off', async () => {
    const fetchApi = fakeApi(guest(['faq']), {
      '/plugins/faq/articles': {
        articles: [{ ...article, category: article.category }],
        more: false,
        categories: [article.category],
        canWrite: false,
      },
      '/plugins/faq/search': {
        q: 'factures',
        hits: [
          {
            kind: 'faq',
            id: 'faq:3',
            title: article.question,
            url: `/faq/${article.slug}`,
            highlight: { title: 'Comment exporter mes <mark>factures</mark> ?', snippet: '' },
            category: article.category,
          },
        ],
      },
    });
    const result = await renderPage({ url: '/faq?q=factures', fetchApi, nonce: 'x' });
    expect(result.status).toBe(200);
    expect(result.html).toContain('Comment exporter mes <mark>factures</mark> ?');
    expect(result.html).toMatch(/1 résultat/);
    expect(result.html).toContain('<meta name="robots" content="noindex">');
    expect(result.html).toMatch(/<h2 id="faq-group-1">Entraide<\/h2>/);
  });

  it('do not exist while the plugin is disabled', async () => {
    const fetchApi = fakeApi(guest([]), { [`/plugins/faq/articles/${article.slug}`]: { article } });
    for (const url of ['/faq', `/faq/${article.slug}`, '/faq/new']) {
      const result = await renderPage({ url, fetchApi, nonce: 'x' });
      expect(result.status, url).toBe(404);
    }
    const home = await renderPage({
      url: '/',
      fetchApi: fakeApi(guest([]), {
        '/topics': { topics: [], nextCursor: null },
        '/categories': { categories: [] },
      }),
      nonce: 'x',
    });
    expect(home.html).not.toContain('href="/faq"');
  });

  it('move old addresses of a renamed article for good, to the same page under its current slug', async () => {
    const moved = { article, redirectedFrom: 'export-factures-pdf' };
    const guestApi = fakeApi(guest(['faq']), { '/plugins/faq/articles/export-factures-pdf': moved });
    const page = await renderPage({
      url: '/faq/export-factures-pdf?ref=mail',
      fetchApi: guestApi,
      nonce: 'x',
    });
    expect(page.status).toBe(301);
    expect(page.headers?.Location).toBe(`/faq/${article.slug}?ref=mail`);

    const staff: Session = {
      user: { id: 1, username: 'lea', displayName: 'Léa', role: 'moderator', locale: 'fr' },
      account: { email: 'lea@example.com', emailVerified: true },
      locale: 'fr',
      unreadNotifications: 0,
      enabledPlugins: ['faq'],
    };
    const staffApi = fakeApi(staff, {
      '/plugins/faq/articles/export-factures-pdf': { ...moved, article: { ...article, canEdit: true } },
      '/categories': { categories: [] },
    });
    for (const suffix of ['/edit', '/history']) {
      const result = await renderPage({
        url: `/faq/export-factures-pdf${suffix}`,
        fetchApi: staffApi,
        nonce: 'x',
      });
      expect(result.status, suffix).toBe(301);
      expect(result.headers?.Location).toBe(`/faq/${article.slug}${suffix}`);
    }
  });

  it('send guests to sign in for staff pages', async () => {
    const result = await renderPage({ url: '/faq/new', fetchApi: fakeApi(guest(['faq']), {}), nonce: 'x' });
    expect(result.status).toBe(302);
    expect(result.headers?.Location).toBe('/sign-in?next=%2Ffaq%2Fnew');
  });
});
