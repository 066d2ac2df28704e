import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../connection';
import { sessions, users } from '../schema/accounts';
import { notifications } from '../schema/activity';
import { postLikes, posts, topics } from '../schema/forum';
import { prepared } from './prepared';

export type UserRow = typeof users.$inferSelect;

/** The account whose confirmed address is `email`: there is at most one. */
export async function getVerifiedUserByEmail(db: Queryable, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNotNull(users.emailVerifiedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * The accounts a sign-in or a password reset with `login` may be about. A username names
 * one account. An address names the account that confirmed it; while none has, the few
 * newest unconfirmed accounts that gave it (someone may have signed up twice).
 */
export async function listAccountsByLogin(db: Queryable, login: string, limit = 3) {
  if (!login.includes('@')) {
    return db.select().from(users).where(eq(users.username, login)).limit(1);
  }
  const verified = await getVerifiedUserByEmail(db, login);
  if (verified) return [verified];
  return db
    .select()
    .from(users)
    .where(and(eq(users.email, login), isNull(users.emailVerifiedAt)))
    .orderBy(desc(users.id))
    .limit(limit);
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

/**
 * Triggers (migration 0006) announce on it, at commit, the id of every member whose session,
 * account or unread notifications changed, so instances can keep validated sessions in memory.
 */
export const sessionUsersChannel = 'parvis_session_users';

export async function getSessionWithUser(db: Queryable, sessionId: string) {
  const query = prepared(db, 'session_with_user', (d) =>
    d
      .select({
        session: sessions,
        user: users,
        // Read with the session so the header's unread badge costs no extra round trip.
        unreadNotifications: sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null)`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('sessionId')))
      .limit(1)
      .prepare('session_with_user'),
  );
  const [row] = await query.execute({ sessionId });
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
