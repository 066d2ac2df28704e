import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import { type Client, type Harness, startHarness } from './harness';

/**
 * Role × action matrix over HTTP: what each kind of person gets back for each action on
 * someone else's content. The pure policies have their own matrix in packages/domain.
 */
type Who = 'guest' | 'member' | 'author' | 'moderator' | 'admin';
const who: Who[] = ['guest', 'member', 'author', 'moderator', 'admin'];

let h: Harness;
const clients = {} as Record<Who, Client>;
let ids: { help: number; news: number; staff: number };

beforeAll(async () => {
  h = await startHarness();
  const { db } = h.runtime.services;
  ids = {
    help: (await createCategory(db, { name: 'Help', slug: 'help' }, null)).id,
    news: (await createCategory(db, { name: 'News', slug: 'news', postAudience: 'moderator' }, null)).id,
    staff: (
      await createCategory(
        db,
        { name: 'Staff', slug: 'staff', readAudience: 'moderator', postAudience: 'moderator' },
        null,
      )
    ).id,
  };
  clients.guest = h.guest();
  clients.member = await h.member('member');
  clients.author = await h.member('author');
  clients.moderator = await h.member('moderator', { role: 'moderator' });
  clients.admin = await h.member('admin', { role: 'admin' });
});
afterAll(() => h.close());

async function freshPost() {
  const res = await clients.author.post('/topics', {
    categoryId: ids.help,
    title: 'A topic to act on',
    body: 'Opening post',
  });
  const reply = await clients.author.post(`/topics/${res.body.topic.id}/posts`, {
    body: 'A reply by the author',
  });
  return { topicId: res.body.topic.id as number, postId: reply.body.post.id as number };
}

const matrix: { action: string; run: (c: Client) => Promise<number>; expected: Record<Who, number> }[] = [
  {
    action: 'create a topic in an open category',
    run: async (c) =>
      (await c.post('/topics', { categoryId: ids.help, title: 'Matrix topic', body: 'Body text' })).status,
    expected: { guest: 401, member: 201, author: 201, moderator: 201, admin: 201 },
  },
  {
    action: 'create a topic in a staff-post category',
    run: async (c) =>
      (await c.post('/topics', { categoryId: ids.news, title: 'Matrix news', body: 'Body text' })).status,
    expected: { guest: 401, member: 403, author: 403, moderator: 201, admin: 201 },
  },
  {
    action: 'read the staff category',
    run: async (c) => (await c.get('/categories/staff')).status,
    expected: { guest: 404, member: 404, author: 404, moderator: 200, admin: 200 },
  },
  {
    action: 'reply',
    run: async (c) =>
      (await c.post(`/topics/${(await freshPost()).topicId}/posts`, { body: 'A reply' })).status,
    expected: { guest: 401, member: 201, author: 201, moderator: 201, admin: 201 },
  },
  {
    action: 'edit the author’s reply',
    run: async (c) => (await c.patch(`/posts/${(await freshPost()).postId}`, { body: 'Edited text' })).status,
    expected: { guest: 401, member: 403, author: 200, moderator: 200, admin: 200 },
  },
  {
    action: 'delete the author’s reply',
    run: async (c) => (await c.delete(`/posts/${(await freshPost()).postId}`)).status,
    expected: { guest: 401, member: 403, author: 204, moderator: 204, admin: 204 },
  },
  {
    action: 'restore a deleted reply',
    run: async (c) => {
      const { postId } = await freshPost();
      await clients.author.delete(`/posts/${postId}`);
      return (await c.post(`/posts/${postId}/restore`)).status;
    },
    expected: { guest: 401, member: 404, author: 403, moderator: 200, admin: 200 },
  },
  {
    action: 'view revisions',
    run: async (c) => {
      const { postId } = await freshPost();
      await clients.author.patch(`/posts/${postId}`, { body: 'Second version' });
      return (await c.get(`/posts/${postId}/revisions`)).status;
    },
    expected: { guest: 401, member: 403, author: 403, moderator: 200, admin: 200 },
  },
  {
    action: 'like the author’s reply',
    run: async (c) => (await c.put(`/posts/${(await freshPost()).postId}/like`)).status,
    expected: { guest: 401, member: 200, author: 403, moderator: 200, admin: 200 },
  },
];

describe('role × action matrix', () => {
  beforeEach(() => h.resetRateLimits());
  for (const row of matrix) {
    it(row.action, async () => {
      const actual = {} as Record<Who, number>;
      for (const person of who) actual[person] = await row.run(clients[person]);
      expect(actual).toEqual(row.expected);
    });
  }
});

describe('administration', () => {
  it('lets only admins manage categories and roles, and records who did it', async () => {
    const create = (c: Client) =>
      c.post('/admin/categories', { name: 'Idées produit', description: 'Vos idées' });
    expect((await create(clients.guest)).status).toBe(401);
    expect((await create(clients.member)).status).toBe(403);
    expect((await create(clients.moderator)).status).toBe(403);
    const created = await create(clients.admin);
    expect(created.status).toBe(201);
    expect(created.body.category.slug).toBe('idees-produit');
    expect((await create(clients.admin)).status).toBe(409);
    const invalid = await clients.admin.post('/admin/categories', { name: 'X', readAudience: 'everyone' });
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['name', 'readAudience']);

    const id = created.body.category.id;
    const hide = await clients.admin.patch(`/admin/categories/${id}`, { readAudience: 'moderator' });
    expect(hide.body.category.readAudience).toBe('moderator');
    expect((await clients.member.get('/categories/idees-produit')).status).toBe(404);

    expect((await clients.moderator.put('/admin/users/member/role', { role: 'admin' })).status).toBe(403);
    const promoted = await clients.admin.put('/admin/users/member/role', { role: 'moderator' });
    expect(promoted.body.user.role).toBe('moderator');
    expect((await clients.member.get('/categories/idees-produit')).status).toBe(200);
    await clients.admin.put('/admin/users/member/role', { role: 'member' });
    expect((await clients.admin.put('/admin/users/admin/role', { role: 'member' })).status).toBe(409);

    const { events } = await import('@parvis/db');
    const { eq } = await import('drizzle-orm');
    const log = await h.runtime.services.db
      .select()
      .from(events)
      .where(eq(events.type, 'user.role_changed'))
      .orderBy(events.id);
    expect(log.map((e) => e.payload)).toEqual([
      expect.objectContaining({ from: 'member', to: 'moderator' }),
      expect.objectContaining({ from: 'moderator', to: 'member' }),
    ]);
  });

  it('lists members to admins only, found by name and filtered by role', async () => {
    expect((await clients.guest.get('/admin/users')).status).toBe(401);
    expect((await clients.moderator.get('/admin/users')).status).toBe(403);
    const all = await clients.admin.get('/admin/users');
    expect(all.status).toBe(200);
    // Staff first, and never a private field.
    expect(all.body.users[0].role).toBe('admin');
    expect(
      all.body.users.every((u: Record<string, unknown>) => !('email' in u) && !('passwordHash' in u)),
    ).toBe(true);
    const found = await clients.admin.get('/admin/users?q=memb');
    expect(found.body.users.map((u: { username: string }) => u.username)).toEqual(['member']);
    const moderators = await clients.admin.get('/admin/users?role=moderator');
    expect(moderators.body.users.map((u: { role: string }) => u.role)).toEqual(['moderator']);
    // LIKE wildcards typed by the admin are matched literally, not as patterns.
    expect((await clients.admin.get('/admin/users?q=%25')).body.users).toEqual([]);
    expect((await clients.admin.get('/admin/users?role=owner')).status).toBe(400);
  });
});
