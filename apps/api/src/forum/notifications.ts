import { notifications, type Queryable, topics } from '@parvis/db';
import type { DomainEvent } from '@parvis/domain';
import type { NotificationInput } from '@parvis/plugin-sdk';
import { and, eq, sql } from 'drizzle-orm';
import type { Listener } from '../events/dispatcher';

export type Notify = (tx: Queryable, n: NotificationInput) => Promise<void>;

/** Runs in the transaction that adds a notification (e.g. to queue its email). */
export type NotificationAdded = (
  tx: Queryable,
  notification: { id: number; userId: number; kind: string; postId: number | null; occurredAt: Date | null },
) => Promise<void>;

/**
 * Makes notify(): adds an in-app notification, then calls `onAdded` in the same transaction.
 * One per person and post: a reply that also mentions the topic author, or a like repeated
 * after an unlike, does not notify twice.
 */
export function createNotify(onAdded?: NotificationAdded): Notify {
  return async (tx, n) => {
    const values = {
      userId: n.userId,
      kind: n.kind,
      actorId: n.actorId ?? null,
      topicId: n.topicId ?? null,
      postId: n.postId ?? null,
      data: n.data ?? {},
    };
    if (n.postId) {
      const [existing] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, n.userId), eq(notifications.postId, n.postId)))
        .limit(1);
      if (existing) return;
    }
    const [added] = await tx.insert(notifications).values(values).returning({ id: notifications.id });
    await onAdded?.(tx, {
      id: added!.id,
      userId: n.userId,
      kind: n.kind,
      postId: n.postId ?? null,
      occurredAt: n.occurredAt ?? null,
    });
    await tx.execute(sql`select pg_notify('parvis_notifications', ${String(n.userId)})`);
  };
}

export const notificationListener = (notify: Notify): Listener => ({
  name: 'notifications',
  types: ['post.created', 'user.mentioned', 'post.liked'],
  mode: 'shared',
  async handle(events: DomainEvent[], tx: Queryable) {
    for (const event of events) {
      const actorId = event.actorId;
      if (event.type === 'user.mentioned') {
        const p = event.payload as DomainEvent<'user.mentioned'>['payload'];
        await notify(tx, {
          userId: p.mentionedUserId,
          kind: 'mention',
          actorId,
          topicId: p.topicId,
          postId: p.postId,
          occurredAt: event.createdAt,
        });
      } else if (event.type === 'post.created') {
        const p = event.payload as DomainEvent<'post.created'>['payload'];
        const [topic] = await tx
          .select({ authorId: topics.authorId })
          .from(topics)
          .where(eq(topics.id, p.topicId));
        if (topic && topic.authorId !== actorId) {
          await notify(tx, {
            userId: topic.authorId,
            kind: 'reply',
            actorId,
            topicId: p.topicId,
            postId: p.postId,
            occurredAt: event.createdAt,
          });
        }
      } else if (event.type === 'post.liked') {
        const p = event.payload as DomainEvent<'post.liked'>['payload'];
        if (p.authorId !== actorId) {
          await notify(tx, {
            userId: p.authorId,
            kind: 'like',
            actorId,
            topicId: p.topicId,
            postId: p.postId,
            occurredAt: event.createdAt,
          });
        }
      }
    }
  },
});
