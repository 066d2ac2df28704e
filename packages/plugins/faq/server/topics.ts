import type { Queryable } from '@parvis/db';
import type { Actor } from '@parvis/domain';
import type { TopicExtension } from '@parvis/plugin-sdk';
import { inArray } from 'drizzle-orm';
import { faqArticles } from '../db/schema';
import { canPromoteTopic, canReadArticle } from '../domain/policies';

/** What a topic shows about the FAQ: the article made from it, and whether the viewer may make one. */
export interface TopicFaqData {
  article: { slug: string; question: string; status: 'published' | 'draft' } | null;
  canPromote: boolean;
}

async function topicData(db: Queryable, topicIds: number[], viewer: Actor) {
  const result = new Map<number, TopicFaqData>();
  const rows = await db
    .select({
      topicId: faqArticles.sourceTopicId,
      slug: faqArticles.slug,
      question: faqArticles.question,
      status: faqArticles.status,
    })
    .from(faqArticles)
    .where(inArray(faqArticles.sourceTopicId, topicIds));
  const canPromote = canPromoteTopic(viewer);
  for (const row of rows) {
    if (row.topicId === null || !canReadArticle(viewer, row)) continue;
    result.set(row.topicId, {
      article: { slug: row.slug, question: row.question, status: row.status },
      canPromote,
    });
  }
  // Staff see the promote action on every topic; others only hear about published articles.
  if (canPromote)
    for (const id of topicIds) if (!result.has(id)) result.set(id, { article: null, canPromote });
  return result;
}

export const faqTopicExtension: TopicExtension = { data: topicData };
