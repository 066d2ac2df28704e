import {
  categories,
  type Database,
  getCategoryById,
  getPost,
  getTopic,
  listUsersByUsernames,
  postLikes,
  postRevisions,
  posts,
  type Queryable,
  recordEvent,
  topics,
} from '@parvis/db';
import {
  type Actor,
  canCreateTopic,
  canDeletePost,
  canEditPost,
  canLikePost,
  canReadCategory,
  canReadTopic,
  canReply,
  canRestorePost,
  extractMentions,
  mustConfirmEmailToPost,
  type PostingContext,
  type PostState,
  slugify,
  type TopicState,
} from '@parvis/domain';
import { renderMarkdown } from '@parvis/domain/markdown';
import { and, eq, sql } from 'drizzle-orm';
import { AppError, forbidden, notFound } from '../http/errors';

type Topic = NonNullable<Awaited<ReturnType<typeof getTopic>>>;

export function topicState(row: Pick<Topic, 'topic' | 'category'>): TopicState {
  return {
    authorId: row.topic.authorId,
    locked: row.topic.locked,
    deleted: row.topic.deletedAt !== null,
    category: { readAudience: row.category.readAudience, postAudience: row.category.postAudience },
  };
}

export function postState(post: { authorId: number; deletedAt: Date | null }, topic: TopicState): PostState {
  return { authorId: post.authorId, deleted: post.deletedAt !== null, topic };
}

/**
 * Refuses a write the site's posting rules forbid (after the actor's other rights were
 * checked): a 403 of its own, so the member learns what to do rather than only "not allowed".
 */
function enforcePostingRules(actor: Actor, posting: PostingContext | undefined) {
  if (mustConfirmEmailToPost(actor, posting)) throw new AppError('email_unconfirmed');
}

/** Loads a topic the actor may see, or fails with 404 so hidden topics stay invisible. */
export async function loadReadableTopic(db: Queryable, actor: Actor, topicId: number) {
  const row = await getTopic(db, topicId);
  if (!row || !canReadTopic(actor, topicState(row))) throw notFound();
  return row;
}

async function loadPostWithTopic(db: Queryable, actor: Actor, postId: number) {
  const row = await getPost(db, postId);
  if (!row) throw notFound();
  const topic = await loadReadableTopic(db, actor, row.post.topicId);
  const state = postState(row.post, topicState(topic));
  if (state.deleted && !canRestorePost(actor, state) && !canDeletePost(actor, { ...state, deleted: false })) {
    throw notFound();
  }
  return { ...row, topic, state };
}

/** Records a `user.mentioned` event for each newly mentioned member (never yourself). */
async function recordMentions(
  tx: Queryable,
  actorId: number,
  ids: { topicId: number; postId: number },
  body: string,
  previousBody?: string,
) {
  const before = new Set(previousBody ? extractMentions(previousBody) : []);
  const fresh = extractMentions(body)
    .filter((name) => !before.has(name))
    .slice(0, 20);
  const mentioned = await listUsersByUsernames(tx, fresh);
  for (const user of mentioned) {
    if (user.id === actorId) continue;
    await recordEvent(tx, 'user.mentioned', actorId, { ...ids, mentionedUserId: user.id });
  }
}

async function adjustTopicCount(tx: Queryable, categoryId: number, delta: number) {
  await tx
    .update(categories)
    .set({ topicCount: sql`greatest(${categories.topicCount} + ${delta}, 0)` })
    .where(eq(categories.id, categoryId));
}

export interface NewTopic {
  categoryId: number;
  title: string;
  body: string;
}

/** `posting` is undefined only where no site rule applies (the demo seed). */
export async function createTopic(
  db: Database,
  actor: Actor,
  input: NewTopic,
  posting: PostingContext | undefined,
) {
  if (!actor) throw new AppError('unauthenticated');
  const category = await getCategoryById(db, input.categoryId);
  if (!category || !canReadCategory(actor, category)) {
    throw new AppError('validation', 'error.validation', { categoryId: { key: 'field.invalid' } });
  }
  if (!canCreateTopic(actor, category)) throw forbidden();
  enforcePostingRules(actor, posting);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [topic] = await tx
      .insert(topics)
      .values({
        categoryId: category.id,
        authorId: actor.id,
        title: input.title,
        slug: slugify(input.title),
        createdAt: now,
        lastPostedAt: now,
        lastPosterId: actor.id,
      })
      .returning();
    const [post] = await tx
      .insert(posts)
      .values({
        topicId: topic!.id,
        authorId: actor.id,
        number: 1,
        body: input.body,
        html: renderMarkdown(input.body),
        createdAt: now,
      })
      .returning();
    await adjustTopicCount(tx, category.id, 1);
    await recordEvent(tx, 'topic.created', actor.id, {
      topicId: topic!.id,
      postId: post!.id,
      categoryId: category.id,
    });
    await recordMentions(tx, actor.id, { topicId: topic!.id, postId: post!.id }, input.body);
    return { topic: topic!, post: post! };
  });
}

export async function createReply(
  db: Database,
  actor: Actor,
  topicId: number,
  body: string,
  posting: PostingContext | undefined,
) {
  if (!actor) throw new AppError('unauthenticated');
  const row = await loadReadableTopic(db, actor, topicId);
  if (!canReply(actor, topicState(row))) throw forbidden();
  enforcePostingRules(actor, posting);
  return db.transaction(async (tx) => {
    // Locking the topic row serialises replies, so post numbers never collide.
    await tx.execute(sql`select 1 from ${topics} where id = ${topicId} for update`);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${posts.number}), 0)::int + 1` })
      .from(posts)
      .where(eq(posts.topicId, topicId));
    const now = new Date();
    const [post] = await tx
      .insert(posts)
      .values({ topicId, authorId: actor.id, number: next, body, html: renderMarkdown(body), createdAt: now })
      .returning();
    await tx
      .update(topics)
      .set({ replyCount: sql`${topics.replyCount} + 1`, lastPostedAt: now, lastPosterId: actor.id })
      .where(eq(topics.id, topicId));
    await recordEvent(tx, 'post.created', actor.id, {
      topicId,
      postId: post!.id,
      categoryId: row.category.id,
    });
    await recordMentions(tx, actor.id, { topicId, postId: post!.id }, body);
    return post!;
  });
}

export interface PostEdit {
  body: string;
  title?: string | undefined;
}

/** Saves the previous version as a revision, then the new one; staff can read every revision. */
export async function editPost(
  db: Database,
  actor: Actor,
  postId: number,
  edit: PostEdit,
  posting: PostingContext | undefined,
) {
  const found = await loadPostWithTopic(db, actor, postId);
  if (!canEditPost(actor, found.state)) throw forbidden();
  enforcePostingRules(actor, posting);
  const { post, topic } = found;
  const changesTitle = edit.title !== undefined && post.number === 1 && edit.title !== topic.topic.title;
  if (edit.body === post.body && !changesTitle) return post;
  return db.transaction(async (tx) => {
    await tx.insert(postRevisions).values({
      postId,
      revision: post.revision,
      body: post.body,
      title: post.number === 1 ? topic.topic.title : null,
      editorId: actor!.id,
    });
    const [updated] = await tx
      .update(posts)
      .set({
        body: edit.body,
        html: renderMarkdown(edit.body),
        revision: post.revision + 1,
        editedAt: new Date(),
      })
      .where(eq(posts.id, postId))
      .returning();
    if (changesTitle) {
      await tx
        .update(topics)
        .set({ title: edit.title!, slug: slugify(edit.title!) })
        .where(eq(topics.id, topic.topic.id));
    }
    await recordEvent(tx, 'post.edited', actor!.id, {
      topicId: topic.topic.id,
      postId,
      revision: updated!.revision,
    });
    await recordMentions(tx, actor!.id, { topicId: topic.topic.id, postId }, edit.body, post.body);
    return updated!;
  });
}

/** Soft delete: the row stays for staff and the audit trail. Deleting the opening post deletes the topic. */
export async function deletePost(db: Database, actor: Actor, postId: number) {
  const found = await loadPostWithTopic(db, actor, postId);
  if (!canDeletePost(actor, found.state)) throw found.state.deleted ? notFound() : forbidden();
  const { post, topic } = found;
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(posts).set({ deletedAt: now }).where(eq(posts.id, postId));
    if (post.number === 1) {
      await tx.update(topics).set({ deletedAt: now }).where(eq(topics.id, topic.topic.id));
      await adjustTopicCount(tx, topic.topic.categoryId, -1);
      await recordEvent(tx, 'topic.deleted', actor!.id, { topicId: topic.topic.id });
    } else {
      await tx
        .update(topics)
        .set({ replyCount: sql`greatest(${topics.replyCount} - 1, 0)` })
        .where(eq(topics.id, topic.topic.id));
    }
    await recordEvent(tx, 'post.deleted', actor!.id, { topicId: topic.topic.id, postId });
  });
}

export async function restorePost(db: Database, actor: Actor, postId: number) {
  const found = await loadPostWithTopic(db, actor, postId);
  if (!canRestorePost(actor, found.state)) throw found.state.deleted ? forbidden() : new AppError('conflict');
  const { post, topic } = found;
  return db.transaction(async (tx) => {
    const [restored] = await tx
      .update(posts)
      .set({ deletedAt: null })
      .where(eq(posts.id, postId))
      .returning();
    if (post.number === 1) {
      await tx.update(topics).set({ deletedAt: null }).where(eq(topics.id, topic.topic.id));
      await adjustTopicCount(tx, topic.topic.categoryId, 1);
      await recordEvent(tx, 'topic.restored', actor!.id, { topicId: topic.topic.id });
    } else {
      await tx
        .update(topics)
        .set({ replyCount: sql`${topics.replyCount} + 1` })
        .where(eq(topics.id, topic.topic.id));
    }
    await recordEvent(tx, 'post.restored', actor!.id, { topicId: topic.topic.id, postId });
    return restored!;
  });
}

/** Like or unlike; repeating either is harmless and returns the current state. */
export async function setLike(db: Database, actor: Actor, postId: number, liked: boolean) {
  const found = await loadPostWithTopic(db, actor, postId);
  if (!actor) throw new AppError('unauthenticated');
  if (!canLikePost(actor, found.state)) throw forbidden();
  const { post, topic } = found;
  return db.transaction(async (tx) => {
    const changed = liked
      ? await tx.insert(postLikes).values({ postId, userId: actor.id }).onConflictDoNothing().returning()
      : await tx
          .delete(postLikes)
          .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, actor.id)))
          .returning();
    const delta = changed.length === 0 ? 0 : liked ? 1 : -1;
    let likeCount = post.likeCount;
    if (delta !== 0) {
      const [updated] = await tx
        .update(posts)
        .set({ likeCount: sql`${posts.likeCount} + ${delta}` })
        .where(eq(posts.id, postId))
        .returning({ likeCount: posts.likeCount });
      likeCount = updated!.likeCount;
      await tx
        .update(topics)
        .set({ likeCount: sql`${topics.likeCount} + ${delta}` })
        .where(eq(topics.id, topic.topic.id));
      await recordEvent(tx, liked ? 'post.liked' : 'post.unliked', actor.id, {
        topicId: topic.topic.id,
        postId,
        authorId: post.authorId,
      });
    }
    return { likeCount, likedByMe: liked };
  });
}

export async function createCategory(
  db: Database,
  input: {
    name: string;
    slug?: string;
    description?: string;
    position?: number;
    readAudience?: 'guest' | 'member' | 'moderator' | 'admin';
    postAudience?: 'guest' | 'member' | 'moderator' | 'admin';
  },
  actorId: number | null,
) {
  return db.transaction(async (tx) => {
    const [category] = await tx
      .insert(categories)
      .values({ ...input, slug: input.slug ?? slugify(input.name) })
      .returning();
    await recordEvent(tx, 'category.created', actorId, { categoryId: category!.id });
    return category!;
  });
}
