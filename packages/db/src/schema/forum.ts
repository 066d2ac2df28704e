import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

const audience = ['guest', 'member', 'moderator', 'admin'] as const;

export const categories = pgTable('categories', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
  readAudience: text('read_audience', { enum: audience }).notNull().default('guest'),
  postAudience: text('post_audience', { enum: audience }).notNull().default('member'),
  /** Visible topics, kept by the commands that create, delete and restore topics (read on every page). */
  topicCount: integer('topic_count').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const topics = pgTable(
  'topics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    /** Replies, not counting the opening post; deleted replies excluded. */
    replyCount: integer('reply_count').notNull().default(0),
    likeCount: integer('like_count').notNull().default(0),
    locked: boolean('locked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastPostedAt: timestamp('last_posted_at', { withTimezone: true }).notNull().defaultNow(),
    lastPosterId: integer('last_poster_id').references(() => users.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    // Keyset pagination over visible topics: (last_posted_at, id) for "latest", (like_count, id)
    // for "top". Partial, so PostgreSQL walks them and stops after one page instead of sorting.
    index('topics_latest_idx')
      .on(t.lastPostedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.deletedAt} is null`),
    index('topics_category_latest_idx')
      .on(t.categoryId, t.lastPostedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.deletedAt} is null`),
    index('topics_top_idx')
      .on(t.likeCount.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.deletedAt} is null`),
    index('topics_author_idx').on(t.authorId),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    /** 1 for the opening post, then 2, 3... in order of creation within the topic. */
    number: integer('number').notNull(),
    body: text('body').notNull(),
    /** Sanitized HTML rendered from `body` by the one renderer, cached at write time. */
    html: text('html').notNull(),
    likeCount: integer('like_count').notNull().default(0),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('posts_topic_number_idx').on(t.topicId, t.number),
    index('posts_author_idx').on(t.authorId, t.createdAt.desc().nullsFirst()),
  ],
);

/** Every earlier version of a post (and of the topic title when the opening post is edited). */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    revision: integer('revision').notNull(),
    body: text('body').notNull(),
    title: text('title'),
    editorId: integer('editor_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('post_revisions_post_rev_idx').on(t.postId, t.revision)],
);

export const postLikes = pgTable(
  'post_likes',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_likes_user_idx').on(t.userId)],
);
