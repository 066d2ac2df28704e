import { categories, topics, users } from '@parvis/db';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const locales = ['fr', 'en'] as const;
const statuses = ['published', 'draft'] as const;

/** One question and its answer, in one language. Categories are the forum's own. */
export const faqArticles = pgTable(
  'faq_articles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    slug: text('slug').notNull(),
    question: text('question').notNull(),
    /** Markdown. */
    answer: text('answer').notNull(),
    /** Sanitized HTML rendered from `answer` by the one renderer, cached at write time. */
    answerHtml: text('answer_html').notNull(),
    locale: text('locale', { enum: locales }).notNull(),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: statuses }).notNull().default('draft'),
    /** The id an import gave the article, so importing again updates instead of duplicating. */
    externalId: text('external_id'),
    /** The community thread the article was promoted from. */
    sourceTopicId: integer('source_topic_id').references(() => topics.id, { onDelete: 'set null' }),
    sourcePostId: integer('source_post_id'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('faq_articles_slug_idx').on(t.slug),
    uniqueIndex('faq_articles_external_id_idx').on(t.externalId),
    index('faq_articles_list_idx').on(t.status, t.locale, t.categoryId),
    index('faq_articles_source_topic_idx').on(t.sourceTopicId),
  ],
);

/**
 * Addresses an article had before its slug changed: `/faq/<old slug>` answers a permanent redirect
 * to the article's current address. One row per old slug, pointing at the article that last had it,
 * so a chain of renames resolves in one hop. A live article with the same slug wins over a row here.
 */
export const faqArticleSlugs = pgTable(
  'faq_article_slugs',
  {
    slug: text('slug').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => faqArticles.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('faq_article_slugs_article_idx').on(t.articleId)],
);

/** Every version of an article, the current one included, for the history staff read. */
export const faqArticleRevisions = pgTable(
  'faq_article_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => faqArticles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    slug: text('slug').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    locale: text('locale', { enum: locales }).notNull(),
    categoryId: integer('category_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: statuses }).notNull(),
    editorId: integer('editor_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('faq_article_revisions_article_rev_idx').on(t.articleId, t.revision)],
);

/**
 * "Was this helpful?" One row per voter and article: `voter` is `u:<user id>` for members and
 * `g:<random browser id>` for guests, so changing one's mind updates the row.
 */
export const faqVotes = pgTable(
  'faq_votes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => faqArticles.id, { onDelete: 'cascade' }),
    voter: text('voter').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('faq_votes_article_voter_idx').on(t.articleId, t.voter),
    index('faq_votes_article_updated_idx').on(t.articleId, t.updatedAt),
  ],
);

const outcomes = ['posted', 'deflected', 'abandoned'] as const;

/**
 * One visit to the new-topic composer (or to the FAQ search), identified by a random id the
 * browser makes: what it was shown, what it opened, and how the visit ended.
 */
export const faqDeflectionSessions = pgTable(
  'faq_deflection_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    locale: text('locale', { enum: locales }).notNull(),
    /** Suggestions shown (each distinct suggestion counted once). */
    shownCount: integer('shown_count').notNull().default(0),
    shownIds: text('shown_ids').array().notNull().default(sql`'{}'::text[]`),
    openedCount: integer('opened_count').notNull().default(0),
    openedIds: text('opened_ids').array().notNull().default(sql`'{}'::text[]`),
    /** null while the visit is going on. */
    outcome: text('outcome', { enum: outcomes }),
    postedTopicId: integer('posted_topic_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('faq_deflection_sessions_created_idx').on(t.createdAt)],
);

/** Searches that found nothing: what people look for that neither the FAQ nor the forum answers. */
export const faqContentGaps = pgTable(
  'faq_content_gaps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    query: text('query').notNull(),
    /** Lowercase, accents folded, single spaces: what gaps are grouped by. */
    normalized: text('normalized').notNull(),
    locale: text('locale', { enum: locales }).notNull(),
    sessionId: text('session_id'),
    source: text('source', { enum: ['composer', 'faq'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('faq_content_gaps_created_idx').on(t.createdAt),
    index('faq_content_gaps_session_idx').on(t.sessionId),
  ],
);
