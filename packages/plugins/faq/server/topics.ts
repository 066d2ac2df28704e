import { prepared, type Queryable } from '@parvis/db';
import type { Actor } from '@parvis/domain';
import type { TopicExtension } from '@parvis/plugin-sdk';
import { sql } from 'drizzle-orm';
import { faqArticles } from '../db/schema';
import { canPromoteTopic, canReadArticle } from '../domain/policies';
import { readableCategoryMap } from './articles';

/** What a topic shows about the FAQ: the article made from it, and whether the viewer may make one. */
export interface TopicFaqData {
  article: { slug: string; question: string; status: 'published' | 'draft' } | null;
  canPromote: boolean;
}

async function topicData(db: Queryable, topicIds: number[], viewer: Actor) {
  const result = new Map<number, TopicFaqData>();
  // Every topic page and list asks this: keep the SQL text (see `prepared`).
  const rows = await prepared(db, 'faq_topic_articles', (d) =>
    d
      .select({
        topicId: faqArticles.sourceTopicId,
        slug: faqArticles.slug,
        question: faqArticles.question,
        status: faqArticles.status,
        categoryId: faqArticles.categoryId,
      })
      .from(faqArticles)
      .where(sql`${faqArticles.sourceTopicId} = any(${sql.placeholder('ids')}::int[])`)
      .prepare('faq_topic_articles'),
  ).execute({ ids: topicIds });
  const canPromote = canPromoteTopic(viewer);
  // An article moved to a category the viewer cannot read stays out of sight, as on its own page.
  const cats = rows.length > 0 ? await readableCategoryMap(db, viewer) : new Map();
  for (const row of rows) {
    if (row.topicId === null || !canReadArticle(viewer, row)) continue;
    if (row.categoryId !== null && !cats.has(row.categoryId)) continue;
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

export const faqTopicExtension: TopicExtension = {
  data: topicData,
  // The article shown and the promote action depend on the viewer's role alone.
  dataAsMember: (data) => data,
};
