import { events, posts, rateLimits, topics } from '@parvis/db';
import support from '@parvis/plugin-support';
import { supportLimits } from '@parvis/plugin-support/server/rate-limit';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRateLimits } from '../src/auth/rate-limit';
import { createCategory } from '../src/forum/commands';
import { seedDemo } from '../src/seed/demo';
import { Client, type Harness, startHarness } from './harness';

type Member = Client & { id: number };

async function eventsOf(h: Harness, type: string, topicId: number) {
  const rows = await h.runtime.services.db
    .select()
    .from(events)
    .where(and(eq(events.type, type), sql`(${events.payload}->>'topicId')::int = ${topicId}`))
    .orderBy(events.id);
  return rows.map((row) => ({ actorId: row.actorId, payload: row.payload }));
}

describe('support plugin', () => {
  let h: Harness;
  let admin: Member;
  let mod: Member;
  let asker: Member;
  let helper: Member;
  let other: Member;
  let help: { id: number };
  let cafe: { id: number };

  /** A question by `author` with one reply per client in `replies`; returns topic and post ids. */
  async function ask(author: Client, title: string, replies: Client[] = [], category = help.id) {
    const t = await author.post('/topics', { categoryId: category, title, body: `Question: ${title}` });
    expect(t.status).toBe(201);
    const replyIds: number[] = [];
    for (const [index, replier] of replies.entries()) {
      const r = await replier.post(`/topics/${t.body.topic.id}/posts`, {
        body: `Reply ${index + 1} to ${title}`,
      });
      expect(r.status).toBe(201);
      replyIds.push(r.body.post.id);
    }
    return { topicId: t.body.topic.id as number, postId: t.body.topic.postId as number, replyIds };
  }

  const accept = (client: Client, topicId: number, postId: number) =>
    client.put(`/plugins/support/topics/${topicId}/answer`, { postId });

  beforeAll(async () => {
    h = await startHarness();
    const { db } = h.runtime.services;
    help = await createCategory(db, { name: 'Help', slug: 'help' }, null);
    cafe = await createCategory(db, { name: 'Café', slug: 'cafe' }, null);
    admin = await h.member('boss', { role: 'admin' });
    mod = await h.member('moddy', { role: 'moderator' });
    asker = await h.member('asker');
    helper = await h.member('helper', { locale: 'fr' });
    other = await h.member('other');
  });
  afterAll(() => h.close());

  describe('Q&A categories', () => {
    it('are marked by admins only, recorded, and shown in category data', async () => {
      expect((await h.guest().put(`/plugins/support/categories/${help.id}`, { qa: true })).status).toBe(401);
      const byMember = await asker.put(`/plugins/support/categories/${help.id}`, { qa: true });
      expect(byMember.status).toBe(403);
      expect(byMember.body.error.code).toBe('forbidden');
      expect((await mod.put(`/plugins/support/categories/${help.id}`, { qa: true })).status).toBe(403);
      const bad = await admin.put(`/plugins/support/categories/${help.id}`, { qa: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.qa).toBeTruthy();
      expect((await admin.put('/plugins/support/categories/999999', { qa: true })).status).toBe(404);
      expect((await admin.put('/plugins/support/categories/abc', { qa: true })).status).toBe(400);

      const marked = await admin.put(`/plugins/support/categories/${help.id}`, { qa: true });
      expect(marked.status).toBe(200);
      expect(marked.body.category).toEqual({ id: help.id, qa: true });
      // Repeating it changes nothing and records nothing more.
      expect((await admin.put(`/plugins/support/categories/${help.id}`, { qa: true })).status).toBe(200);
      const recorded = await h.runtime.services.db
        .select()
        .from(events)
        .where(eq(events.type, 'category.qa_changed'));
      expect(recorded.map((e) => [e.actorId, e.payload])).toEqual([
        [admin.id, { categoryId: help.id, qa: true }],
      ]);

      const list = (await h.guest().get('/categories')).body.categories;
      expect(list.find((c: { id: number }) => c.id === help.id).plugins).toEqual({ support: { qa: true } });
      expect(list.find((c: { id: number }) => c.id === cafe.id).plugins).toEqual({});
      expect((await h.guest().get('/categories/help')).body.category.plugins.support).toEqual({ qa: true });
    });
  });

  describe('accepted answers', () => {
    it('are accepted, changed and undone by the asker or staff, refused to others', async () => {
      const q = await ask(asker, 'How do I export my invoices?', [helper, other]);
      const [first, second] = q.replyIds as [number, number];

      const byGuest = await accept(h.guest(), q.topicId, first);
      expect(byGuest.status).toBe(401);
      expect(byGuest.body.error.code).toBe('unauthenticated');
      const byOther = await accept(other, q.topicId, first);
      expect(byOther.status).toBe(403);
      expect(byOther.body).toMatchObject({ error: { code: 'forbidden' }, requestId: expect.any(String) });
      expect((await other.delete(`/plugins/support/topics/${q.topicId}/answer`)).status).toBe(403);

      const byAsker = await accept(asker, q.topicId, first);
      expect(byAsker.status).toBe(200);
      expect(byAsker.body.question).toMatchObject({
        question: true,
        solved: true,
        acceptedPostId: first,
        acceptedPostNumber: 2,
        canAccept: true,
        answer: { postId: first, number: 2, author: { username: 'helper' } },
      });
      expect(byAsker.body.question.answer.url).toBe(`/t/how-do-i-export-my-invoices/${q.topicId}#post-2`);
      // Accepting the same reply again is harmless.
      expect((await accept(asker, q.topicId, first)).status).toBe(200);

      const byModerator = await accept(mod, q.topicId, second);
      expect(byModerator.status).toBe(200);
      expect(byModerator.body.question.acceptedPostId).toBe(second);

      const undone = await admin.delete(`/plugins/support/topics/${q.topicId}/answer`);
      expect(undone.status).toBe(200);
      expect(undone.body.question).toMatchObject({ solved: false, acceptedPostId: null, answer: null });
      expect((await asker.delete(`/plugins/support/topics/${q.topicId}/answer`)).status).toBe(200);

      expect((await accept(asker, q.topicId, first)).status).toBe(200);

      const accepted = await eventsOf(h, 'answer.accepted', q.topicId);
      expect(accepted.map((e) => [e.actorId, e.payload.postId, e.payload.answererId])).toEqual([
        [asker.id, first, helper.id],
        [mod.id, second, other.id],
        [asker.id, first, helper.id],
      ]);
      expect(accepted[1]!.payload).toMatchObject({
        askerId: asker.id,
        categoryId: help.id,
        previousPostId: first,
      });
      const unaccepted = await eventsOf(h, 'answer.unaccepted', q.topicId);
      expect(unaccepted.map((e) => [e.actorId, e.payload.postId, e.payload.answererId])).toEqual([
        [mod.id, first, helper.id],
        [admin.id, second, other.id],
      ]);
    });

    it('refuse the opening post, a deleted reply, another topic’s reply, and non-Q&A topics', async () => {
      const q = await ask(asker, 'Printer stays offline', [helper, other]);
      const elsewhere = await ask(asker, 'Another question here', [helper]);
      const opening = await accept(asker, q.topicId, q.postId);
      expect(opening.status).toBe(400);
      expect(opening.body.error.fields.postId).toMatch(/question itself/);

      expect((await other.delete(`/posts/${q.replyIds[1]}`)).status).toBe(204);
      const deleted = await accept(asker, q.topicId, q.replyIds[1]!);
      expect(deleted.status).toBe(400);
      expect(deleted.body.error.fields.postId).toMatch(/deleted/);

      const foreign = await accept(asker, q.topicId, elsewhere.replyIds[0]!);
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.fields.postId).toMatch(/this topic/);

      const missing = await accept(asker, q.topicId, 99_999_999);
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields.postId).toBeTruthy();

      const malformed = await asker.put(`/plugins/support/topics/${q.topicId}/answer`, { postId: 'x' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.fields.postId).toBeTruthy();
      expect((await asker.put(`/plugins/support/topics/${q.topicId}/answer`, '{oops')).status).toBe(400);

      const chat = await ask(asker, 'Weekend plans anyone?', [helper], cafe.id);
      const notQa = await accept(asker, chat.topicId, chat.replyIds[0]!);
      expect(notQa.status).toBe(409);
      expect(notQa.body.error.message).toMatch(/Q&A/);
      expect((await accept(asker, 99_999_999, q.replyIds[0]!)).status).toBe(404);
      expect(await eventsOf(h, 'answer.accepted', q.topicId)).toEqual([]);
    });

    it('show in the topic’s and the list’s data, notify the answerer, and mark search documents', async () => {
      const q = await ask(asker, 'Synchronise the calendar with Outlook', [helper, other]);
      await accept(asker, q.topicId, q.replyIds[0]!);
      await h.settle();

      const page = (await other.get(`/topics/${q.topicId}`)).body.topic;
      expect(page.category.plugins).toEqual({ support: { qa: true } });
      expect(page.plugins.support).toMatchObject({
        question: true,
        solved: true,
        acceptedPostId: q.replyIds[0],
        acceptedPostNumber: 2,
        claimedBy: null,
        canAccept: false,
        canClaim: false,
        answer: {
          author: { id: helper.id, username: 'helper' },
          excerpt: 'Reply 1 to Synchronise the calendar with Outlook',
        },
      });
      expect((await asker.get(`/topics/${q.topicId}`)).body.topic.plugins.support.canAccept).toBe(true);
      expect((await mod.get(`/topics/${q.topicId}`)).body.topic.plugins.support).toMatchObject({
        canAccept: true,
        canClaim: true,
      });

      const list = (await h.guest().get('/topics?category=help')).body.topics;
      const item = list.find((t: { id: number }) => t.id === q.topicId);
      expect(item.plugins.support).toMatchObject({
        question: true,
        solved: true,
        acceptedPostId: q.replyIds[0],
      });
      const chat = await ask(asker, 'Anyone for coffee?', [], cafe.id);
      const cafeList = (await h.guest().get('/topics?category=cafe')).body.topics;
      expect(cafeList.find((t: { id: number }) => t.id === chat.topicId).plugins).toEqual({});

      const notes = (await helper.get('/notifications')).body.notifications;
      const mine = (n: { kind: string; url: string }) =>
        n.kind === 'answer_accepted' && n.url.endsWith(`/${q.topicId}`);
      const note = notes.find(mine);
      expect(note.message).toBe('asker a accepté votre réponse à « Synchronise the calendar with Outlook »');
      expect(note.url).toBe(`/t/synchronise-the-calendar-with-outlook/${q.topicId}`);
      // Undo and accept again: still one notification.
      await asker.delete(`/plugins/support/topics/${q.topicId}/answer`);
      await accept(asker, q.topicId, q.replyIds[0]!);
      await h.settle();
      const again = (await helper.get('/notifications')).body.notifications;
      expect(again.filter(mine)).toHaveLength(1);

      const { search } = h.runtime.services;
      const solved = await search.search({ q: 'Outlook', solved: true, types: ['topic'] });
      expect(solved.hits.map((hit) => hit.topicId)).toEqual([q.topicId]);
      // The accepted answer's words find the question itself.
      const byAnswer = await search.search({ q: 'Reply 1 to Synchronise', types: ['topic'], solved: true });
      expect(byAnswer.hits.map((hit) => hit.topicId)).toContain(q.topicId);

      await asker.delete(`/plugins/support/topics/${q.topicId}/answer`);
      await h.settle();
      expect((await search.search({ q: 'Outlook', solved: true, types: ['topic'] })).hits).toEqual([]);
      expect((await search.search({ q: 'Outlook', solved: false, types: ['topic'] })).hits).toHaveLength(1);
    });

    it('stop counting while the accepted reply is deleted', async () => {
      const q = await ask(asker, 'Reset my password please', [helper]);
      await accept(asker, q.topicId, q.replyIds[0]!);
      expect((await mod.delete(`/posts/${q.replyIds[0]}`)).status).toBe(204);
      expect((await asker.get(`/topics/${q.topicId}`)).body.topic.plugins.support).toMatchObject({
        solved: false,
        answer: null,
      });
      expect((await mod.post(`/posts/${q.replyIds[0]}/restore`)).status).toBe(200);
      expect((await asker.get(`/topics/${q.topicId}`)).body.topic.plugins.support.solved).toBe(true);
    });
  });

  describe('checks made under the topic lock', () => {
    /** Holds the topic's row lock while `during` runs, then commits what `inside` wrote. */
    async function whileLocked(
      topicId: number,
      inside: (tx: any) => Promise<unknown>,
      during: () => Promise<void>,
    ) {
      const { db } = h.runtime.services;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from ${topics} where ${topics.id} = ${topicId} for update`);
        locked();
        await released;
        await inside(tx);
      });
      await isLocked;
      const waiting = during();
      // Let the request get as far as it can before the lock is released.
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await holder;
      await waiting;
    }

    it('refuse a reply deleted, and claims on a question solved, while the request waited', async () => {
      const q = await ask(asker, 'Deleted while accepting', [helper]);
      let accepted: { status: number; body: any } | undefined;
      await whileLocked(
        q.topicId,
        (tx) => tx.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, q.replyIds[0]!)),
        async () => {
          accepted = await accept(asker, q.topicId, q.replyIds[0]!);
        },
      );
      expect(accepted!.status).toBe(400);
      expect(accepted!.body.error.fields.postId).toBeTruthy();

      const open = await ask(asker, 'Solved while claiming', [helper]);
      let claimed: { status: number } | undefined;
      await whileLocked(
        open.topicId,
        (tx) =>
          tx.execute(
            sql`insert into support_answers (topic_id, post_id, accepted_by) values (${open.topicId}, ${open.replyIds[0]!}, ${asker.id})`,
          ),
        async () => {
          claimed = await mod.put(`/plugins/support/topics/${open.topicId}/claim`, {});
        },
      );
      expect(claimed!.status).toBe(409);
    });

    it('record an accepted reply deleted as unaccepted, and restored as accepted again', async () => {
      const q = await ask(asker, 'Answer deleted later', [helper, other]);
      await accept(asker, q.topicId, q.replyIds[0]!);
      expect((await mod.delete(`/posts/${q.replyIds[0]}`)).status).toBe(204);
      await h.settle();
      expect(await eventsOf(h, 'answer.unaccepted', q.topicId)).toEqual([
        {
          actorId: mod.id,
          payload: expect.objectContaining({ postId: q.replyIds[0], reason: 'post_deleted' }),
        },
      ]);
      expect((await mod.post(`/posts/${q.replyIds[0]}/restore`)).status).toBe(200);
      await h.settle();
      expect((await eventsOf(h, 'answer.accepted', q.topicId)).map((e) => e.payload.postId)).toEqual([
        q.replyIds[0],
        q.replyIds[0],
      ]);
      // Deleted again, then another reply accepted: the deleted one is not unaccepted twice.
      await mod.delete(`/posts/${q.replyIds[0]}`);
      await h.settle();
      await accept(asker, q.topicId, q.replyIds[1]!);
      const unaccepted = await eventsOf(h, 'answer.unaccepted', q.topicId);
      expect(unaccepted.map((e) => e.payload.postId)).toEqual([q.replyIds[0], q.replyIds[0]]);
    });

    it('limit how often one member changes questions, and forget ended windows', async () => {
      const { db } = h.runtime.services;
      const q = await ask(asker, 'Too many changes', [helper]);
      expect((await accept(asker, q.topicId, q.replyIds[0]!)).status).toBe(200);
      await db
        .update(rateLimits)
        .set({ hits: supportLimits.writePerUser.max })
        .where(eq(rateLimits.key, `support:write:${asker.id}`));
      const limited = await asker.delete(`/plugins/support/topics/${q.topicId}/answer`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBeTruthy();
      // Another member is not affected.
      expect((await mod.put(`/plugins/support/topics/${q.topicId}/claim`, {})).status).toBe(409);

      await db
        .insert(rateLimits)
        .values({ key: 'test:ended', hits: 3, resetAt: new Date(Date.now() - 1000) });
      await pruneRateLimits(db);
      const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
      expect(keys).not.toContain('test:ended');
      expect(keys).toContain(`support:write:${asker.id}`);
      await h.resetRateLimits();
    });
  });

  describe('status filters', () => {
    it('list solved, unsolved and unanswered questions; refuse unknown values', async () => {
      const { db } = h.runtime.services;
      const filters = await createCategory(db, { name: 'Filters', slug: 'filters' }, null);
      await admin.put(`/plugins/support/categories/${filters.id}`, { qa: true });
      const solved = await ask(asker, 'Solved question here', [helper], filters.id);
      await accept(asker, solved.topicId, solved.replyIds[0]!);
      const replied = await ask(asker, 'Replied but open question', [helper], filters.id);
      const silent = await ask(asker, 'Nobody replied yet here', [], filters.id);
      const ids = async (status: string) =>
        (await h.guest().get(`/topics?category=filters&status=${status}`)).body.topics.map(
          (t: { id: number }) => t.id,
        );
      expect(await ids('solved')).toEqual([solved.topicId]);
      expect((await ids('unsolved')).sort()).toEqual([replied.topicId, silent.topicId].sort());
      expect(await ids('unanswered')).toEqual([silent.topicId]);
      expect(await ids('')).toHaveLength(3);

      // Across categories, only questions match: café topics are neither solved nor unsolved.
      await ask(asker, 'Chatting without replies', [], cafe.id);
      const everywhere = (await h.guest().get('/topics?status=unanswered&limit=50')).body.topics;
      expect(everywhere.every((t: { category: { slug: string } }) => t.category.slug !== 'cafe')).toBe(true);
      expect(everywhere.map((t: { id: number }) => t.id)).toContain(silent.topicId);

      const bad = await h.guest().get('/topics?category=filters&status=done');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation');
      expect(bad.body.error.fields.status).toBeTruthy();
    });
  });

  describe('staff queue and claims', () => {
    let queueCategory: { id: number };
    let oldest: Awaited<ReturnType<typeof ask>>;
    let middle: Awaited<ReturnType<typeof ask>>;
    let newest: Awaited<ReturnType<typeof ask>>;

    beforeAll(async () => {
      const { db } = h.runtime.services;
      queueCategory = await createCategory(db, { name: 'Queue', slug: 'queue' }, null);
      await admin.put(`/plugins/support/categories/${queueCategory.id}`, { qa: true });
      middle = await ask(asker, 'Middle aged question', [other, mod], queueCategory.id);
      oldest = await ask(asker, 'Oldest waiting question', [], queueCategory.id);
      newest = await ask(asker, 'Newest question of all', [helper], queueCategory.id);
      const solved = await ask(asker, 'Already solved question', [helper], queueCategory.id);
      await accept(asker, solved.topicId, solved.replyIds[0]!);
      const ago = (hours: number) => sql`now() - make_interval(hours => ${hours}::int)`;
      await db
        .update(topics)
        .set({ createdAt: ago(30) })
        .where(eq(topics.id, oldest.topicId));
      await db
        .update(topics)
        .set({ createdAt: ago(5) })
        .where(eq(topics.id, middle.topicId));
      await db
        .update(topics)
        .set({ createdAt: ago(1) })
        .where(eq(topics.id, newest.topicId));
      await db
        .update(topics)
        .set({ createdAt: ago(60) })
        .where(eq(topics.id, solved.topicId));
    });

    it('lists open questions to staff only, the longest waiting first', async () => {
      expect((await h.guest().get('/plugins/support/queue')).status).toBe(401);
      const refused = await asker.get('/plugins/support/queue');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');

      const queue = await mod.get('/plugins/support/queue?category=queue');
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((item: { id: number }) => item.id)).toEqual([
        oldest.topicId,
        middle.topicId,
        newest.topicId,
      ]);
      expect(queue.body.total).toBe(3);
      expect(queue.body.category).toBe('queue');
      const [first, second, third] = queue.body.items;
      expect(first).toMatchObject({
        title: 'Oldest waiting question',
        category: { slug: 'queue' },
        author: { username: 'asker' },
        replyCount: 0,
        staffReplied: false,
        firstStaffReplyAt: null,
        claimedBy: null,
      });
      expect(first.waitingSeconds).toBeGreaterThanOrEqual(30 * 3600 - 60);
      expect(second).toMatchObject({ replyCount: 2, staffReplied: true });
      expect(Date.parse(second.firstStaffReplyAt)).not.toBeNaN();
      expect(third).toMatchObject({ replyCount: 1, staffReplied: false });
      expect(queue.body.categories.map((c: { slug: string }) => c.slug)).toContain('queue');

      const all = await admin.get('/plugins/support/queue?limit=100');
      expect(all.body.category).toBeNull();
      const times = all.body.items.map((item: { askedAt: string }) => Date.parse(item.askedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(all.body.items.some((item: { title: string }) => item.title === 'Already solved question')).toBe(
        false,
      );

      const limited = await admin.get('/plugins/support/queue?category=queue&limit=1');
      expect(limited.body.items).toHaveLength(1);
      expect(limited.body.total).toBe(3);
      const notQa = await mod.get('/plugins/support/queue?category=cafe');
      expect(notQa.status).toBe(400);
      expect(notQa.body.error.fields.category).toBeTruthy();
      expect((await mod.get('/plugins/support/queue?limit=0')).status).toBe(400);
    });

    it('lets staff claim and release questions; taking over needs confirmation', async () => {
      const claimUrl = `/plugins/support/topics/${oldest.topicId}/claim`;
      expect((await h.guest().put(claimUrl)).status).toBe(401);
      expect((await asker.put(claimUrl)).status).toBe(403);

      const claimed = await mod.put(claimUrl);
      expect(claimed.status).toBe(200);
      expect(claimed.body.question.claimedBy).toMatchObject({ id: mod.id, username: 'moddy' });
      expect((await mod.put(claimUrl)).status).toBe(200);

      const clash = await admin.put(claimUrl, { force: false });
      expect(clash.status).toBe(409);
      expect(clash.body.error.code).toBe('conflict');
      expect(clash.body.error.fields.claimedBy).toBe('moddy is already on it. Take over?');

      const page = (await asker.get(`/topics/${oldest.topicId}`)).body.topic.plugins.support;
      expect(page.claimedBy).toMatchObject({ username: 'moddy' });
      const inQueue = (await admin.get('/plugins/support/queue?category=queue')).body.items[0];
      expect(inQueue.claimedBy).toMatchObject({ username: 'moddy' });

      const takeover = await admin.put(claimUrl, { force: true });
      expect(takeover.status).toBe(200);
      expect(takeover.body.question.claimedBy.username).toBe('boss');

      expect((await asker.delete(claimUrl)).status).toBe(403);
      const released = await mod.delete(claimUrl);
      expect(released.status).toBe(200);
      expect(released.body.question.claimedBy).toBeNull();
      expect((await mod.delete(claimUrl)).status).toBe(200);

      expect(
        (await eventsOf(h, 'question.claimed', oldest.topicId)).map((e) => [e.actorId, e.payload]),
      ).toEqual([
        [mod.id, { topicId: oldest.topicId, userId: mod.id, previousUserId: null }],
        [admin.id, { topicId: oldest.topicId, userId: admin.id, previousUserId: mod.id }],
      ]);
      expect(
        (await eventsOf(h, 'question.released', oldest.topicId)).map((e) => [e.actorId, e.payload]),
      ).toEqual([[mod.id, { topicId: oldest.topicId, userId: admin.id }]]);

      const solved = await ask(asker, 'Solved before anyone claimed', [helper], queueCategory.id);
      await accept(asker, solved.topicId, solved.replyIds[0]!);
      const late = await mod.put(`/plugins/support/topics/${solved.topicId}/claim`);
      expect(late.status).toBe(409);
      const chat = await ask(asker, 'Off topic chat thread', [], cafe.id);
      expect((await mod.put(`/plugins/support/topics/${chat.topicId}/claim`)).status).toBe(409);
      expect((await mod.put('/plugins/support/topics/99999999/claim')).status).toBe(404);
      expect((await mod.put(claimUrl, { force: 'please' })).status).toBe(400);
    });
  });
});

describe('with the support plugin disabled', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ PARVIS_PLUGINS: 'welcome' });
  });
  afterAll(() => h.close());

  it('removes its routes, its data, its filter and its notification kind', async () => {
    const { db } = h.runtime.services;
    const help = await createCategory(db, { name: 'Help', slug: 'help' }, null);
    const admin = await h.member('boss', { role: 'admin' });
    const member = await h.member('asker');
    expect((await admin.put(`/plugins/support/categories/${help.id}`, { qa: true })).status).toBe(404);
    expect((await admin.get('/plugins/support/queue')).status).toBe(404);
    const t = await member.post('/topics', {
      categoryId: help.id,
      title: 'A plain question',
      body: 'Hello?',
    });
    expect((await member.get(`/topics/${t.body.topic.id}`)).body.topic.plugins).toEqual({});
    expect((await h.guest().get('/categories')).body.categories[0].plugins).toEqual({});
    // Without the plugin `status` is no filter at all.
    const list = await h.guest().get('/topics?status=solved');
    expect(list.status).toBe(200);
    expect(list.body.topics).toHaveLength(1);
    expect((await h.guest().get('/session')).body.enabledPlugins).toEqual(['welcome']);
    const kinds = (await member.get('/me/notification-preferences')).body;
    expect(JSON.stringify(kinds)).not.toContain('answer_accepted');
  });
});

describe('the demo community', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ PARVIS_PLUGINS: 'support' });
  });
  afterAll(() => h.close());

  it('has Q&A help categories in both languages with solved, open and claimed questions', async () => {
    expect(await seedDemo(h.runtime.services.db, [support])).toBe(true);
    const categories = (await h.guest().get('/categories')).body.categories;
    const qa = categories
      .filter((c: { plugins: object }) => 'support' in c.plugins)
      .map((c: { slug: string }) => c.slug);
    expect(qa.sort()).toEqual(['entraide', 'help']);
    for (const slug of ['entraide', 'help']) {
      const solved = (await h.guest().get(`/topics?category=${slug}&status=solved`)).body.topics;
      const open = (await h.guest().get(`/topics?category=${slug}&status=unsolved`)).body.topics;
      expect(solved.length).toBeGreaterThanOrEqual(2);
      expect(open.length).toBeGreaterThanOrEqual(2);
    }
    const sam = new Client(h.runtime, 'sam');
    const signIn = await sam.post('/auth/sign-in', { login: 'sam', password: 'parvis-demo' });
    expect(signIn.status).toBe(200);
    const queue = (await sam.get('/plugins/support/queue')).body.items;
    expect(queue.filter((item: { claimedBy: unknown }) => item.claimedBy !== null)).toHaveLength(1);
  });
});
