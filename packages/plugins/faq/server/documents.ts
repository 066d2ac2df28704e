import type { Queryable } from '@parvis/db';
import type { DomainEvent } from '@parvis/domain';
import { markdownToText } from '@parvis/domain/markdown';
import type { SearchSource } from '@parvis/plugin-sdk';
import type { SearchDocument } from '@parvis/search';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { faqArticles, faqVotes } from '../db/schema';
import { faqSearchEvents } from '../domain/events';

export const faqDocumentId = (articleId: number) => `faq:${articleId}`;

/** The article a search document stands for, or undefined for other documents. */
export function articleIdOf(documentId: string): number | undefined {
  const match = /^faq:(\d+)$/.exec(documentId);
  return match ? Number(match[1]) : undefined;
}

export const faqArticlePath = (slug: string) => `/faq/${slug}`;

type ArticleRow = Pick<
  typeof faqArticles.$inferSelect,
  'id' | 'slug' | 'question' | 'answer' | 'locale' | 'tags' | 'categoryId' | 'createdAt'
> & { helpful: number };

/** One published article as the search index holds it. */
export function articleDocument(row: ArticleRow): SearchDocument {
  return {
    id: faqDocumentId(row.id),
    type: 'faq',
    title: row.question,
    body: markdownToText(row.answer),
    url: faqArticlePath(row.slug),
    locale: row.locale,
    tags: row.tags,
    ...(row.categoryId !== null ? { categoryId: row.categoryId } : {}),
    createdAt: row.createdAt.getTime(),
    popularity: row.helpful,
  };
}

/**
 * Members' helpful votes, which rank the article in search. Guests' votes are left out: anyone can
 * cast them in bulk from many addresses, and they would push an article up for everyone.
 */
// Qualified by hand: inside a select, column references are printed without their table, and
// "id" would then be the vote's own.
const helpfulCount = sql<number>`(select count(*)::int from ${faqVotes} v where v.article_id = ${faqArticles}.id and v.helpful and v.user_id is not null)`;

const selection = {
  id: faqArticles.id,
  slug: faqArticles.slug,
  question: faqArticles.question,
  answer: faqArticles.answer,
  locale: faqArticles.locale,
  tags: faqArticles.tags,
  categoryId: faqArticles.categoryId,
  createdAt: faqArticles.createdAt,
  status: faqArticles.status,
  helpful: helpfulCount,
};

/** Every published article, in batches, for a full rebuild of the index. */
export async function* allArticleDocuments(db: Queryable, batch = 1000): AsyncGenerator<SearchDocument[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select(selection)
      .from(faqArticles)
      .where(and(gt(faqArticles.id, after), eq(faqArticles.status, 'published')))
      .orderBy(asc(faqArticles.id))
      .limit(batch);
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    yield rows.map(articleDocument);
  }
}

/** The current documents of the articles these events touched; drafts and deleted ones leave the index. */
export async function articleDocumentsFor(
  db: Queryable,
  events: readonly DomainEvent[],
): Promise<{ upsert: SearchDocument[]; remove: string[] }> {
  const ids = new Set<number>();
  for (const event of events) {
    const articleId = (event.payload as { articleId?: unknown }).articleId;
    if (typeof articleId === 'number') ids.add(articleId);
  }
  if (ids.size === 0) return { upsert: [], remove: [] };
  const wanted = [...ids];
  const upsert: SearchDocument[] = [];
  const found = new Set<number>();
  for (let start = 0; start < wanted.length; start += 1000) {
    const rows = await db
      .select(selection)
      .from(faqArticles)
      .where(inArray(faqArticles.id, wanted.slice(start, start + 1000)));
    for (const row of rows) {
      if (row.status !== 'published') continue;
      found.add(row.id);
      upsert.push(articleDocument(row));
    }
  }
  return { upsert, remove: wanted.filter((id) => !found.has(id)).map(faqDocumentId) };
}

/** The plugin's `search` source: published articles, rebuilt and kept in sync by the host. */
export const faqSearchSource: SearchSource = {
  allDocuments: (db) => allArticleDocuments(db),
  events: faqSearchEvents,
  documentsFor: articleDocumentsFor,
};
