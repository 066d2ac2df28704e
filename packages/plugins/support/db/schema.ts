import { categories, posts, topics, users } from '@parvis/db';
import { boolean, index, integer, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Categories an admin marked as Q&A: their topics are questions that can be solved. */
export const supportCategories = pgTable('support_categories', {
  categoryId: integer('category_id')
    .primaryKey()
    .references(() => categories.id, { onDelete: 'cascade' }),
  qa: boolean('qa').notNull().default(false),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A question's accepted answer, at most one per topic. It counts only while the reply is not
 * deleted (the row stays, so restoring the reply restores the answer).
 */
export const supportAnswers = pgTable(
  'support_answers',
  {
    topicId: integer('topic_id')
      .primaryKey()
      .references(() => topics.id, { onDelete: 'cascade' }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    acceptedBy: integer('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('support_answers_post_idx').on(t.postId)],
);

/** "I'm on it": the staff member handling an open question. */
export const supportClaims = pgTable(
  'support_claims',
  {
    topicId: integer('topic_id')
      .primaryKey()
      .references(() => topics.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_claims_user_idx').on(t.userId)],
);
