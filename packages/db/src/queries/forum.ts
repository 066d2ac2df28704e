import { and, asc, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../connection';
import { users } from '../schema/accounts';
import { categories, postLikes, posts, topics } from '../schema/forum';
import { prepared } from './prepared';

export type CategoryRow = typeof categories.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type PostRow = typeof posts.$inferSelect;

/** All categories in display order; every list and every search reads them. */
export async function listCategories(db: Queryable) {
  const query = prepared(db, 'categories', (d) =>
    d.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).prepare('categories'),
  );
  return query.execute();
}

export async function getCategoryBySlug(db: Queryable, slug: string) {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1);
  return row ?? null;
}

export async function getCategoryById(db: Queryable, id: number) {
  const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
  return row ?? null;
}

export type TopicOrder = 'latest' | 'top';

/** A keyset position: the sort value and id of the last topic of the previous page. */
export interface TopicCursor {
  value: string | number;
  id: number;
}

export interface ListTopicsParams {
  order: TopicOrder;
  categoryIds: number[];
  cursor?: TopicCursor | null;
  limit: number;
  includeDeleted?: boolean;
  authorId?: number;
  /** Further conditions on `topics` (plugins' list filters). */
  where?: SQL[];
}

const lastPoster = alias(users, 'last_poster');

/** Topics by latest activity or by likes, keyset-paginated so deep pages cost the same as the first. */
export async function listTopics(db: Queryable, p: ListTopicsParams) {
  if (p.categoryIds.length === 0) return [];
  const conditions = [inArray(topics.categoryId, p.categoryIds)];
  if (!p.includeDeleted) conditions.push(isNull(topics.deletedAt));
  if (p.authorId !== undefined) conditions.push(eq(topics.authorId, p.authorId));
  if (p.where) conditions.push(...p.where);
  if (p.cursor) {
    const { id } = p.cursor;
    if (p.order === 'latest') {
      const at = new Date(String(p.cursor.value));
      conditions.push(or(lt(topics.lastPostedAt, at), and(eq(topics.lastPostedAt, at), lt(topics.id, id)))!);
    } else {
      const likes = Number(p.cursor.value);
      conditions.push(or(lt(topics.likeCount, likes), and(eq(topics.likeCount, likes), lt(topics.id, id)))!);
    }
  }
  const orderBy =
    p.order === 'latest'
      ? [desc(topics.lastPostedAt), desc(topics.id)]
      : [desc(topics.likeCount), desc(topics.id)];
  return db
    .select({
      topic: topics,
      category: { id: categories.id, slug: categories.slug, name: categories.name },
      author: { id: users.id, username: users.username, displayName: users.displayName },
      lastPoster: { username: lastPoster.username, displayName: lastPoster.displayName },
      // A correlated subquery runs only for the page's rows; a join would read every first post.
      firstPostBody: sql<string>`(select left(fp.body, 400) from ${posts} fp where fp.topic_id = ${topics.id} and fp.number = 1)`,
    })
    .from(topics)
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .innerJoin(users, eq(users.id, topics.authorId))
    .leftJoin(lastPoster, eq(lastPoster.id, topics.lastPosterId))
    .where(and(...conditions))
    .orderBy(...orderBy)
    .limit(p.limit);
}

export async function getTopic(db: Queryable, id: number) {
  const query = prepared(db, 'topic', (d) =>
    d
      .select({
        topic: topics,
        category: categories,
        author: { id: users.id, username: users.username, displayName: users.displayName },
        // Post numbers are dense, so the highest one is the count, deleted posts included.
        postCount: sql<number>`(select coalesce(max(p.number), 0)::int from ${posts} p where p.topic_id = ${topics.id})`,
      })
      .from(topics)
      .innerJoin(categories, eq(categories.id, topics.categoryId))
      .innerJoin(users, eq(users.id, topics.authorId))
      .where(eq(topics.id, sql.placeholder('id')))
      .limit(1)
      .prepare('topic'),
  );
  const [row] = await query.execute({ id });
  return row ?? null;
}

export interface ListPostsParams {
  topicId: number;
  /** Posts with number > afterNumber, in order. */
  afterNumber: number;
  limit: number;
  viewerId: number | null;
}

/** A topic's posts after a given number; a member's read says which ones they liked. */
function postsQuery(db: Queryable, forMember: boolean) {
  return db
    .select({
      post: posts,
      author: { id: users.id, username: users.username, displayName: users.displayName },
      likedByMe: forMember
        ? sql<boolean>`exists(select 1 from ${postLikes} l where l.post_id = ${posts.id} and l.user_id = ${sql.placeholder('viewerId')})`
        : sql<boolean>`false`,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(
      and(eq(posts.topicId, sql.placeholder('topicId')), gt(posts.number, sql.placeholder('afterNumber'))),
    )
    .orderBy(asc(posts.number))
    .limit(sql.placeholder('limit'))
    .prepare(forMember ? 'posts_for_member' : 'posts_for_guest');
}

export async function listPosts(db: Queryable, p: ListPostsParams) {
  const member = p.viewerId !== null;
  const query = prepared(db, member ? 'posts_for_member' : 'posts_for_guest', (d) => postsQuery(d, member));
  return query.execute({ ...p });
}

/** The posts a member liked, with their topics. */
export async function likedPosts(
  db: Queryable,
  userId: number,
): Promise<{ topicId: number; postId: number }[]> {
  const query = prepared(db, 'liked_posts', (d) =>
    d
      .select({ topicId: posts.topicId, postId: postLikes.postId })
      .from(postLikes)
      .innerJoin(posts, eq(posts.id, postLikes.postId))
      .where(eq(postLikes.userId, sql.placeholder('userId')))
      .prepare('liked_posts'),
  );
  return query.execute({ userId });
}

export async function getPost(db: Queryable, id: number) {
  const [row] = await db
    .select({
      post: posts,
      author: { id: users.id, username: users.username, displayName: users.displayName },
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(eq(posts.id, id))
    .limit(1);
  return row ?? null;
}
