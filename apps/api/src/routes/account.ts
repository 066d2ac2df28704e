import { getUserByUsername, getUserStats, listTopics, notifications, posts, topics, users } from '@parvis/db';
import { isStaff, type Locale, postPath, topicPath, translate } from '@parvis/domain';
import { excerpt } from '@parvis/domain/markdown';
import type { HostEnv, SessionUser } from '@parvis/plugin-sdk';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../http/errors';
import { requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import { locales } from './_shared';
import { readableCategories } from './topics';
import { publicUser, topicSummary } from './views';

/** What the web app knows of its visitor: who they are, their language, what is switched on. */
export function sessionView(
  user: SessionUser | null,
  locale: Locale,
  unreadNotifications: number,
  enabledPlugins: string[],
) {
  return {
    user: user ? publicUser(user) : null,
    /** Only the member themself sees this: their address and whether they confirmed it. */
    account: user ? { email: user.email, emailVerified: user.emailVerifiedAt !== null } : null,
    locale,
    unreadNotifications,
    enabledPlugins,
  };
}

export function sessionRoutes(enabledPlugins: () => string[]) {
  return new Hono<HostEnv>().get('/', async (c) =>
    c.json(sessionView(c.get('user'), c.get('locale'), c.get('unreadNotifications'), enabledPlugins()), 200),
  );
}

export const meInput = z.object({
  locale: z.enum(locales).optional(),
  displayName: z.string().trim().min(1).max(60).optional(),
  bio: z.string().trim().max(2000).optional(),
});

export function meRoutes() {
  return new Hono<HostEnv>().patch('/', validate('json', meInput), async (c) => {
    const me = requireUser(c);
    const changes = c.req.valid('json');
    const [updated] = await c
      .get('services')
      .db.update(users)
      .set(changes)
      .where(eq(users.id, me.id))
      .returning();
    return c.json({ user: publicUser(updated!) }, 200);
  });
}

const actorUser = alias(users, 'actor');

export const readInput = z.object({ ids: z.array(z.number().int().positive()).max(200).optional() });

export function notificationRoutes() {
  return new Hono<HostEnv>()
    .get('/', async (c) => {
      const me = requireUser(c);
      const locale = c.get('locale');
      const { db } = c.get('services');
      const rows = await db
        .select({
          n: notifications,
          actor: { username: actorUser.username, displayName: actorUser.displayName },
          topic: { slug: topics.slug, title: topics.title },
          postNumber: posts.number,
        })
        .from(notifications)
        .leftJoin(actorUser, eq(actorUser.id, notifications.actorId))
        .leftJoin(topics, eq(topics.id, notifications.topicId))
        .leftJoin(posts, eq(posts.id, notifications.postId))
        .where(eq(notifications.userId, me.id))
        .orderBy(desc(notifications.id))
        .limit(50);
      const list = rows.map((r) => {
        const where = r.topic?.slug && r.n.topicId ? { slug: r.topic.slug, id: r.n.topicId } : null;
        const url = where
          ? r.postNumber
            ? postPath(where, r.postNumber)
            : topicPath(where)
          : String(r.n.data.url ?? '/');
        return {
          id: r.n.id,
          kind: r.n.kind,
          message: translate(locale, `notification.${r.n.kind}`, {
            ...r.n.data,
            actor: r.actor?.displayName ?? '',
            topic: r.topic?.title ?? '',
          }),
          url,
          readAt: r.n.readAt?.toISOString() ?? null,
          createdAt: r.n.createdAt.toISOString(),
          actor: r.actor?.username ? { username: r.actor.username, displayName: r.actor.displayName! } : null,
        };
      });
      const unread = list.filter((n) => n.readAt === null).length;
      return c.json({ notifications: list, unread }, 200);
    })
    .post('/read', validate('json', readInput), async (c) => {
      const me = requireUser(c);
      // One's own notifications are never on a guest's page.
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const { ids } = c.req.valid('json');
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(
            eq(notifications.userId, me.id),
            isNull(notifications.readAt),
            ids ? inArray(notifications.id, ids) : undefined,
          ),
        );
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, me.id), isNull(notifications.readAt)));
      return c.json({ unread: row?.n ?? 0 }, 200);
    });
}

export const usernameParam = z.object({ username: z.string().max(60) });

export function userRoutes() {
  return new Hono<HostEnv>().get('/:username', validate('param', usernameParam), async (c) => {
    const { db } = c.get('services');
    const actor = c.get('actor');
    const user = await getUserByUsername(db, c.req.valid('param').username);
    if (!user) throw notFound();
    const readable = (await readableCategories(db, actor)).map((cat) => cat.id);
    const stats = await getUserStats(db, user.id);
    const recent =
      readable.length === 0
        ? []
        : await db
            .select({ post: posts, topic: { id: topics.id, slug: topics.slug, title: topics.title } })
            .from(posts)
            .innerJoin(topics, eq(topics.id, posts.topicId))
            .where(
              and(
                eq(posts.authorId, user.id),
                isNull(posts.deletedAt),
                isNull(topics.deletedAt),
                inArray(topics.categoryId, readable),
              ),
            )
            .orderBy(desc(posts.createdAt))
            .limit(20);
    const topicRows = await listTopics(db, {
      order: 'latest',
      categoryIds: readable,
      limit: 10,
      authorId: user.id,
    });
    return c.json(
      {
        user: {
          ...publicUser(user),
          bio: user.bio,
          createdAt: user.createdAt.toISOString(),
          ...stats,
        },
        topics: topicRows.map(topicSummary),
        posts: recent.map((r) => ({
          id: r.post.id,
          number: r.post.number,
          topicId: r.topic.id,
          topicSlug: r.topic.slug,
          topicTitle: r.topic.title,
          excerpt: excerpt(r.post.body, 200),
          createdAt: r.post.createdAt.toISOString(),
          likeCount: r.post.likeCount,
        })),
        canModerate: isStaff(actor),
      },
      200,
    );
  });
}
