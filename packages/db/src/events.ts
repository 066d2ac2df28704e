import type { DomainEvent, DomainEventMap, DomainEventType } from '@parvis/domain';
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from './connection';
import { events } from './schema/activity';

/** Channel on which committed events are announced to every API instance. */
export const eventsChannel = 'parvis_events';

// Event ids must follow commit order, or a reader that remembers "last id seen" could skip a
// row whose transaction committed late. Taking this lock before inserting serialises event
// writers until commit, so ids are handed out in commit order.
const eventOrderLock = 7_424_001;

/** Writes a domain event inside the caller's transaction; it becomes visible at commit. */
export async function recordEvent<T extends DomainEventType>(
  tx: Queryable,
  type: T,
  actorId: number | null,
  payload: DomainEventMap[T],
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${eventOrderLock})`);
  const [row] = await tx
    .insert(events)
    .values({ type, actorId, payload: payload as unknown as Record<string, unknown> })
    .returning({ id: events.id });
  await tx.execute(sql`select pg_notify(${eventsChannel}, ${String(row!.id)})`);
  return row!.id;
}

export async function listEventsAfter(
  db: Queryable,
  afterId: number,
  limit: number,
  types?: readonly DomainEventType[],
): Promise<DomainEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(gt(events.id, afterId), types ? inArray(events.type, [...types]) : undefined))
    .orderBy(asc(events.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, type: r.type as DomainEventType, payload: r.payload as never }));
}

export async function getLastEventId(db: Queryable): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` }).from(events);
  return row?.id ?? 0;
}

/**
 * Writes many events at once inside the caller's transaction (e.g. a bulk import): one lock,
 * one multi-row insert per chunk, one notification. Returns their ids in the given order.
 */
export async function recordEvents<T extends DomainEventType>(
  tx: Queryable,
  list: readonly { type: T; actorId: number | null; payload: DomainEventMap[T] }[],
): Promise<number[]> {
  if (list.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${eventOrderLock})`);
  const ids: number[] = [];
  for (let start = 0; start < list.length; start += 2000) {
    const rows = await tx
      .insert(events)
      .values(
        list.slice(start, start + 2000).map((event) => ({
          type: event.type,
          actorId: event.actorId,
          payload: event.payload as unknown as Record<string, unknown>,
        })),
      )
      .returning({ id: events.id });
    ids.push(...rows.map((row) => row.id));
  }
  await tx.execute(sql`select pg_notify(${eventsChannel}, ${String(ids.at(-1))})`);
  return ids;
}
