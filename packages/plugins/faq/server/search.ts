import type { Queryable } from '@parvis/db';
import type { SearchEngine, SearchHit } from '@parvis/search';
import { and, inArray, isNotNull } from 'drizzle-orm';
import { faqArticles } from '../db/schema';
import { articleIdOf } from './documents';

export interface FaqSearchHit {
  /** `faq`: an FAQ article; `question`: a solved community question. */
  kind: 'faq' | 'question';
  /** The search document's id (`faq:12`, `post:345`). */
  id: string;
  title: string;
  url: string;
  articleId?: number;
  topicId?: number;
  categoryId?: number;
  score: number;
  /** HTML-escaped, with matches wrapped in `<mark>` (the engine's highlight). */
  highlight: { title: string; snippet: string };
}

export interface FaqSearchQuery {
  q: string;
  /** Articles in this language only (community questions carry no language). */
  locale?: 'fr' | 'en';
  /** Default 10, at most 50: the FAQ's hits first, then solved questions fill the rest. */
  limit?: number;
  /** Keep only these categories (both kinds). */
  categoryIds?: number[];
  /** Categories whose solved questions may appear; defaults to `categoryIds`. Lets a caller hide unreadable ones. */
  questionCategoryIds?: number[];
}

function toHit(kind: FaqSearchHit['kind'], hit: SearchHit): FaqSearchHit {
  const articleId = kind === 'faq' ? articleIdOf(hit.id) : undefined;
  return {
    kind,
    id: hit.id,
    title: hit.title,
    url: hit.url,
    ...(articleId !== undefined ? { articleId } : {}),
    ...(hit.topicId !== undefined ? { topicId: hit.topicId } : {}),
    ...(hit.categoryId !== undefined ? { categoryId: hit.categoryId } : {}),
    score: hit.score,
    highlight: hit.highlight,
  };
}

/**
 * The one FAQ search the UI uses (search box, composer suggestions): FAQ articles first, then
 * questions the community solved (`type: 'topic'` documents the support plugin marks `solved`).
 * Ranking within each kind is the engine's; typo and accent tolerance come from it too.
 */
export async function searchFaq(engine: SearchEngine, query: FaqSearchQuery): Promise<FaqSearchHit[]> {
  const q = query.q.trim();
  if (q === '') return [];
  const limit = Math.min(50, Math.max(1, Math.floor(query.limit ?? 10)));
  const questionCategories =
    query.questionCategoryIds ?? (query.categoryIds?.length ? query.categoryIds : undefined);
  // An empty list of readable categories means "none", where the engine would read "any".
  const askQuestions = questionCategories === undefined || questionCategories.length > 0;
  const [articles, questions] = await Promise.all([
    engine.search({
      q,
      types: ['faq'],
      limit,
      ...(query.locale ? { locale: query.locale } : {}),
      ...(query.categoryIds?.length ? { categoryIds: query.categoryIds } : {}),
    }),
    askQuestions
      ? engine.search({
          q,
          types: ['topic'],
          solved: true,
          limit,
          ...(questionCategories?.length ? { categoryIds: questionCategories } : {}),
        })
      : Promise.resolve({ hits: [], total: 0 }),
  ]);
  return [
    ...articles.hits.map((hit) => toHit('faq', hit)),
    ...questions.hits.map((hit) => toHit('question', hit)),
  ].slice(0, limit);
}

/**
 * Leaves out the solved questions that staff made into one of the articles found: the article
 * already gives that question and its answer, and listing the thread too shows the same title
 * twice. A thread whose article is not among the hits stays.
 */
export async function withoutPromotedThreads(db: Queryable, hits: FaqSearchHit[]): Promise<FaqSearchHit[]> {
  const articleIds = hits.flatMap((hit) => (hit.articleId !== undefined ? [hit.articleId] : []));
  if (articleIds.length === 0 || !hits.some((hit) => hit.kind === 'question')) return hits;
  const rows = await db
    .select({ topicId: faqArticles.sourceTopicId })
    .from(faqArticles)
    .where(and(inArray(faqArticles.id, articleIds), isNotNull(faqArticles.sourceTopicId)));
  const promoted = new Set(rows.map((row) => row.topicId));
  return hits.filter((hit) => hit.kind !== 'question' || !promoted.has(hit.topicId ?? null));
}
