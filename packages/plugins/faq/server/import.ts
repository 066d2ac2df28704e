import { categories, type Database, type Queryable, recordEvents } from '@parvis/db';
import type { DomainEventMap } from '@parvis/domain';
import { renderMarkdown } from '@parvis/domain/markdown';
import { inArray, sql } from 'drizzle-orm';
import { articleSlug, freeSlug, limits, normalizeTags } from '../domain/articles';
import '../domain/events';
import { faqArticleRevisions, faqArticleSlugs, faqArticles } from '../db/schema';

export interface FaqImportItem {
  question: string;
  /** Markdown. */
  answer: string;
  locale: 'fr' | 'en';
  /** Slug of a forum category. */
  category?: string;
  tags?: string[];
  /** The article's id in the source; importing it again updates that article. */
  externalId?: string;
  /** Default `published`. */
  status?: 'published' | 'draft';
}

/** An item the import refuses, with its position in the list so the source can be fixed. */
export class FaqImportError extends Error {
  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`FAQ import item ${index}: ${reason}`);
  }
}

interface Prepared {
  question: string;
  answer: string;
  answerHtml: string;
  locale: 'fr' | 'en';
  categoryId: number | null;
  tags: string[];
  status: 'published' | 'draft';
  externalId: string | null;
}

const chunk = 500;

function check(item: FaqImportItem, index: number, seen: Set<string>) {
  const question = item.question?.trim() ?? '';
  if (question.length < limits.question.min || question.length > limits.question.max)
    throw new FaqImportError(
      index,
      `question must be ${limits.question.min}–${limits.question.max} characters`,
    );
  const answer = item.answer?.trim() ?? '';
  if (answer.length < limits.answer.min || answer.length > limits.answer.max)
    throw new FaqImportError(index, `answer must be ${limits.answer.min}–${limits.answer.max} characters`);
  if (item.locale !== 'fr' && item.locale !== 'en')
    throw new FaqImportError(index, 'locale must be fr or en');
  if (item.status !== undefined && item.status !== 'published' && item.status !== 'draft')
    throw new FaqImportError(index, 'status must be published or draft');
  if (item.externalId !== undefined) {
    if (item.externalId.length === 0 || item.externalId.length > 200)
      throw new FaqImportError(index, 'externalId must be 1–200 characters');
    if (seen.has(item.externalId)) throw new FaqImportError(index, `externalId ${item.externalId} repeats`);
    seen.add(item.externalId);
  }
  return { question, answer };
}

/**
 * Imports FAQ articles the way the API writes them: rendered answers, a revision per change and
 * events in the same transaction. Idempotent on `externalId`: an article imported again is
 * updated only when something changed (`updated`), otherwise left as it is. Items without an
 * `externalId` are always created. All or nothing: an invalid item aborts the whole import.
 * Returns the article ids in the order of `items`. Given a transaction, it runs inside it.
 */
export async function importFaqArticles(
  db: Database | Queryable,
  items: FaqImportItem[],
  options: { authorId: number },
): Promise<{ created: number; updated: number; ids: number[] }> {
  const seen = new Set<string>();
  const checked = items.map((item, index) => check(item, index, seen));
  if (items.length === 0) return { created: 0, updated: 0, ids: [] };

  return db.transaction(async (tx) => {
    const slugs = [...new Set(items.flatMap((item) => (item.category ? [item.category] : [])))];
    const categoryIds = new Map<string, number>();
    if (slugs.length > 0) {
      const rows = await tx
        .select({ id: categories.id, slug: categories.slug })
        .from(categories)
        .where(inArray(categories.slug, slugs));
      for (const row of rows) categoryIds.set(row.slug, row.id);
    }

    const prepared: Prepared[] = items.map((item, index) => {
      const { question, answer } = checked[index]!;
      let categoryId: number | null = null;
      if (item.category) {
        const id = categoryIds.get(item.category);
        if (id === undefined) throw new FaqImportError(index, `no category with slug ${item.category}`);
        categoryId = id;
      }
      return {
        question,
        answer,
        answerHtml: renderMarkdown(answer),
        locale: item.locale,
        categoryId,
        tags: normalizeTags(item.tags ?? []),
        status: item.status ?? 'published',
        externalId: item.externalId ?? null,
      };
    });

    // Articles imported before, by external id.
    const existing = new Map<string, typeof faqArticles.$inferSelect>();
    const externalIds = prepared.flatMap((p) => (p.externalId ? [p.externalId] : []));
    for (let start = 0; start < externalIds.length; start += 5000) {
      const rows = await tx
        .select()
        .from(faqArticles)
        .where(inArray(faqArticles.externalId, externalIds.slice(start, start + 5000)));
      for (const row of rows) existing.set(row.externalId!, row);
    }

    // Slugs for new articles: the question's, suffixed when another article has it or had it
    // (its old address keeps redirecting to it).
    const fresh = prepared
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => !existing.has(p.externalId ?? ''));
    const bases = [...new Set(fresh.map(({ p }) => articleSlug(p.question)))];
    const taken = new Set<string>();
    for (let start = 0; start < bases.length; start += 5000) {
      const rows = await tx.execute<{ slug: string }>(
        sql`with wanted as (
              select jsonb_array_elements_text(${JSON.stringify(bases.slice(start, start + 5000))}::jsonb) as base)
            select slug from ${faqArticles} where regexp_replace(slug, '-[0-9]+$', '') in (select base from wanted)
            union
            select slug from ${faqArticleSlugs} where regexp_replace(slug, '-[0-9]+$', '') in (select base from wanted)`,
      );
      for (const row of rows) taken.add(row.slug);
    }

    const ids: number[] = new Array(items.length);
    const revisions: (typeof faqArticleRevisions.$inferInsert)[] = [];
    type Event = { [K in keyof DomainEventMap]: { type: K; actorId: number; payload: DomainEventMap[K] } }[
      | 'faq.article_created'
      | 'faq.article_updated'
      | 'faq.article_published'
      | 'faq.article_unpublished'];
    const events: Event[] = [];
    const actorId = options.authorId;

    for (let start = 0; start < fresh.length; start += chunk) {
      const slice = fresh.slice(start, start + chunk);
      const values = slice.map(({ p }) => {
        const slug = freeSlug(articleSlug(p.question), taken);
        taken.add(slug);
        return {
          ...p,
          slug,
          authorId: actorId,
          publishedAt: p.status === 'published' ? new Date() : null,
        };
      });
      const rows = await tx
        .insert(faqArticles)
        .values(values)
        .returning({ id: faqArticles.id, slug: faqArticles.slug });
      rows.forEach((row, i) => {
        const { p, index } = slice[i]!;
        ids[index] = row.id;
        revisions.push({
          articleId: row.id,
          revision: 1,
          slug: row.slug,
          ...revisionFields(p),
          editorId: actorId,
        });
        events.push({
          type: 'faq.article_created',
          actorId,
          payload: { articleId: row.id, status: p.status, locale: p.locale },
        });
      });
    }

    // Articles imported before: rewrite those whose content changed, one statement per chunk.
    const changed: {
      id: number;
      revision: number;
      p: Prepared;
      slug: string;
      changes: string[];
      was: string;
    }[] = [];
    prepared.forEach((p, index) => {
      const row = p.externalId ? existing.get(p.externalId) : undefined;
      if (!row) return;
      ids[index] = row.id;
      const changes = changedFields(row, p);
      if (changes.length > 0)
        changed.push({ id: row.id, revision: row.revision + 1, p, slug: row.slug, changes, was: row.status });
    });
    for (let start = 0; start < changed.length; start += chunk) {
      const slice = changed.slice(start, start + chunk);
      // One JSON parameter per chunk: drizzle would spread JS arrays into lists of parameters.
      const rows = JSON.stringify(
        slice.map(({ id, revision, p }) => ({
          id,
          revision,
          question: p.question,
          answer: p.answer,
          answer_html: p.answerHtml,
          locale: p.locale,
          category_id: p.categoryId,
          tags: p.tags,
          status: p.status,
        })),
      );
      await tx.execute(sql`
        update ${faqArticles} as a set
          question = v.question, answer = v.answer, answer_html = v.answer_html, locale = v.locale,
          category_id = v.category_id, tags = array(select jsonb_array_elements_text(v.tags)),
          status = v.status, revision = v.revision, updated_at = now(),
          published_at = case when v.status = 'published' then coalesce(a.published_at, now()) else a.published_at end
        from jsonb_to_recordset(${rows}::jsonb) as v(id bigint, revision integer, question text, answer text,
          answer_html text, locale text, category_id integer, tags jsonb, status text)
        where a.id = v.id`);
    }
    for (const { id, revision, p, slug, changes, was } of changed) {
      revisions.push({ articleId: id, revision, slug, ...revisionFields(p), editorId: actorId });
      events.push({ type: 'faq.article_updated', actorId, payload: { articleId: id, revision, changes } });
      if (was !== p.status)
        events.push({
          type: p.status === 'published' ? 'faq.article_published' : 'faq.article_unpublished',
          actorId,
          payload: { articleId: id },
        });
    }

    for (let start = 0; start < revisions.length; start += chunk)
      await tx.insert(faqArticleRevisions).values(revisions.slice(start, start + chunk));
    await recordEvents(tx, events);
    return { created: fresh.length, updated: changed.length, ids };
  });
}

function revisionFields(p: Prepared) {
  return {
    question: p.question,
    answer: p.answer,
    locale: p.locale,
    categoryId: p.categoryId,
    tags: p.tags,
    status: p.status,
  };
}

function changedFields(row: typeof faqArticles.$inferSelect, p: Prepared): string[] {
  const changes: string[] = [];
  if (row.question !== p.question) changes.push('question');
  if (row.answer !== p.answer) changes.push('answer');
  if (row.locale !== p.locale) changes.push('locale');
  if (row.categoryId !== p.categoryId) changes.push('category');
  if (row.tags.join('\u0000') !== p.tags.join('\u0000')) changes.push('tags');
  if (row.status !== p.status) changes.push('status');
  return changes;
}
