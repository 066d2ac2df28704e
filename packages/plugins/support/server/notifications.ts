import { notifications } from '@parvis/db';
import type { DomainEvent } from '@parvis/domain';
import type { ListenerContext } from '@parvis/plugin-sdk';
import { and, eq, sql } from 'drizzle-orm';
import '../domain/events';

/**
 * Tells the author of a reply that it was accepted as the answer (not when they accepted it
 * themselves). Accepting the same reply again after an undo does not notify twice.
 *
 * The notification names the topic rather than the post: core keeps one notification per
 * person and post, so a like on the reply would otherwise swallow this one. It opens the
 * question, where the accepted answer is shown right under it.
 */
export async function notifyAnswerer(
  event: DomainEvent<'answer.accepted'>,
  { tx, services }: ListenerContext,
) {
  const { answererId, topicId, postId } = event.payload;
  if (answererId === event.actorId) return;
  const [already] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, answererId),
        eq(notifications.kind, 'answer_accepted'),
        eq(notifications.topicId, topicId),
        sql`${notifications.data}->>'post' = ${String(postId)}`,
      ),
    )
    .limit(1);
  if (already) return;
  await services.notify(tx, {
    userId: answererId,
    kind: 'answer_accepted',
    actorId: event.actorId,
    topicId,
    data: { post: postId },
    occurredAt: event.createdAt,
  });
}
