import { type Database, recordEvent } from '@parvis/db';
import type { DomainEventMap, DomainEventType } from '@parvis/domain';
import { z } from 'zod';

export { locales, usernamePattern } from '@parvis/domain';

/** Records an event that accompanies no other write (e.g. a sign-in), in its own transaction. */
export function recordEventOutside<T extends DomainEventType>(
  db: Database,
  type: T,
  actorId: number | null,
  payload: DomainEventMap[T],
) {
  return db.transaction((tx) => recordEvent(tx, type, actorId, payload));
}

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
