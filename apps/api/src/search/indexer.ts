import type { Queryable } from '@parvis/db';
import { type DomainEvent, searchableEventTypes } from '@parvis/domain';
import type { SearchEngine } from '@parvis/search';
import type { Listener } from '../events/dispatcher';
import { allDocuments, loadTopicDocuments } from './documents';

/** Rebuilds an index from PostgreSQL, the source of truth. */
export async function rebuildIndex(db: Queryable, engine: SearchEngine): Promise<number> {
  await engine.clear();
  let total = 0;
  for await (const docs of allDocuments(db)) {
    await engine.upsert(docs);
    total += docs.length;
  }
  return total;
}

/** Keeps the index in step with the event log: each touched topic is re-read from PostgreSQL. */
export function searchIndexListener(engine: SearchEngine): Listener {
  return {
    name: `search:${engine.name}`,
    types: searchableEventTypes,
    // An in-process index lives in each instance; a shared engine is fed by one instance at a time.
    mode: engine.name === 'embedded' ? 'local' : 'shared',
    async handle(events: DomainEvent[], db: Queryable) {
      const topicIds = new Set<number>();
      for (const event of events) {
        const topicId = (event.payload as { topicId?: number }).topicId;
        if (typeof topicId === 'number') topicIds.add(topicId);
      }
      const { upsert, remove } = await loadTopicDocuments(db, [...topicIds]);
      if (remove.length > 0) await engine.remove(remove);
      if (upsert.length > 0) await engine.upsert(upsert);
    },
  };
}
