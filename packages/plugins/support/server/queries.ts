import { categories, posts, prepared, type Queryable, topics, users } from '@parvis/db';
import { type Actor, canReadCategory, postPath, topicPath } from '@parvis/domain';
import { excerpt, markdownToText } from '@parvis/domain/markdown';
import type { TopicFacts } from '@parvis/plugin-sdk';
import { and, asc, count, eq, inArray, isNull, not, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { supportAnswers, supportCategories, supportClaims } from '../db/schema';
import type { QuestionStatus } from '../domain/answers';
import type { PersonRef, QueueData, SupportCategoryData, SupportTopicData } from '../domain/data';
import { canAcceptAnswer, canClaimQuestion, type QuestionState } from '../domain/policies';

const answerPost = alias(posts, 'support_answer_post');
const answerer = alias(users, 'support_answerer');
const claimer = alias(users, 'support_claimer');

/** Ids of the given categories that are Q&A (all Q&A categories when `ids` is omitted). */
export async function qaCategoryIds(db: Queryable, ids?: number[]): Promise<Set<number>> {
  if (ids?.length === 0) return new Set();
  // Every topic page asks this for its category: keep the SQL text (see `prepared`).
  const query = ids
    ? prepared(db, 'support_qa_categories_among', (d) =>
        d
          .select({ id: supportCategories.categoryId })
          .from(supportCategories)
          .where(
            and(
              eq(supportCategories.qa, true),
              sql`${supportCategories.categoryId} = any(${sql.placeholder('ids')}::int[])`,
            ),
          )
          .prepare('support_qa_categories_among'),
      )
    : prepared(db, 'support_qa_categories', (d) =>
        d
          .select({ id: supportCategories.categoryId })
          .from(supportCategories)
          .where(eq(supportCategories.qa, true))
          .prepare('support_qa_categories'),
      );
  const rows = await query.execute({ ids });
  return new Set(rows.map((row) => row.id));
}

export async function categoryData(db: Queryable, ids: number[]): Promise<Map<number, SupportCategoryData>> {
  const qa = await qaCategoryIds(db, ids);
  return new Map([...qa].map((id) => [id, { qa: true } as const]));
}

const excerpts = new Map<string, string>();
/** Excerpts of accepted answers, remembered by source: lists show the same answers to everyone. */
function answerExcerpt(source: string): string {
  let text = excerpts.get(source);
  if (text === undefined) {
    text = excerpt(source, 280);
    if (excerpts.size >= 5000) excerpts.delete(excerpts.keys().next().value!);
    excerpts.set(source, text);
  }
  return text;
}

const person = (row: { id: number | null; username: string | null; displayName: string | null }) =>
  row.id === null
    ? null
    : ({ id: row.id, username: row.username!, displayName: row.displayName! } as PersonRef);

/**
 * The support data of every question among `topicIds`, in one query: accepted answer (while
 * its reply is not deleted), claim, and what the viewer may do. Other topics get no entry.
 */
export async function topicData(
  db: Queryable,
  topicIds: number[],
  viewer: Actor,
): Promise<Map<number, SupportTopicData>> {
  const result = new Map<number, SupportTopicData>();
  if (topicIds.length === 0) return result;
  const rows = await prepared(db, 'support_topic_data', (d) =>
    d
      .select({
        id: topics.id,
        slug: topics.slug,
        authorId: topics.authorId,
        locked: topics.locked,
        deletedAt: topics.deletedAt,
        acceptedAt: supportAnswers.acceptedAt,
        answerId: answerPost.id,
        answerNumber: answerPost.number,
        // Enough for an excerpt; a reply can be 50,000 characters long.
        answerSource: sql<string | null>`left(${answerPost.body}, 1200)`,
        answererId: answerer.id,
        answererUsername: answerer.username,
        answererName: answerer.displayName,
        claimedAt: supportClaims.claimedAt,
        claimerId: claimer.id,
        claimerUsername: claimer.username,
        claimerName: claimer.displayName,
      })
      .from(topics)
      .innerJoin(
        supportCategories,
        and(eq(supportCategories.categoryId, topics.categoryId), eq(supportCategories.qa, true)),
      )
      .leftJoin(supportAnswers, eq(supportAnswers.topicId, topics.id))
      .leftJoin(answerPost, and(eq(answerPost.id, supportAnswers.postId), isNull(answerPost.deletedAt)))
      .leftJoin(answerer, eq(answerer.id, answerPost.authorId))
      .leftJoin(supportClaims, eq(supportClaims.topicId, topics.id))
      .leftJoin(claimer, eq(claimer.id, supportClaims.userId))
      .where(sql`${topics.id} = any(${sql.placeholder('ids')}::int[])`)
      .prepare('support_topic_data'),
  ).execute({ ids: topicIds });
  for (const row of rows) {
    const question = {
      authorId: row.authorId,
      qa: true,
      locked: row.locked,
      deleted: row.deletedAt !== null,
    };
    const author = person({
      id: row.answererId,
      username: row.answererUsername,
      displayName: row.answererName,
    });
    const answer =
      row.answerId !== null && row.answerNumber !== null && author && row.acceptedAt
        ? {
            postId: row.answerId,
            number: row.answerNumber,
            url: postPath(row, row.answerNumber),
            author,
            excerpt: answerExcerpt(row.answerSource ?? ''),
            acceptedAt: row.acceptedAt.toISOString(),
          }
        : null;
    const claim = person({ id: row.claimerId, username: row.claimerUsername, displayName: row.claimerName });
    result.set(row.id, {
      question: true,
      solved: answer !== null,
      acceptedPostId: answer?.postId ?? null,
      acceptedPostNumber: answer?.number ?? null,
      answer,
      claimedBy: claim && row.claimedAt ? { ...claim, claimedAt: row.claimedAt.toISOString() } : null,
      ...questionActions(viewer, question),
    });
  }
  return result;
}

/** What the viewer may do with a question: the part of its data that depends on who they are. */
function questionActions(viewer: Actor, question: QuestionState) {
  return { canAccept: canAcceptAnswer(viewer, question), canClaim: canClaimQuestion(viewer, question) };
}

/** A question's data as `member` gets it, from the data another member of their role got. */
export function topicDataAsMember(
  data: SupportTopicData,
  member: NonNullable<Actor>,
  topic: TopicFacts,
): SupportTopicData {
  return { ...data, ...questionActions(member, { ...topic, qa: true }) };
}

/**
 * Search fields: a topic with an accepted answer is `solved` and carries the answer's text;
 * other questions are marked unsolved. An accepted answer keeps counting after its category
 * stops being Q&A (it was accepted), so the index never depends on the category's flag.
 */
export async function searchFields(
  db: Queryable,
  topicIds: number[],
): Promise<Map<number, { solved?: boolean; extraText?: string }>> {
  const result = new Map<number, { solved?: boolean; extraText?: string }>();
  if (topicIds.length === 0) return result;
  const rows = await db
    .select({
      id: topics.id,
      qa: supportCategories.qa,
      answerBody: answerPost.body,
    })
    .from(topics)
    .leftJoin(supportCategories, eq(supportCategories.categoryId, topics.categoryId))
    .leftJoin(supportAnswers, eq(supportAnswers.topicId, topics.id))
    .leftJoin(answerPost, and(eq(answerPost.id, supportAnswers.postId), isNull(answerPost.deletedAt)))
    .where(inArray(topics.id, topicIds));
  for (const row of rows) {
    if (row.answerBody !== null)
      result.set(row.id, { solved: true, extraText: markdownToText(row.answerBody) });
    else if (row.qa) result.set(row.id, { solved: false });
  }
  return result;
}

/** The topic is in a Q&A category (a condition on core's `topics`, for list filters and the queue). */
const inQaCategory = sql`${topics.categoryId} in (select ${supportCategories.categoryId} from ${supportCategories} where ${supportCategories.qa})`;
/** The topic has an accepted answer whose reply is not deleted. */
const hasLiveAnswer = sql`exists (select 1 from ${supportAnswers} join ${posts} on ${posts.id} = ${supportAnswers.postId} where ${supportAnswers.topicId} = ${topics.id} and ${posts.deletedAt} is null)`;

export function statusCondition(status: QuestionStatus): SQL {
  if (status === 'solved') return and(inQaCategory, hasLiveAnswer)!;
  if (status === 'unsolved') return and(inQaCategory, not(hasLiveAnswer))!;
  return and(inQaCategory, not(hasLiveAnswer), eq(topics.replyCount, 0))!;
}

export async function isQaCategory(db: Queryable, categoryId: number): Promise<boolean> {
  return (await qaCategoryIds(db, [categoryId])).has(categoryId);
}

export async function hasAcceptedAnswer(db: Queryable, topicId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: supportAnswers.topicId })
    .from(supportAnswers)
    .innerJoin(posts, eq(posts.id, supportAnswers.postId))
    .where(and(eq(supportAnswers.topicId, topicId), isNull(posts.deletedAt)));
  return row !== undefined;
}

/** Q&A categories the viewer can read, in the forum's order. */
export async function readableQaCategories(db: Queryable, viewer: Actor) {
  const rows = await db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      readAudience: categories.readAudience,
      postAudience: categories.postAudience,
    })
    .from(categories)
    .innerJoin(
      supportCategories,
      and(eq(supportCategories.categoryId, categories.id), eq(supportCategories.qa, true)),
    )
    .orderBy(asc(categories.position), asc(categories.id));
  return rows.filter((row) => canReadCategory(viewer, row)).map(({ id, slug, name }) => ({ id, slug, name }));
}

const staffRoles = ['moderator', 'admin'];

/** Open questions, the longest waiting first, with what staff need to pick the next one. */
export async function listQueue(
  db: Queryable,
  options: { categoryIds: number[]; limit: number; now?: Date },
): Promise<Pick<QueueData, 'items' | 'total'>> {
  if (options.categoryIds.length === 0) return { items: [], total: 0 };
  const now = options.now ?? new Date();
  const open = and(
    inArray(topics.categoryId, options.categoryIds),
    isNull(topics.deletedAt),
    inQaCategory,
    not(hasLiveAnswer),
  );
  const firstStaffReply = sql<Date | null>`(select min(p.created_at) from ${posts} p join ${users} su on su.id = p.author_id where p.topic_id = ${topics.id} and p.number > 1 and p.deleted_at is null and su.role in (${sql.join(
    staffRoles.map((role) => sql`${role}`),
    sql`, `,
  )}))`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: topics.id,
        slug: topics.slug,
        title: topics.title,
        createdAt: topics.createdAt,
        replyCount: topics.replyCount,
        category: { id: categories.id, slug: categories.slug, name: categories.name },
        author: { id: users.id, username: users.username, displayName: users.displayName },
        firstStaffReplyAt: firstStaffReply,
        claimedAt: supportClaims.claimedAt,
        claimerId: claimer.id,
        claimerUsername: claimer.username,
        claimerName: claimer.displayName,
      })
      .from(topics)
      .innerJoin(categories, eq(categories.id, topics.categoryId))
      .innerJoin(users, eq(users.id, topics.authorId))
      .leftJoin(supportClaims, eq(supportClaims.topicId, topics.id))
      .leftJoin(claimer, eq(claimer.id, supportClaims.userId))
      .where(open)
      .orderBy(asc(topics.createdAt), asc(topics.id))
      .limit(options.limit),
    db.select({ n: count() }).from(topics).where(open),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((row) => {
      const claim = person({
        id: row.claimerId,
        username: row.claimerUsername,
        displayName: row.claimerName,
      });
      // Raw subquery results come back as text from the driver, not as Date.
      const firstReply = row.firstStaffReplyAt === null ? null : new Date(row.firstStaffReplyAt);
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        url: topicPath(row),
        category: row.category,
        author: row.author,
        askedAt: row.createdAt.toISOString(),
        waitingSeconds: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / 1000)),
        replyCount: row.replyCount,
        staffReplied: firstReply !== null,
        firstStaffReplyAt: firstReply?.toISOString() ?? null,
        claimedBy: claim && row.claimedAt ? { ...claim, claimedAt: row.claimedAt.toISOString() } : null,
      };
    }),
  };
}
