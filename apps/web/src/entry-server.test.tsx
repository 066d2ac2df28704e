import { describe, expect, it } from 'vitest';
import type { Post, Session, TopicPage } from './api';
import { overlayFor, personalizePage, renderPage, renderSharedPage, type SharedPage } from './entry-server';
import { withChanges } from './overlay';

const author = { id: 2, username: 'alice', displayName: 'Alice Martin' };

function post(number: number, html: string, extra: Partial<Post> = {}): Post {
  return {
    id: 100 + number,
    number,
    author,
    html,
    createdAt: '2025-03-04T10:00:00.000Z',
    editedAt: null,
    revision: 1,
    likeCount: 3,
    likedByMe: false,
    canEdit: false,
    canDelete: false,
    canLike: true,
    canViewRevisions: false,
    deleted: false,
    ...extra,
  };
}

const topicPage: TopicPage = {
  topic: {
    id: 12,
    slug: 'imprimante-hors-ligne',
    title: 'Mon imprimante reste « hors ligne »',
    category: { id: 1, slug: 'aide', name: 'Aide' },
    author,
    createdAt: '2025-03-04T10:00:00.000Z',
    locked: false,
    deleted: false,
    replyCount: 1,
    likeCount: 3,
    canReply: true,
    mustConfirmEmail: false,
    plugins: {},
  },
  posts: [
    post(1, '<p>Depuis la mise à jour, l’imprimante ne répond plus.</p>'),
    post(2, '<p>Redémarrez le spouleur</p><p>&lt;/script&gt;</p>', {
      editedAt: '2025-03-05T08:00:00.000Z',
      revision: 2,
    }),
  ],
  page: 1,
  pageCount: 1,
  pageSize: 20,
};

function fakeApi(session: Session, routes: Record<string, unknown>) {
  const calls: string[] = [];
  const fetchApi = async (path: string) => {
    calls.push(path);
    // The host calls the API in-process with paths relative to /api/v1.
    const key = new URL(path, 'http://parvis.test').pathname;
    if (key === '/session') return Response.json(session);
    if (key in routes) return Response.json(routes[key]);
    return Response.json(
      { error: { code: 'not_found', message: 'Introuvable.' }, requestId: 'test' },
      { status: 404 },
    );
  };
  return { fetchApi, calls };
}

const frenchMember: Session = {
  user: { id: 5, username: 'bob', displayName: 'Bob', role: 'member', locale: 'fr' },
  account: { email: 'bob@example.com', emailVerified: true },
  locale: 'fr',
  unreadNotifications: 2,
  enabledPlugins: ['welcome'],
};

/** What the home page reads: no topics yet, and the welcome plugin's tip. */
const homeRoutes = {
  '/topics': { topics: [], nextCursor: null },
  '/categories': { categories: [] },
  '/plugins/welcome/tip': { tip: 'Astuce : cherchez avant de demander.' },
};

const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? '');

describe('renderPage', () => {
  it('renders a topic page in French with its posts, head and nonce-carrying scripts', async () => {
    const { fetchApi } = fakeApi(frenchMember, { '/topics/12': topicPage });
    const result = await renderPage({ url: '/t/imprimante-hors-ligne/12', fetchApi, nonce: 'n0nce' });
    expect(result.status).toBe(200);
    const { html } = result;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Mon imprimante reste « hors ligne » · Parvis</title>');
    expect(html).toContain('<link rel="canonical" href="/t/imprimante-hors-ligne/12">');
    expect(html).toContain(
      '<meta name="description" content="Depuis la mise à jour, l’imprimante ne répond plus.">',
    );
    expect(html).toContain('Depuis la mise à jour, l’imprimante ne répond plus.');
    expect(html).toContain('Redémarrez le spouleur');
    expect(html).toMatch(/data-post-number="2"/);
    expect(html).toMatch(/Publier la réponse/);
    const scripts = inlineScripts(html);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const attributes of scripts) expect(attributes).toContain('nonce="n0nce"');
    // The data payload cannot close its own script element.
    const payload = html.slice(html.indexOf('id="parvis-data"'));
    expect(payload.slice(0, payload.indexOf('</script>'))).not.toContain('<');
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('answers 404 with a page for an unknown address', async () => {
    const { fetchApi } = fakeApi({ ...frenchMember, user: null, locale: 'en' }, {});
    const result = await renderPage({ url: '/nowhere/at/all', fetchApi, nonce: 'abc' });
    expect(result.status).toBe(404);
    expect(result.html).toContain('<html lang="en">');
    expect(result.html).toMatch(/<h1[^>]*>Page not found<\/h1>/);
  });

  it('redirects an outdated slug to the topic’s address', async () => {
    const { fetchApi } = fakeApi(frenchMember, { '/topics/12': topicPage });
    const result = await renderPage({ url: '/t/old-title/12', fetchApi, nonce: 'abc' });
    expect(result.status).toBe(301);
    expect(result.headers?.Location).toBe('/t/imprimante-hors-ligne/12');
  });

  it('shows the welcome card only when its plugin is enabled', async () => {
    const routes = homeRoutes;
    const on = await renderPage({ url: '/', fetchApi: fakeApi(frenchMember, routes).fetchApi, nonce: 'x' });
    expect(on.html).toContain('data-plugin="welcome"');
    expect(on.html).toContain('Nouveau ici ?');
    expect(on.html).toContain('Astuce : cherchez avant de demander.');
    const off = await renderPage({
      url: '/',
      fetchApi: fakeApi({ ...frenchMember, enabledPlugins: [] }, routes).fetchApi,
      nonce: 'x',
    });
    expect(off.status).toBe(200);
    expect(off.html).not.toContain('data-plugin="welcome"');
  });

  it('asks a member who has not confirmed their address to do so, in their language', async () => {
    const unconfirmed = { ...frenchMember, account: { email: 'bob@example.com', emailVerified: false } };
    const asked = await renderPage({
      url: '/topics-that-do-not-exist',
      fetchApi: fakeApi(unconfirmed, {}).fetchApi,
      nonce: 'x',
    });
    expect(asked.html).toContain('Confirmez votre adresse e-mail.');
    expect(asked.html).toContain('Nous avons envoyé un lien à bob@example.com.');
    expect(asked.html).toContain('Renvoyer le lien');
    const confirmed = await renderPage({
      url: '/topics-that-do-not-exist',
      fetchApi: fakeApi(frenchMember, {}).fetchApi,
      nonce: 'x',
    });
    expect(confirmed.html).not.toContain('Renvoyer le lien');
  });

  it('sends guests to sign in for their notifications', async () => {
    const { fetchApi } = fakeApi(
      { user: null, account: null, locale: 'en', unreadNotifications: 0, enabledPlugins: [] },
      {},
    );
    const result = await renderPage({ url: '/notifications', fetchApi, nonce: 'x' });
    expect(result.status).toBe(302);
    expect(result.headers?.Location).toBe('/sign-in?next=%2Fnotifications');
  });
});

describe('pages shared by the members of a role', () => {
  /** Whom the host renders a shared page as: a member of the role, with no name and no posts. */
  const standIn: Session = {
    user: { id: 0, username: '', displayName: '', role: 'member', locale: 'fr' },
    account: { email: '', emailVerified: true },
    locale: 'fr',
    unreadNotifications: 1,
    enabledPlugins: ['welcome', 'support'],
  };
  const bob: Session = { ...frenchMember, enabledPlugins: standIn.enabledPlugins };
  const url = '/t/imprimante-hors-ligne/12';
  const html = (page: { body: Uint8Array }) => new TextDecoder().decode(page.body);

  async function shared(session: Session): Promise<SharedPage> {
    const rendered = await renderSharedPage({
      url,
      fetchApi: fakeApi(session, { '/topics/12': topicPage }).fetchApi,
      nonce: 'n0nce',
    });
    if (!('beforeHeader' in rendered)) throw new Error('expected a page');
    return rendered;
  }

  it('completes to exactly the page rendered for the viewer, so it hydrates the same', async () => {
    const own = await renderPage({
      url,
      fetchApi: fakeApi(bob, { '/topics/12': topicPage }).fetchApi,
      nonce: 'n0nce',
    });
    const completed = html(personalizePage(await shared(standIn), { session: bob, nonce: 'n0nce' }));
    expect(completed).toBe(own.html);
    expect(completed).toContain('>Bob</a>');
  });

  it('completes a topic list the same way', async () => {
    const routes = homeRoutes;
    const own = await renderPage({ url: '/', fetchApi: fakeApi(bob, routes).fetchApi, nonce: 'n' });
    const list = await renderSharedPage({
      url: '/',
      fetchApi: fakeApi(standIn, routes).fetchApi,
      nonce: 'n',
    });
    if (!('beforeHeader' in list)) throw new Error('expected a page');
    expect(html(personalizePage(list, { session: bob, nonce: 'n' }))).toBe(own.html);
  });

  it('shows each viewer their own header and session, never the stand-in’s', async () => {
    const page = await shared(standIn);
    const alice: Session = {
      ...bob,
      user: { id: 9, username: 'alice9', displayName: 'Alice Neuf', role: 'member', locale: 'fr' },
      account: { email: 'alice@example.com', emailVerified: true },
      unreadNotifications: 7,
    };
    const forAlice = { html: html(personalizePage(page, { session: alice, nonce: 'x' })) };
    expect(forAlice.html).toContain('>Alice Neuf</a>');
    expect(forAlice.html).toContain('href="/u/alice9"');
    expect(forAlice.html).toMatch(/data-testid="unread-count"><!--\$-->7</);
    const payload = JSON.parse(/id="parvis-data"[^>]*>([^<]*)</.exec(forAlice.html)![1]!);
    expect(payload.session).toEqual(alice);
    expect(payload.page.data.posts).toHaveLength(2);
    // The shared part is the same for everyone; only the header differs.
    const forBob = { html: html(personalizePage(page, { session: bob, nonce: 'x' })) };
    expect(forBob.html).not.toContain('Alice Neuf');
    const sharedPart = (html: string) => html.slice(html.search(/<main/)).replace(/"session":.*?,"page"/, '');
    expect(sharedPart(forBob.html)).toBe(sharedPart(forAlice.html));
  });

  it('escapes a viewer’s own name and address in the header shared by their kind of member', async () => {
    const page = await shared(standIn);
    const zoe: Session = {
      ...bob,
      user: {
        id: 11,
        username: 'zoe.b',
        displayName: '<img src=x onerror=alert(1)> Zoé & "co"',
        role: 'member',
        locale: 'fr',
      },
      account: { email: 'zoe+<b>@example.com', emailVerified: false },
    };
    const forZoe = html(personalizePage(page, { session: zoe, nonce: 'z' }));
    const header = forZoe.slice(forZoe.search(/<header/), forZoe.search(/<main/));
    expect(header).toContain('&lt;img src=x onerror=alert(1)&gt; Zoé &amp; &quot;co&quot;');
    expect(header).not.toContain('<img');
    expect(header).toContain('href="/u/zoe.b"');
    expect(header).toContain('zoe+&lt;b&gt;@example.com');
    // A username outside the sign-up pattern gets a header rendered for its viewer alone.
    const own = html(
      personalizePage(page, { session: { ...zoe, user: { ...zoe.user!, username: 'zoé' } }, nonce: 'z' }),
    );
    expect(own).toContain('href="/u/zo%C3%A9"');
  });

  it('carries where the viewer’s own page differs, and nothing for an uninvolved viewer', async () => {
    const page = await shared(standIn);
    // Bob wrote the reply and liked the question: as him, the API says so.
    const [question, reply] = topicPage.posts as [Post, Post];
    const asBob: TopicPage = {
      ...topicPage,
      posts: [
        { ...question, likedByMe: true, likeCount: 4 },
        {
          ...reply,
          author: { id: 5, username: 'bob', displayName: 'Bob' },
          canEdit: true,
          canDelete: true,
          canLike: false,
        },
      ],
    };
    const request = { url, fetchApi: fakeApi(bob, { '/topics/12': asBob }).fetchApi, nonce: 'n0nce' };
    const overlay = overlayFor(page, asBob);
    const completed = html(personalizePage(page, { session: bob, nonce: 'n0nce', overlay }));
    const payload = JSON.parse(/id="parvis-data"[^>]*>([^<]*)</.exec(completed)![1]!);
    // The page hydrates as shared, then becomes exactly Bob's own.
    expect(payload.page).toEqual(page.page);
    const own = await renderPage(request);
    const ownPayload = JSON.parse(/id="parvis-data"[^>]*>([^<]*)</.exec(own.html)![1]!);
    expect(withChanges(payload.page, payload.overlay)).toEqual(ownPayload.page);
    // Only the few differing values travel, not the posts again.
    expect(JSON.stringify(payload.overlay).length).toBeLessThan(JSON.stringify(payload.page).length / 2);

    expect(overlayFor(page, topicPage)).toEqual([]);
    const plain = html(personalizePage(page, { session: bob, nonce: 'x', overlay: [] }));
    expect(plain).not.toContain('"overlay"');
  });

  it('carries only the likes of a viewer who only liked posts', async () => {
    const page = await shared(standIn);
    const [question] = topicPage.posts as [Post, Post];
    const asLiker: TopicPage = {
      ...topicPage,
      posts: [{ ...question, likedByMe: true }, topicPage.posts[1]!],
    };
    expect(overlayFor(page, asLiker)).toEqual([{ path: ['data', 'posts', 0, 'likedByMe'], value: true }]);
  });

  it('answers a redirect as such, with nothing to personalize', async () => {
    const rendered = await renderSharedPage({
      url: '/t/old-title/12',
      fetchApi: fakeApi(standIn, { '/topics/12': topicPage }).fetchApi,
      nonce: 'x',
    });
    expect('beforeHeader' in rendered).toBe(false);
    expect(rendered.status).toBe(301);
  });
});
