import {
  categories,
  type Database,
  events,
  getPost,
  getTopic,
  type Queryable,
  recordEvent,
  topics,
  users,
} from '@parvis/db';
import { type Actor, canReadTopic } from '@parvis/domain';
import { fieldError, PluginError } from '@parvis/plugin-sdk';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { unacceptableReason } from '../domain/answers';
import '../domain/events';
import { supportAnswers, supportCategories, supportClaims } from '../db/schema';
import { canAcceptAnswer, canClaimQuestion, canConfigureQa, type QuestionState } from '../domain/policies';
import { hasAcceptedAnswer, isQaCategory } from './queries';

const forbidden = () => new PluginError('forbidden');
const notFound = () => new PluginError('not_found');

function signedIn(actor: Actor): NonNullable<Actor> {
  if (actor === null) throw new PluginError('unauthenticated');
  return actor;
}

/** A topic the actor may read, as a question; 404 for hidden topics, 409 outside Q&A categories. */
async function loadQuestion(db: Queryable, actor: Actor, topicId: number) {
  const row = await getTopic(db, topicId);
  if (
    !row ||
    !canReadTopic(actor, {
      authorId: row.topic.authorId,
      locked: row.topic.locked,
      deleted: row.topic.deletedAt !== null,
      category: row.category,
    })
  ) {
    throw notFound();
  }
  const state: QuestionState = {
    authorId: row.topic.authorId,
    qa: await isQaCategory(db, row.category.id),
    locked: row.topic.locked,
    deleted: row.topic.deletedAt !== null,
  };
  if (!state.qa) throw new PluginError('conflict', 'support.error.not_question');
  return { topic: row.topic, state };
}

/** Serialises changes to one question (two people accepting at once end in a clear order). */
async function lockTopic(tx: Queryable, topicId: number) {
  await tx.execute(sql`select 1 from ${topics} where ${topics.id} = ${topicId} for update`);
}

/**
 * Accepts `postId` as the answer to question `topicId`, replacing any previous answer (an
 * `answer.unaccepted` for it, then `answer.accepted`, in one transaction). Accepting the
 * answer already accepted changes nothing.
 */
export async function acceptAnswer(db: Database, actor: Actor, topicId: number, postId: number) {
  const who = signedIn(actor);
  const { topic, state } = await loadQuestion(db, actor, topicId);
  if (!canAcceptAnswer(actor, state)) throw forbidden();
  return db.transaction(async (tx) => {
    await lockTopic(tx, topicId);
    // Checked under the topic's lock: deleting a reply updates its topic, so the reply cannot be
    // deleted between this check and the write.
    const found = await getPost(tx, postId);
    const reason = unacceptableReason(
      found
        ? { topicId: found.post.topicId, number: found.post.number, deleted: found.post.deletedAt !== null }
        : null,
      topicId,
    );
    if (reason || !found) throw fieldError('postId', reason ?? 'support.field.post_missing');
    const answer = found.post;
    const [previous] = await tx.select().from(supportAnswers).where(eq(supportAnswers.topicId, topicId));
    if (previous?.postId === postId) return { changed: false };
    const common = { topicId, askerId: topic.authorId, categoryId: topic.categoryId };
    // A deleted previous answer was already recorded as unaccepted when it was deleted.
    if (previous && (await countedAsAnswer(tx, topicId, previous.postId))) {
      const old = await getPost(tx, previous.postId);
      await recordEvent(tx, 'answer.unaccepted', who.id, {
        ...common,
        postId: previous.postId,
        answererId: old?.post.authorId ?? 0,
      });
    }
    const values = { topicId, postId, acceptedBy: who.id, acceptedAt: new Date() };
    await tx
      .insert(supportAnswers)
      .values(values)
      .onConflictDoUpdate({ target: supportAnswers.topicId, set: values });
    await recordEvent(tx, 'answer.accepted', who.id, {
      ...common,
      postId,
      answererId: answer.authorId,
      previousPostId: previous?.postId ?? null,
    });
    return { changed: true };
  });
}

/**
 * Whether the event log currently counts `postId` as the topic's answer: its last
 * `answer.accepted` is not followed by an `answer.unaccepted`. Keeps the log truthful when a
 * deleted accepted reply is replaced, undone or restored.
 */
async function countedAsAnswer(tx: Queryable, topicId: number, postId: number): Promise<boolean> {
  const [last] = await tx
    .select({ type: events.type })
    .from(events)
    .where(
      and(
        inArray(events.type, ['answer.accepted', 'answer.unaccepted']),
        sql`${events.payload}->>'topicId' = ${String(topicId)}`,
        sql`${events.payload}->>'postId' = ${String(postId)}`,
      ),
    )
    .orderBy(desc(events.id))
    .limit(1);
  return last?.type === 'answer.accepted';
}

/**
 * An accepted reply deleted (or restored): the acceptance stays, hidden while the reply is, but
 * the event log, which recognition is computed from, records `answer.unaccepted` on deletion
 * and `answer.accepted` again on restoration, so it never counts an answer nobody can read.
 */
export async function followAcceptedPost(
  tx: Queryable,
  postId: number,
  actorId: number | null,
  change: 'deleted' | 'restored',
) {
  const [accepted] = await tx.select().from(supportAnswers).where(eq(supportAnswers.postId, postId));
  if (!accepted) return;
  await lockTopic(tx, accepted.topicId);
  const [still] = await tx.select().from(supportAnswers).where(eq(supportAnswers.topicId, accepted.topicId));
  if (still?.postId !== postId) return;
  const counted = await countedAsAnswer(tx, accepted.topicId, postId);
  if (counted === (change === 'restored')) return;
  const [topic] = await tx
    .select({ authorId: topics.authorId, categoryId: topics.categoryId })
    .from(topics)
    .where(eq(topics.id, accepted.topicId));
  const post = await getPost(tx, postId);
  const payload = {
    topicId: accepted.topicId,
    postId,
    answererId: post?.post.authorId ?? 0,
    askerId: topic?.authorId ?? 0,
    categoryId: topic?.categoryId ?? 0,
  };
  if (change === 'deleted')
    await recordEvent(tx, 'answer.unaccepted', actorId, { ...payload, reason: 'post_deleted' });
  else await recordEvent(tx, 'answer.accepted', actorId, { ...payload, previousPostId: null });
}

/** Undoes the accepted answer; undoing when there is none changes nothing. */
export async function unacceptAnswer(db: Database, actor: Actor, topicId: number) {
  const who = signedIn(actor);
  const { topic, state } = await loadQuestion(db, actor, topicId);
  if (!canAcceptAnswer(actor, state)) throw forbidden();
  return db.transaction(async (tx) => {
    await lockTopic(tx, topicId);
    const [removed] = await tx.delete(supportAnswers).where(eq(supportAnswers.topicId, topicId)).returning();
    if (!removed) return { changed: false };
    if (!(await countedAsAnswer(tx, topicId, removed.postId))) return { changed: true };
    const old = await getPost(tx, removed.postId);
    await recordEvent(tx, 'answer.unaccepted', who.id, {
      topicId,
      postId: removed.postId,
      answererId: old?.post.authorId ?? 0,
      askerId: topic.authorId,
      categoryId: topic.categoryId,
    });
    return { changed: true };
  });
}

/**
 * "I'm on it". Taking over someone else's claim needs `force` (the caller asked them to
 * confirm): without it, a 409 names who is on it.
 */
export async function claimQuestion(db: Database, actor: Actor, topicId: number, force: boolean) {
  const who = signedIn(actor);
  const { state } = await loadQuestion(db, actor, topicId);
  if (!canClaimQuestion(actor, state)) throw forbidden();
  return db.transaction(async (tx) => {
    await lockTopic(tx, topicId);
    // Under the lock, so an answer accepted meanwhile is seen.
    if (await hasAcceptedAnswer(tx, topicId)) throw new PluginError('conflict', 'support.error.solved');
    const [current] = await tx.select().from(supportClaims).where(eq(supportClaims.topicId, topicId));
    if (current?.userId === who.id) return { changed: false };
    if (current && !force) {
      const [holder] = await tx
        .select({ name: users.displayName })
        .from(users)
        .where(eq(users.id, current.userId));
      throw new PluginError('conflict', 'support.error.claimed', {
        claimedBy: { key: 'support.field.claimed_by', params: { name: holder?.name ?? '' } },
      });
    }
    const values = { topicId, userId: who.id, claimedAt: new Date() };
    await tx
      .insert(supportClaims)
      .values(values)
      .onConflictDoUpdate({ target: supportClaims.topicId, set: values });
    await recordEvent(tx, 'question.claimed', who.id, {
      topicId,
      userId: who.id,
      previousUserId: current?.userId ?? null,
    });
    return { changed: true };
  });
}

/** Ends the claim, whoever holds it (any staff member may hand a question back to the queue). */
export async function releaseQuestion(db: Database, actor: Actor, topicId: number) {
  const who = signedIn(actor);
  const { state } = await loadQuestion(db, actor, topicId);
  if (!canClaimQuestion(actor, state)) throw forbidden();
  return db.transaction(async (tx) => {
    await lockTopic(tx, topicId);
    const [removed] = await tx.delete(supportClaims).where(eq(supportClaims.topicId, topicId)).returning();
    if (!removed) return { changed: false };
    await recordEvent(tx, 'question.released', who.id, { topicId, userId: removed.userId });
    return { changed: true };
  });
}

/** Marks a category as Q&A or not; recorded (with who did it) only when it changes. */
export async function setQaCategory(db: Database, actor: Actor, categoryId: number, qa: boolean) {
  const who = signedIn(actor);
  if (!canConfigureQa(actor)) throw forbidden();
  return db.transaction(async (tx) => {
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, categoryId))
      .for('update');
    if (!category) throw notFound();
    const [current] = await tx
      .select({ qa: supportCategories.qa })
      .from(supportCategories)
      .where(eq(supportCategories.categoryId, categoryId));
    if ((current?.qa ?? false) === qa) return { qa, changed: false };
    const values = { categoryId, qa, updatedBy: who.id, updatedAt: new Date() };
    await tx
      .insert(supportCategories)
      .values(values)
      .onConflictDoUpdate({ target: supportCategories.categoryId, set: values });
    await recordEvent(tx, 'category.qa_changed', who.id, { categoryId, qa });
    return { qa, changed: true };
  });
}
