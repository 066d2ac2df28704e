import { getTopic, posts, type Queryable, recordEvent, users } from '@parvis/db';
import { type Actor, canReadTopic, type Role } from '@parvis/domain';
import { PluginError } from '@parvis/plugin-sdk';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { limits } from '../domain/articles';
import '../domain/events';
import { faqArticles } from '../db/schema';
import { type ArticleRow, createArticle } from './articles';

/**
 * The accepted answer the support plugin recorded for a topic, when that plugin is installed
 * (its table exists); read through SQL so the FAQ does not depend on it.
 */
async function acceptedAnswerId(tx: Queryable, topicId: number): Promise<number | null> {
  const [exists] = await tx.execute<{ present: boolean }>(
    sql`select to_regclass('support_answers') is not null as present`,
  );
  if (!exists?.present) return null;
  const rows = await tx.execute<{ post_id: number }>(
    sql`select post_id from support_answers where topic_id = ${topicId} limit 1`,
  );
  return rows[0] ? Number(rows[0].post_id) : null;
}

function quote(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

/** The article already promoted from a topic, if any. */
export async function articleFromTopic(db: Queryable, topicId: number) {
  const [row] = await db.select().from(faqArticles).where(eq(faqArticles.sourceTopicId, topicId)).limit(1);
  return row ?? null;
}

/**
 * Turns a solved thread into a draft article: the topic's title as the question, its opening post
 * quoted for context, then the accepted answer (the support plugin's, else the reply named by
 * `postId`). The draft links to the thread and the thread shows the article. A thread promoted
 * before gives back its article instead of a second one.
 */
export async function promoteTopic(
  tx: Queryable,
  actor: { id: number; role: Role },
  input: { topicId: number; postId?: number | undefined },
): Promise<{ article: ArticleRow; created: boolean }> {
  const topic = await getTopic(tx, input.topicId);
  const state = topic && {
    authorId: topic.topic.authorId,
    locked: topic.topic.locked,
    deleted: topic.topic.deletedAt !== null,
    category: topic.category,
  };
  if (!topic || !state || state.deleted || !canReadTopic(actor as Actor, state))
    throw new PluginError('validation', 'error.validation', {
      topicId: { key: 'faq.field.topic_not_found' },
    });
  // One promotion at a time per topic, so two clicks cannot make two drafts.
  await tx.execute(sql`select pg_advisory_xact_lock(7424100, ${input.topicId})`);
  const existing = await articleFromTopic(tx, input.topicId);
  if (existing) return { article: existing, created: false };

  const answerId = input.postId ?? (await acceptedAnswerId(tx, input.topicId));
  if (answerId === null)
    throw new PluginError('validation', 'error.validation', { postId: { key: 'faq.field.answer_required' } });
  const [opening] = await tx
    .select({ body: posts.body })
    .from(posts)
    .where(and(eq(posts.topicId, input.topicId), eq(posts.number, 1)));
  const [answer] = await tx
    .select({ id: posts.id, body: posts.body, number: posts.number })
    .from(posts)
    .where(and(eq(posts.id, answerId), eq(posts.topicId, input.topicId), isNull(posts.deletedAt)));
  if (!answer || answer.number === 1)
    throw new PluginError('validation', 'error.validation', { postId: { key: 'faq.field.answer_invalid' } });
  const [author] = await tx
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.id, topic.topic.authorId));

  const parts = [opening?.body ? quote(opening.body) : '', answer.body.trim()].filter(Boolean);
  const article = await createArticle(
    tx,
    actor,
    {
      // Topic titles are at least 5 characters, within the question's bounds.
      question: topic.topic.title.trim().slice(0, limits.question.max),
      answer: parts.join('\n\n').slice(0, limits.answer.max),
      locale: author?.locale ?? 'en',
      categoryId: topic.topic.categoryId,
      tags: [],
      status: 'draft',
    },
    { topicId: input.topicId, postId: answer.id },
  );
  await recordEvent(tx, 'faq.article_promoted', actor.id, {
    articleId: article.id,
    topicId: input.topicId,
    postId: answer.id,
  });
  return { article, created: true };
}
