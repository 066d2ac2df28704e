import type { QueueData, SupportTopicData } from '@parvis/plugin-support/domain/data';
import { describe, expect, it } from 'vitest';
import type { Category, Post, Session, TopicPage, TopicSummary } from './api';
import { renderPage } from './entry-server';

const asker = { id: 2, username: 'hugo', displayName: 'Hugo Lefèvre' };
const helper = { id: 3, username: 'lea', displayName: 'Léa Martin' };

function post(number: number, author: typeof asker, html: string): Post {
  return {
    id: 100 + number,
    number,
    author,
    html,
    createdAt: '2025-03-04T10:00:00.000Z',
    editedAt: null,
    revision: 1,
    likeCount: 0,
    likedByMe: false,
    canEdit: false,
    canDelete: false,
    canLike: true,
    canViewRevisions: false,
    deleted: false,
  };
}

const solved = (canAccept: boolean): SupportTopicData => ({
  question: true,
  solved: true,
  acceptedPostId: 102,
  acceptedPostNumber: 2,
  answer: {
    postId: 102,
    number: 2,
    url: '/t/logo-sur-les-devis/12#post-2',
    author: helper,
    excerpt: 'Allez dans Paramètres → Documents → Logo.',
    acceptedAt: '2025-03-04T12:00:00.000Z',
  },
  claimedBy: null,
  canAccept,
  canClaim: false,
});

const qaCategory = { id: 1, slug: 'entraide', name: 'Entraide', plugins: { support: { qa: true } } };

const topicPage = (support: SupportTopicData): TopicPage => ({
  topic: {
    id: 12,
    slug: 'logo-sur-les-devis',
    title: 'Comment ajouter mon logo sur les devis ?',
    category: qaCategory,
    author: asker,
    createdAt: '2025-03-04T10:00:00.000Z',
    locked: false,
    deleted: false,
    replyCount: 2,
    likeCount: 0,
    canReply: true,
    mustConfirmEmail: false,
    plugins: { support },
  },
  posts: [
    post(1, asker, '<p>Mes devis partent sans logo.</p>'),
    post(2, helper, '<p>Allez dans <strong>Paramètres → Documents → Logo</strong>.</p>'),
    post(3, asker, '<p>Merci !</p>'),
  ],
  page: 1,
  pageCount: 1,
  pageSize: 20,
});

function fakeApi(session: Session, routes: Record<string, unknown>) {
  return async (path: string) => {
    const url = new URL(path, 'http://parvis.test');
    const key = url.pathname + url.search;
    if (url.pathname === '/session') return Response.json(session);
    if (key in routes) return Response.json(routes[key]);
    if (url.pathname in routes) return Response.json(routes[url.pathname]);
    return Response.json(
      { error: { code: 'not_found', message: 'Not found.' }, requestId: 'test' },
      { status: 404 },
    );
  };
}

const session = (user: Session['user'], plugins = ['support']): Session => ({
  user,
  account: user ? { email: `${user.username}@example.com`, emailVerified: true } : null,
  locale: 'en',
  unreadNotifications: 0,
  enabledPlugins: plugins,
});
const member = (id: number, role: 'member' | 'moderator' = 'member') => ({
  id,
  username: `user${id}`,
  displayName: `User ${id}`,
  role,
  locale: 'en' as const,
});

describe('support plugin pages', () => {
  it('server-render a solved question with its accepted answer under it and its mark on the reply', async () => {
    const fetchApi = fakeApi(session(null), { '/topics/12': topicPage(solved(false)) });
    const { status, html } = await renderPage({ url: '/t/logo-sur-les-devis/12', fetchApi, nonce: 'n' });
    expect(status).toBe(200);
    const block = /<section[^>]*class="card support-answer"[^>]*>.*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(block).toMatch(/<h2[^>]*id="support-answer-title"[^>]*>.*Accepted answer/s);
    expect(block).toContain('Allez dans Paramètres → Documents → Logo.');
    expect(block).toContain('href="/u/lea"');
    expect(block).toContain('href="/t/logo-sur-les-devis/12#post-2"');
    // The block comes right after the question, before the replies.
    expect(html.indexOf('support-answer')).toBeGreaterThan(html.indexOf('id="post-1"'));
    expect(html.indexOf('support-answer')).toBeLessThan(html.indexOf('id="post-2"'));
    const reply = html.slice(html.indexOf('id="post-2"'), html.indexOf('id="post-3"'));
    expect(reply).toContain('data-testid="support-accepted"');
    // Guests cannot accept.
    expect(html).not.toContain('data-action="support-accept"');
  });

  it('offer the asker to change or undo the accepted answer', async () => {
    const fetchApi = fakeApi(session({ ...member(2), username: 'hugo' }), {
      '/topics/12': topicPage(solved(true)),
    });
    const { html } = await renderPage({ url: '/t/logo-sur-les-devis/12', fetchApi, nonce: 'n' });
    const buttons = [...html.matchAll(/<button[^>]*data-action="support-accept"[^>]*>(.*?)<\/button>/gs)];
    expect(buttons.map((b) => b[1]!.replace(/<!--.*?-->/g, ''))).toEqual([
      'Undo accepted answer',
      'Accept as answer',
    ]);
    expect(buttons[0]![0]).toContain('aria-label="Undo accepted answer: the reply by Léa Martin"');
  });

  it('show who is on an open question, and the claim toggle to staff', async () => {
    const open: SupportTopicData = {
      ...solved(true),
      solved: false,
      acceptedPostId: null,
      acceptedPostNumber: null,
      answer: null,
      claimedBy: { ...helper, claimedAt: '2025-03-04T11:00:00.000Z' },
      canClaim: true,
    };
    const fetchApi = fakeApi(session({ ...member(3, 'moderator'), id: helper.id }), {
      '/topics/12': topicPage(open),
    });
    const { html } = await renderPage({ url: '/t/logo-sur-les-devis/12', fetchApi, nonce: 'n' });
    expect(html).not.toContain('support-answer');
    expect(html).toMatch(/data-testid="support-claim"[^>]*>Léa Martin is on it\./);
    expect(html).toMatch(/<button[^>]*aria-pressed="true"[^>]*>I’m on it<\/button>/);
    expect(html).toContain('href="/support/queue"');
  });

  it('badge and filter questions in a Q&A category, and link to the FAQ', async () => {
    const summary = (id: number, title: string, support: SupportTopicData | null, replyCount: number) =>
      ({
        id,
        slug: `t${id}`,
        title,
        excerpt: '',
        category: qaCategory,
        author: asker,
        replyCount,
        likeCount: 0,
        createdAt: '2025-03-04T10:00:00.000Z',
        lastPostedAt: '2025-03-04T10:00:00.000Z',
        lastPoster: null,
        plugins: support ? { support } : {},
      }) as TopicSummary;
    const unsolved = { ...solved(false), solved: false, answer: null, acceptedPostId: null };
    const category: Category = {
      ...qaCategory,
      description: '',
      position: 0,
      topicCount: 2,
      readAudience: 'guest',
      postAudience: 'member',
      canPost: true,
      mustConfirmEmail: false,
    };
    const fetchApi = fakeApi(session(null), {
      '/categories/entraide': { category },
      '/topics': {
        topics: [summary(1, 'Solved one', solved(false), 2), summary(2, 'Silent one', unsolved, 0)],
        nextCursor: null,
      },
    });
    const { status, html } = await renderPage({ url: '/c/entraide?status=solved', fetchApi, nonce: 'n' });
    expect(status).toBe(200);
    expect(html).toMatch(/<span[^>]*class="tag support-badge support-solved">Solved<\/span>/);
    expect(html).toMatch(/<span[^>]*class="tag tag-warning support-badge">Unanswered<\/span>/);
    expect(html).toMatch(/<a[^>]*href="\/c\/entraide\?status=solved" aria-current="page">Solved<\/a>/);
    expect(html).toContain('href="/c/entraide?status=unanswered"');
    expect(html).toMatch(/<a href="\/faq">Browse the FAQ<\/a>/);
    expect(html).not.toContain('href="/support/queue"');
  });

  it('serve the staff queue to staff only, unindexed', async () => {
    const queue: QueueData = {
      items: [
        {
          id: 7,
          slug: 'sms',
          title: 'Are SMS reminders charged?',
          url: '/t/sms/7',
          category: { id: 1, slug: 'entraide', name: 'Entraide' },
          author: asker,
          askedAt: '2025-03-04T10:00:00.000Z',
          waitingSeconds: 30 * 3600,
          replyCount: 1,
          staffReplied: true,
          firstStaffReplyAt: '2025-03-04T12:00:00.000Z',
          claimedBy: null,
        },
      ],
      total: 1,
      categories: [{ id: 1, slug: 'entraide', name: 'Entraide' }],
      category: null,
    };
    const routes = { '/plugins/support/queue': queue };
    const staff = await renderPage({
      url: '/support/queue',
      fetchApi: fakeApi(session(member(9, 'moderator')), routes),
      nonce: 'n',
    });
    expect(staff.status).toBe(200);
    expect(staff.html).toContain('<meta name="robots" content="noindex">');
    expect(staff.html).toContain('<title>Support queue · Parvis</title>');
    expect(staff.html).toContain('Are SMS reminders charged?');
    expect(staff.html).toContain('30 hours');
    expect(staff.html).toContain('After 2 hours');
    expect(staff.html).toContain('aria-label="I’m on it: Are SMS reminders charged?"');

    const refused = await renderPage({
      url: '/support/queue',
      fetchApi: fakeApi(session(member(4)), routes),
      nonce: 'n',
    });
    expect(refused.status).toBe(403);
    const guest = await renderPage({
      url: '/support/queue',
      fetchApi: fakeApi(session(null), routes),
      nonce: 'n',
    });
    expect(guest.status).toBe(302);
    expect(guest.headers?.Location).toBe('/sign-in?next=%2Fsupport%2Fqueue');
    const disabled = await renderPage({
      url: '/support/queue',
      fetchApi: fakeApi(session(member(9, 'moderator'), []), routes),
      nonce: 'n',
    });
    expect(disabled.status).toBe(404);
  });
});
