import { eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../connection';
import { sessions, users } from '../schema/accounts';
import { notifications } from '../schema/activity';
import { postLikes, posts, topics } from '../schema/forum';

export type UserRow = typeof users.$inferSelect;

export async function getUserByLogin(db: Queryable, login: string) {
  const column = login.includes('@') ? users.email : users.username;
  const [row] = await db.select().from(users).where(eq(column, login)).limit(1);
  return row ?? null;
}

export async function getUserByUsername(db: Queryable, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row ?? null;
}

export async function listUsersByUsernames(db: Queryable, usernames: string[]) {
  if (usernames.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username, locale: users.locale })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.username}::text)`,
        usernames.map((u) => u.toLowerCase()),
      ),
    );
}

export async function getSessionWithUser(db: Queryable, sessionId: string) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      // Read with the session so the header's unread badge costs no extra round trip.
      unreadNotifications: sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

export async function getUserStats(db: Queryable, userId: number) {
  const [row] = await db.execute<{ topic_count: number; post_count: number; likes_received: number }>(sql`
    select
      (select count(*)::int from ${topics} where author_id = ${userId} and deleted_at is null) as topic_count,
      (select count(*)::int from ${posts} where author_id = ${userId} and deleted_at is null) as post_count,
      (select count(*)::int from ${postLikes} l join ${posts} p on p.id = l.post_id where p.author_id = ${userId}) as likes_received
  `);
  return {
    topicCount: row?.topic_count ?? 0,
    postCount: row?.post_count ?? 0,
    likesReceived: row?.likes_received ?? 0,
  };
}
