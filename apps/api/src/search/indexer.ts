import type { Queryable } from '@parvis/db';
import { type DomainEvent, type DomainEventType, searchableEventTypes } from '@parvis/domain';
import type { SearchEngine } from '@parvis/search';
import type { Listener } from '../events/dispatcher';
import type { PluginExtensions } from '../plugins/extensions';
import { allDocuments, loadTopicDocuments } from './documents';

/** Rebuilds an index from PostgreSQL, the source of truth: forum posts, then plugins' documents. */
export async function rebuildIndex(
  db: Queryable,
  engine: SearchEngine,
  extensions: PluginExtensions,
): Promise<number> {
  await engine.clear();
  let total = 0;
  const sources = [allDocuments(db, extensions), ...extensions.searchSources.map((s) => s.allDocuments(db))];
  for (const source of sources) {
    for await (const docs of source) {
      await engine.upsert(docs);
      total += docs.length;
    }
  }
  return total;
}

/** Keeps the index in step with the event log: each touched topic is re-read from PostgreSQL. */
export function searchIndexListener(engine: SearchEngine, extensions: PluginExtensions): Listener {
  const topicEvents = new Set<DomainEventType>([...searchableEventTypes, ...extensions.topicReindexEvents]);
  const types = [...new Set([...topicEvents, ...extensions.searchSources.flatMap((s) => s.events)])];
  return {
    name: `search:${engine.name}`,
    types,
    // An in-process index lives in each instance; a shared engine is fed by one instance at a time.
    mode: engine.name === 'embedded' ? 'local' : 'shared',
    async handle(events: DomainEvent[], db: Queryable) {
      const topicIds = new Set<number>();
      for (const event of events) {
        if (!topicEvents.has(event.type)) continue;
        const topicId = (event.payload as { topicId?: number }).topicId;
        if (typeof topicId === 'number') topicIds.add(topicId);
      }
      const changes = [await loadTopicDocuments(db, [...topicIds], extensions)];
      for (const source of extensions.searchSources) {
        const relevant = events.filter((event) => source.events.includes(event.type));
        if (relevant.length > 0) changes.push(await source.documentsFor(db, relevant));
      }
      const remove = changes.flatMap((change) => change.remove);
      const upsert = changes.flatMap((change) => change.upsert);
      if (remove.length > 0) await engine.remove(remove);
      if (upsert.length > 0) await engine.upsert(upsert);
    },
  };
}
