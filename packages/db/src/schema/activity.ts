import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Domain events, written in the same transaction as the change they describe. Read as the
 * activity log (badges, tiers, insights) and drained as the outbox (search indexing).
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_type_idx').on(t.type, t.id), index('events_actor_idx').on(t.actorId, t.id)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `reply`, `mention`, `like`, or a plugin's own kind such as `welcome`. */
    kind: text('kind').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    topicId: integer('topic_id'),
    postId: integer('post_id'),
    data: jsonb('data').notNull().$type<Record<string, string | number>>().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id.desc().nullsFirst())],
);

/** How far a shared consumer (e.g. the Meilisearch indexer) has read the event log. */
export const eventCursors = pgTable('event_cursors', {
  name: text('name').primaryKey(),
  lastEventId: integer('last_event_id').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
