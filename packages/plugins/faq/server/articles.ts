import { categories, type Queryable, recordEvent, topics, users } from '@parvis/db';
import { type Actor, canReadCategory, topicPath } from '@parvis/domain';
import { renderMarkdown } from '@parvis/domain/markdown';
import { PluginError } from '@parvis/plugin-sdk';
import { and, arrayOverlaps, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  type ArticleStatus,
  articleSlug,
  type FaqLocale,
  freeSlug,
  normalizeTags,
  reservedSlugs,
} from '../domain/articles';
import '../domain/events';
import { faqArticleRevisions, faqArticleSlugs, faqArticles, faqVotes } from '../db/schema';
import { canReadArticle, canSeeVoteDetails, canWriteFaq } from '../domain/policies';

export type ArticleRow = typeof faqArticles.$inferSelect;

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  question: string;
  locale: FaqLocale;
  status: ArticleStatus;
  tags: string[];
  category: CategoryRef | null;
  updatedAt: string;
}

export interface ArticleView extends ArticleSummary {
  answerHtml: string;
  /** Markdown source, for staff (the edit form). */
  answer: string | null;
  revision: number;
  createdAt: string;
  publishedAt: string | null;
  author: { username: string; displayName: string };
  /** The community thread the article came from. */
  source: { topicId: number; title: string; url: string } | null;
  helpful: { yes: number; no: number | null };
  myVote: { helpful: boolean; comment: string | null } | null;
  related: ArticleSummary[];
  canEdit: boolean;
}

export interface ArticleInput {
  question: string;
  answer: string;
  locale: FaqLocale;
  categoryId: number | null;
  tags: string[];
  status: ArticleStatus;
  slug?: string | undefined;
}

/** Categories the actor may read, by id: articles in others are invisible to them. */
export async function readableCategoryMap(db: Queryable, actor: Actor): Promise<Map<number, CategoryRef>> {
  const rows = await db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
  return new Map(
    rows
      .filter((c) => canReadCategory(actor, c))
      .map((c) => [c.id, { id: c.id, slug: c.slug, name: c.name }]),
  );
}

function summary(row: ArticleRow, cats: Map<number, CategoryRef>): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    question: row.question,
    locale: row.locale,
    status: row.status,
    tags: row.tags,
    category: row.categoryId !== null ? (cats.get(row.categoryId) ?? null) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function visible(actor: Actor, row: ArticleRow, cats: Map<number, CategoryRef>): boolean {
  return canReadArticle(actor, row) && (row.categoryId === null || cats.has(row.categoryId));
}

/** The readable-category condition on articles, as SQL. */
function inReadable(cats: Map<number, CategoryRef>): SQL {
  const ids = [...cats.keys()];
  return ids.length > 0
    ? or(isNull(faqArticles.categoryId), inArray(faqArticles.categoryId, ids))!
    : isNull(faqArticles.categoryId);
}

export interface ListArticlesParams {
  locale?: FaqLocale | undefined;
  categoryId?: number | undefined;
  /** Staff only; others always get published articles. */
  status?: ArticleStatus | 'all' | undefined;
  limit: number;
}

/** Articles for the FAQ index, by category order then question. */
export async function listArticles(db: Queryable, actor: Actor, params: ListArticlesParams) {
  const cats = await readableCategoryMap(db, actor);
  const conditions: SQL[] = [inReadable(cats)];
  const status = canWriteFaq(actor) ? (params.status ?? 'all') : 'published';
  if (status !== 'all') conditions.push(eq(faqArticles.status, status));
  if (params.locale) conditions.push(eq(faqArticles.locale, params.locale));
  if (params.categoryId !== undefined) conditions.push(eq(faqArticles.categoryId, params.categoryId));
  const rows = await db
    .select({ article: faqArticles })
    .from(faqArticles)
    .leftJoin(categories, eq(categories.id, faqArticles.categoryId))
    .where(and(...conditions))
    .orderBy(sql`${categories.position} asc nulls last`, asc(categories.id), asc(faqArticles.question))
    .limit(params.limit + 1);
  return {
    articles: rows.slice(0, params.limit).map((r) => summary(r.article, cats)),
    more: rows.length > params.limit,
    categories: [...cats.values()],
  };
}

export async function getArticleRow(db: Queryable, where: { id: number } | { slug: string }) {
  const [row] = await db
    .select()
    .from(faqArticles)
    .where('id' in where ? eq(faqArticles.id, where.id) : eq(faqArticles.slug, where.slug))
    .limit(1);
  return row ?? null;
}

/**
 * The article at this slug: the one that has it now, else the one that had it before a rename
 * (`redirectedFrom` is then the slug asked for, and `row.slug` the current one).
 */
export async function resolveArticleSlug(
  db: Queryable,
  slug: string,
): Promise<{ row: ArticleRow; redirectedFrom: string | null } | null> {
  const live = await getArticleRow(db, { slug });
  if (live) return { row: live, redirectedFrom: null };
  const [old] = await db
    .select({ article: faqArticles })
    .from(faqArticleSlugs)
    .innerJoin(faqArticles, eq(faqArticles.id, faqArticleSlugs.articleId))
    .where(eq(faqArticleSlugs.slug, slug))
    .limit(1);
  return old ? { row: old.article, redirectedFrom: slug } : null;
}

/**
 * The article as the actor may see it, or a 404 (drafts and unreadable categories look absent,
 * and so do their old slugs). Found by an old slug, `redirectedFrom` says which.
 */
export async function loadReadableArticle(
  db: Queryable,
  actor: Actor,
  where: { id: number } | { slug: string },
) {
  const found =
    'id' in where
      ? await getArticleRow(db, where).then((row) => (row ? { row, redirectedFrom: null } : null))
      : await resolveArticleSlug(db, where.slug);
  const cats = await readableCategoryMap(db, actor);
  if (!found || !visible(actor, found.row, cats)) throw new PluginError('not_found');
  return { row: found.row, cats, redirectedFrom: found.redirectedFrom };
}

/**
 * Locks the article for a write, in the caller's transaction, after checking the actor may read it:
 * staff who cannot read its category must not change what they cannot see (404, nothing written).
 */
async function lockReadableArticle(tx: Queryable, actor: Actor, id: number): Promise<ArticleRow> {
  const [row] = await tx.select().from(faqArticles).where(eq(faqArticles.id, id)).for('update');
  if (!row || !visible(actor, row, await readableCategoryMap(tx, actor))) throw new PluginError('not_found');
  return row;
}

export async function voteCounts(db: Queryable, articleId: number) {
  const [row] = await db
    .select({
      yes: sql<number>`count(*) filter (where ${faqVotes.helpful})::int`,
      no: sql<number>`count(*) filter (where not ${faqVotes.helpful})::int`,
    })
    .from(faqVotes)
    .where(eq(faqVotes.articleId, articleId));
  return { yes: row?.yes ?? 0, no: row?.no ?? 0 };
}

/** Published articles nearest to this one: shared tags first, then the same category. */
async function relatedArticles(db: Queryable, actor: Actor, row: ArticleRow, cats: Map<number, CategoryRef>) {
  const near: SQL[] = [];
  if (row.tags.length > 0) near.push(arrayOverlaps(faqArticles.tags, row.tags));
  if (row.categoryId !== null) near.push(eq(faqArticles.categoryId, row.categoryId));
  if (near.length === 0) return [];
  const candidates = await db
    .select()
    .from(faqArticles)
    .where(
      and(
        ne(faqArticles.id, row.id),
        eq(faqArticles.status, 'published'),
        eq(faqArticles.locale, row.locale),
        inReadable(cats),
        or(...near),
      ),
    )
    .orderBy(desc(faqArticles.updatedAt))
    .limit(200);
  const score = (r: ArticleRow) =>
    r.tags.filter((tag) => row.tags.includes(tag)).length * 2 + (r.categoryId === row.categoryId ? 1 : 0);
  return candidates
    .filter((r) => visible(actor, r, cats))
    .map((r) => ({ r, score: score(r) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map(({ r }) => summary(r, cats));
}

export async function articleView(
  db: Queryable,
  actor: Actor,
  row: ArticleRow,
  cats: Map<number, CategoryRef>,
  voter: string | null,
): Promise<ArticleView> {
  const staff = canWriteFaq(actor);
  const [author] = await db
    .select({ username: users.username, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, row.authorId));
  let source: ArticleView['source'] = null;
  if (row.sourceTopicId !== null) {
    const [topic] = await db
      .select({ id: topics.id, slug: topics.slug, title: topics.title, categoryId: topics.categoryId })
      .from(topics)
      .where(and(eq(topics.id, row.sourceTopicId), isNull(topics.deletedAt)));
    if (topic && cats.has(topic.categoryId))
      source = { topicId: topic.id, title: topic.title, url: topicPath(topic) };
  }
  const counts = await voteCounts(db, row.id);
  let myVote: ArticleView['myVote'] = null;
  if (voter) {
    const [vote] = await db
      .select({ helpful: faqVotes.helpful, comment: faqVotes.comment })
      .from(faqVotes)
      .where(and(eq(faqVotes.articleId, row.id), eq(faqVotes.voter, voter)));
    myVote = vote ?? null;
  }
  return {
    ...summary(row, cats),
    answerHtml: row.answerHtml,
    answer: staff ? row.answer : null,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    author: author ?? { username: '', displayName: '' },
    source,
    helpful: { yes: counts.yes, no: canSeeVoteDetails(actor) ? counts.no : null },
    myVote,
    related: await relatedArticles(db, actor, row, cats),
    canEdit: staff,
  };
}

const slugTaken = () =>
  new PluginError('conflict', 'error.conflict', { slug: { key: 'faq.field.slug_taken' } });

async function checkCategory(db: Queryable, actor: Actor, categoryId: number | null) {
  if (categoryId === null) return;
  const cats = await readableCategoryMap(db, actor);
  if (!cats.has(categoryId))
    throw new PluginError('validation', 'error.validation', { categoryId: { key: 'field.invalid' } });
}

/**
 * A slug for a new article: the one asked for (refused when an article has it; an old slug that
 * now only redirects may be taken), else derived from the question, avoiding old slugs so their
 * redirects keep working.
 */
async function chooseSlug(db: Queryable, question: string, wanted: string | undefined, exceptId?: number) {
  if (wanted !== undefined) {
    if (reservedSlugs.has(wanted)) throw slugTaken();
    const other = await getArticleRow(db, { slug: wanted });
    if (other && other.id !== exceptId) throw slugTaken();
    return wanted;
  }
  const base = articleSlug(question);
  const pattern = `^${base}-[0-9]+$`;
  const rows = await db.execute<{ slug: string }>(
    sql`select slug from ${faqArticles} where slug = ${base} or slug ~ ${pattern}
        union select slug from ${faqArticleSlugs} where slug = ${base} or slug ~ ${pattern}`,
  );
  return freeSlug(base, new Set(rows.map((r) => r.slug)));
}

/** Whether a database error is the unique index on article slugs. */
function isSlugViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; constraint_name?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === '23505') return e.constraint_name === 'faq_articles_slug_idx';
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Inserts the article under a free slug. Two people creating the same question at once both pick
 * the same generated slug: the later one takes the next free one instead of failing. The insert
 * runs in a savepoint so a violation leaves the caller's transaction usable.
 */
async function insertWithFreeSlug(
  tx: Queryable,
  question: string,
  wanted: string | undefined,
  values: Omit<typeof faqArticles.$inferInsert, 'slug'>,
): Promise<ArticleRow> {
  for (let attempt = 1; ; attempt++) {
    const slug = await chooseSlug(tx, question, wanted);
    try {
      return await tx.transaction(async (sp) => {
        const [row] = await sp
          .insert(faqArticles)
          .values({ ...values, slug })
          .returning();
        return row!;
      });
    } catch (error) {
      if (!isSlugViolation(error)) throw error;
      if (wanted !== undefined) throw slugTaken();
      if (attempt >= 5) throw new PluginError('conflict');
    }
  }
}

/**
 * Keeps `from` answering with a redirect to the article, which now lives at `to`. The old slug
 * points at this article from now on, whoever had it before; `to` redirects no more (the live
 * article wins, and a later rename away from it records it again).
 */
async function recordSlugChange(tx: Queryable, articleId: number, from: string, to: string) {
  await tx.delete(faqArticleSlugs).where(eq(faqArticleSlugs.slug, to));
  await tx
    .insert(faqArticleSlugs)
    .values({ slug: from, articleId })
    .onConflictDoUpdate({ target: faqArticleSlugs.slug, set: { articleId, createdAt: new Date() } });
}

function revisionOf(row: ArticleRow, editorId: number) {
  return {
    articleId: row.id,
    revision: row.revision,
    slug: row.slug,
    question: row.question,
    answer: row.answer,
    locale: row.locale,
    categoryId: row.categoryId,
    tags: row.tags,
    status: row.status,
    editorId,
  };
}

/** Creates an article with its first revision and its events, in the caller's transaction. */
export async function createArticle(
  tx: Queryable,
  actor: { id: number; role: NonNullable<Actor>['role'] },
  input: ArticleInput,
  source?: { topicId: number; postId: number | null },
): Promise<ArticleRow> {
  await checkCategory(tx, actor, input.categoryId);
  const article = await insertWithFreeSlug(tx, input.question, input.slug, {
    question: input.question,
    answer: input.answer,
    answerHtml: renderMarkdown(input.answer),
    locale: input.locale,
    categoryId: input.categoryId,
    tags: normalizeTags(input.tags),
    status: input.status,
    authorId: actor.id,
    sourceTopicId: source?.topicId ?? null,
    sourcePostId: source?.postId ?? null,
    publishedAt: input.status === 'published' ? new Date() : null,
  });
  // A slug that only redirected to another article now names this one.
  await tx.delete(faqArticleSlugs).where(eq(faqArticleSlugs.slug, article.slug));
  await tx.insert(faqArticleRevisions).values(revisionOf(article, actor.id));
  await recordEvent(tx, 'faq.article_created', actor.id, {
    articleId: article.id,
    status: article.status,
    locale: article.locale,
  });
  return article;
}

/**
 * Applies the changed fields as a new revision. `expectedRevision` guards against overwriting
 * someone else's edit made since the form was opened (409).
 */
export async function updateArticle(
  tx: Queryable,
  actor: { id: number; role: NonNullable<Actor>['role'] },
  id: number,
  patch: Partial<ArticleInput>,
  expectedRevision?: number,
): Promise<ArticleRow> {
  const current = await lockReadableArticle(tx, actor, id);
  if (expectedRevision !== undefined && expectedRevision !== current.revision)
    throw new PluginError('conflict', 'faq.error.edited_meanwhile');
  const next = {
    question: patch.question ?? current.question,
    answer: patch.answer ?? current.answer,
    locale: patch.locale ?? current.locale,
    categoryId: patch.categoryId !== undefined ? patch.categoryId : current.categoryId,
    tags: patch.tags !== undefined ? normalizeTags(patch.tags) : current.tags,
    status: patch.status ?? current.status,
    slug: patch.slug ?? current.slug,
  };
  const changes: string[] = [];
  if (next.question !== current.question) changes.push('question');
  if (next.answer !== current.answer) changes.push('answer');
  if (next.locale !== current.locale) changes.push('locale');
  if (next.categoryId !== current.categoryId) changes.push('category');
  if (next.tags.join('\u0000') !== current.tags.join('\u0000')) changes.push('tags');
  if (next.status !== current.status) changes.push('status');
  if (next.slug !== current.slug) changes.push('slug');
  if (changes.length === 0) return current;
  if (changes.includes('category')) await checkCategory(tx, actor, next.categoryId);
  if (changes.includes('slug')) await chooseSlug(tx, next.question, next.slug, id);
  const [row] = await tx
    .update(faqArticles)
    .set({
      ...next,
      answerHtml: changes.includes('answer') ? renderMarkdown(next.answer) : current.answerHtml,
      revision: current.revision + 1,
      updatedAt: new Date(),
      publishedAt: next.status === 'published' ? (current.publishedAt ?? new Date()) : current.publishedAt,
    })
    .where(eq(faqArticles.id, id))
    .returning()
    .catch((error: unknown) => {
      // Another article took the slug since it was checked: the same answer as when it had it before.
      throw isSlugViolation(error) ? slugTaken() : error;
    });
  const article = row!;
  if (changes.includes('slug')) await recordSlugChange(tx, id, current.slug, article.slug);
  await tx.insert(faqArticleRevisions).values(revisionOf(article, actor.id));
  await recordEvent(tx, 'faq.article_updated', actor.id, {
    articleId: id,
    revision: article.revision,
    changes,
    ...(changes.includes('slug') ? { slug: { from: current.slug, to: article.slug } } : {}),
  });
  if (next.status !== current.status)
    await recordEvent(
      tx,
      next.status === 'published' ? 'faq.article_published' : 'faq.article_unpublished',
      actor.id,
      { articleId: id },
    );
  return article;
}

export async function deleteArticle(
  tx: Queryable,
  actor: { id: number; role: NonNullable<Actor>['role'] },
  id: number,
) {
  await lockReadableArticle(tx, actor, id);
  await tx.delete(faqArticles).where(eq(faqArticles.id, id));
  await recordEvent(tx, 'faq.article_deleted', actor.id, { articleId: id });
}

export async function listRevisions(db: Queryable, articleId: number) {
  const rows = await db
    .select({
      revision: faqArticleRevisions.revision,
      slug: faqArticleRevisions.slug,
      question: faqArticleRevisions.question,
      answer: faqArticleRevisions.answer,
      locale: faqArticleRevisions.locale,
      categoryId: faqArticleRevisions.categoryId,
      tags: faqArticleRevisions.tags,
      status: faqArticleRevisions.status,
      createdAt: faqArticleRevisions.createdAt,
      editor: { username: users.username, displayName: users.displayName },
    })
    .from(faqArticleRevisions)
    .innerJoin(users, eq(users.id, faqArticleRevisions.editorId))
    .where(eq(faqArticleRevisions.articleId, articleId))
    .orderBy(desc(faqArticleRevisions.revision));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
