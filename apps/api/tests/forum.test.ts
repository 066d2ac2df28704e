import { categories } from '@parvis/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import { type Client, type Harness, startHarness } from './harness';

let h: Harness;
let help: number;
let news: number;
let staffOnly: number;
let alice: Client & { id: number };
let bob: Client & { id: number };
let mod: Client & { id: number };
let admin: Client & { id: number };

beforeAll(async () => {
  h = await startHarness();
  const { db } = h.runtime.services;
  help = (await createCategory(db, { name: 'Help', slug: 'help' }, null)).id;
  news = (await createCategory(db, { name: 'News', slug: 'news', postAudience: 'moderator' }, null)).id;
  staffOnly = (
    await createCategory(
      db,
      { name: 'Staff', slug: 'staff', readAudience: 'moderator', postAudience: 'moderator' },
      null,
    )
  ).id;
  alice = await h.member('alice');
  bob = await h.member('bob', { locale: 'fr' });
  mod = await h.member('moderator', { role: 'moderator' });
  admin = await h.member('root', { role: 'admin' });
});
afterAll(() => h.close());

async function topic(
  client: Client,
  title: string,
  body = 'Some details about the problem.',
  categoryId = help,
) {
  const res = await client.post('/topics', { categoryId, title, body });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.topic as { id: number; slug: string; postId: number };
}

describe('categories', () => {
  it('lists only what each person may read, and who may post', async () => {
    const guest = await h.guest().get('/categories');
    expect(guest.body.categories.map((c: { slug: string }) => c.slug)).toEqual(['help', 'news']);
    expect(guest.body.categories.every((c: { canPost: boolean }) => !c.canPost)).toBe(true);
    const member = await alice.get('/categories');
    expect(member.body.categories.find((c: { slug: string }) => c.slug === 'news').canPost).toBe(false);
    const moderator = await mod.get('/categories');
    expect(moderator.body.categories.map((c: { slug: string }) => c.slug)).toContain('staff');
    expect((await alice.get('/categories/staff')).status).toBe(404);
  });
});

describe('topics', () => {
  it('creates a topic with its first post rendered to safe HTML', async () => {
    const created = await topic(
      alice,
      'Où est ma facture ?',
      'Je ne la trouve **plus**. <script>alert(1)</script>',
    );
    expect(created.slug).toBe('ou-est-ma-facture');
    const page = await h.guest().get(`/topics/${created.id}`);
    expect(page.status).toBe(200);
    expect(page.body.topic.title).toBe('Où est ma facture ?');
    expect(page.body.posts[0].html).toContain('<strong>plus</strong>');
    expect(page.body.posts[0].html).not.toContain('<script');
    expect(page.body.topic.canReply).toBe(false);
  });

  it('refuses guests, invalid fields, and members in staff-only categories', async () => {
    expect(
      (await h.guest().post('/topics', { categoryId: help, title: 'Hello there', body: 'text' })).status,
    ).toBe(401);
    const invalid = await alice.post('/topics', { categoryId: help, title: 'Hi', body: '' });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['body', 'title']);
    expect(
      (await alice.post('/topics', { categoryId: news, title: 'Member news', body: 'Not allowed' })).status,
    ).toBe(403);
    const hidden = await alice.post('/topics', {
      categoryId: staffOnly,
      title: 'Sneaky topic',
      body: 'Not allowed',
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.fields.categoryId).toBeDefined();
    expect(
      (await mod.post('/topics', { categoryId: news, title: 'Release 2.0 is out', body: 'Enjoy!' })).status,
    ).toBe(201);
  });

  it('pages through the latest topics with a keyset cursor and no duplicates', async () => {
    const titles = ['Paging one', 'Paging two', 'Paging three', 'Paging four', 'Paging five'];
    for (const t of titles) await topic(bob, t);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { topics: { title: string }[]; nextCursor: string | null } } = await h
        .guest()
        .get(`/topics?category=help&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.topics.map((t) => t.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([...titles].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await h.guest().get('/topics?cursor=garbage')).status).toBe(400);
    expect((await h.guest().get('/topics?order=sideways')).status).toBe(400);
    expect((await h.guest().get('/topics?category=staff')).status).toBe(404);
  });

  it('orders by likes for "top" and moves a topic up the latest list when someone replies', async () => {
    const quiet = await topic(alice, 'A quiet topic');
    await topic(alice, 'A newer topic');
    await bob.post(`/topics/${quiet.id}/posts`, { body: 'Bumping with a reply' });
    const latest = await h.guest().get('/topics?limit=1');
    expect(latest.body.topics[0].title).toBe('A quiet topic');
    expect(latest.body.topics[0].lastPoster.username).toBe('bob');
    await bob.put(`/posts/${quiet.postId}/like`);
    const top = await h.guest().get('/topics?order=top&limit=1');
    expect(top.body.topics[0].id).toBe(quiet.id);
  });

  it('paginates replies 20 per page and 404s past the end', async () => {
    const long = await topic(alice, 'A long discussion');
    for (let i = 1; i <= 22; i++) await bob.post(`/topics/${long.id}/posts`, { body: `Reply number ${i}` });
    const first = await h.guest().get(`/topics/${long.id}`);
    expect(first.body.pageCount).toBe(2);
    expect(first.body.posts).toHaveLength(20);
    const second = await h.guest().get(`/topics/${long.id}?page=2`);
    expect(second.body.posts.map((p: { number: number }) => p.number)).toEqual([21, 22, 23]);
    expect((await h.guest().get(`/topics/${long.id}?page=3`)).status).toBe(404);
    expect((await h.guest().get('/topics/abc')).status).toBe(400);
    expect((await h.guest().get('/topics/99999999')).status).toBe(404);
  });

  it('hides topics of staff-only categories from members', async () => {
    const secret = await topic(mod, 'Moderation rota', 'Who is on duty?', staffOnly);
    expect((await alice.get(`/topics/${secret.id}`)).status).toBe(404);
    expect((await admin.get(`/topics/${secret.id}`)).status).toBe(200);
    const list = await alice.get('/topics?limit=50');
    expect(list.body.topics.some((t: { id: number }) => t.id === secret.id)).toBe(false);
  });
});

describe('replies, edits and revisions', () => {
  it('keeps every earlier version, visible to staff only', async () => {
    const t = await topic(alice, 'Printer not detected', 'My printer is not detected.');
    const edit = await alice.patch(`/posts/${t.postId}`, {
      body: 'My USB printer is not detected.',
      title: 'USB printer not detected',
    });
    expect(edit.status).toBe(200);
    expect(edit.body.post.revision).toBe(2);
    expect(edit.body.post.html).toContain('USB printer');
    const page = await h.guest().get(`/topics/${t.id}`);
    expect(page.body.topic.title).toBe('USB printer not detected');
    expect(page.body.posts[0].editedAt).not.toBeNull();
    expect((await alice.get(`/posts/${t.postId}/revisions`)).status).toBe(403);
    const history = await mod.get(`/posts/${t.postId}/revisions`);
    expect(history.status).toBe(200);
    expect(history.body.revisions).toEqual([
      expect.objectContaining({
        revision: 1,
        body: 'My printer is not detected.',
        title: 'Printer not detected',
      }),
    ]);
  });

  it('lets authors edit their own posts only; staff edit any', async () => {
    const t = await topic(alice, 'Whose post is this');
    expect((await bob.patch(`/posts/${t.postId}`, { body: 'Hijacked!' })).status).toBe(403);
    expect((await h.guest().patch(`/posts/${t.postId}`, { body: 'Hijacked!' })).status).toBe(401);
    expect((await mod.patch(`/posts/${t.postId}`, { body: 'Fixed a typo for you' })).status).toBe(200);
    const source = await alice.get(`/posts/${t.postId}`);
    expect(source.body.post.body).toBe('Fixed a typo for you');
    expect((await bob.get(`/posts/${t.postId}`)).body.post.body).toBeNull();
  });

  it('soft-deletes: the text disappears for readers, staff can restore it', async () => {
    const t = await topic(alice, 'Delete me later');
    const reply = await bob.post(`/topics/${t.id}/posts`, { body: 'An answer I regret' });
    const postId = reply.body.post.id;
    expect((await alice.delete(`/posts/${postId}`)).status).toBe(403);
    expect((await bob.delete(`/posts/${postId}`)).status).toBe(204);
    const page = await h.guest().get(`/topics/${t.id}`);
    expect(page.body.posts).toHaveLength(1);
    expect(page.body.topic.replyCount).toBe(0);
    const staffView = await mod.get(`/topics/${t.id}`);
    expect(staffView.body.posts[1]).toMatchObject({ deleted: true, html: expect.stringContaining('regret') });
    expect((await bob.post(`/posts/${postId}/restore`)).status).toBe(403);
    expect((await mod.post(`/posts/${postId}/restore`)).status).toBe(200);
    expect((await h.guest().get(`/topics/${t.id}`)).body.topic.replyCount).toBe(1);
  });

  it('deleting the opening post removes the topic from lists', async () => {
    const t = await topic(alice, 'Topic to remove entirely');
    expect((await alice.delete(`/posts/${t.postId}`)).status).toBe(204);
    expect((await h.guest().get(`/topics/${t.id}`)).status).toBe(404);
    expect((await mod.get(`/topics/${t.id}`)).body.topic.deleted).toBe(true);
  });
});

describe('likes', () => {
  it('counts one like per member, refuses self-likes, and can be undone', async () => {
    const t = await topic(alice, 'Likeable topic');
    expect((await alice.put(`/posts/${t.postId}/like`)).status).toBe(403);
    expect((await bob.put(`/posts/${t.postId}/like`)).body).toEqual({ likeCount: 1, likedByMe: true });
    expect((await bob.put(`/posts/${t.postId}/like`)).body).toEqual({ likeCount: 1, likedByMe: true });
    expect((await mod.put(`/posts/${t.postId}/like`)).body.likeCount).toBe(2);
    const view = await bob.get(`/topics/${t.id}`);
    expect(view.body.posts[0]).toMatchObject({ likeCount: 2, likedByMe: true });
    expect((await bob.delete(`/posts/${t.postId}/like`)).body).toEqual({ likeCount: 1, likedByMe: false });
    const profile = await h.guest().get('/users/alice');
    expect(profile.body.user.likesReceived).toBeGreaterThanOrEqual(1);
  });
});

describe('notifications', () => {
  it('tells the author about replies, mentions and likes, in their own language', async () => {
    const t = await topic(bob, 'Question de Bob');
    await alice.post(`/topics/${t.id}/posts`, { body: 'Here is an answer, and @moderator may know more.' });
    await alice.put(`/posts/${t.postId}/like`);
    await h.settle();
    const forBob = await bob.get('/notifications');
    const kinds = forBob.body.notifications.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['reply', 'like']));
    const reply = forBob.body.notifications.find((n: { kind: string }) => n.kind === 'reply');
    expect(reply.message).toBe('alice a répondu à « Question de Bob »');
    expect(reply.url).toMatch(new RegExp(`^/t/question-de-bob/${t.id}#post-2$`));
    const forMod = await mod.get('/notifications');
    expect(forMod.body.notifications[0]).toMatchObject({
      kind: 'mention',
      message: 'alice mentioned you in “Question de Bob”',
    });
    expect((await bob.get('/session')).body.unreadNotifications).toBeGreaterThanOrEqual(2);
    expect((await bob.post('/notifications/read', {})).body.unread).toBe(0);
    expect((await h.guest().get('/notifications')).status).toBe(401);
  });
});

describe('write limits', () => {
  it('slows down a member who posts faster than any person could', async () => {
    await h.resetRateLimits();
    const t = await topic(alice, 'Flood target');
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push((await alice.post(`/topics/${t.id}/posts`, { body: `Flood ${i}` })).status);
    expect(statuses.slice(0, 59).every((s) => s === 201)).toBe(true);
    const last = await alice.post(`/topics/${t.id}/posts`, { body: 'One more' });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect((await bob.post(`/topics/${t.id}/posts`, { body: 'Others can still post' })).status).toBe(201);
    await h.resetRateLimits();
  });
});

describe('profiles', () => {
  it('shows public facts and recent posts, never the email', async () => {
    const res = await h.guest().get('/users/ALICE');
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('alice');
    expect(res.body.user.email).toBeUndefined();
    expect(res.body.user.topicCount).toBeGreaterThan(0);
    expect(res.body.posts.length).toBeGreaterThan(0);
    expect((await h.guest().get('/users/nobody')).status).toBe(404);
  });
});

describe('bad input never causes a 5xx', () => {
  it('answers huge, odd and hostile requests with 4xx', async () => {
    const huge = await alice.post('/topics', {
      categoryId: help,
      title: 'Big one',
      body: 'x'.repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const cases = [
      await alice.post('/topics', { categoryId: 'help', title: 'Wrong type', body: 'abc' }),
      await alice.post('/topics', { categoryId: 2 ** 40, title: 'Out of range', body: 'abc' }),
      await alice.post('/topics', []),
      await alice.call('POST', '/topics', 'not json at all', { 'content-type': 'application/json' }),
      await alice.post('/topics/0/posts', { body: 'zero' }),
      await alice.post(`/topics/${'9'.repeat(30)}/posts`, { body: 'big id' }),
      await h.guest().get('/topics?limit=-1'),
      await h.guest().get(`/search?q=${'a'.repeat(600)}`),
      await h.guest().get('/users/' + '%00'),
      await h.guest().get('/nothing-here'),
    ];
    for (const res of cases) {
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.code).toBeTypeOf('string');
    }
    expect((await h.runtime.services.db.select().from(categories)).length).toBe(3);
  });
});

describe('category topic counts', () => {
  it('follow topics being created, deleted and restored', async () => {
    const count = async () =>
      (await h.guest().get('/categories')).body.categories.find((c: { slug: string }) => c.slug === 'help')
        .topicCount;
    const before = await count();
    const t = await topic(alice, 'Counted topic');
    expect(await count()).toBe(before + 1);
    await alice.delete(`/posts/${t.postId}`);
    expect(await count()).toBe(before);
    await mod.post(`/posts/${t.postId}/restore`);
    expect(await count()).toBe(before + 1);
  });
});
