import type { Queryable } from '@parvis/db';
import type { Actor, DomainEventType } from '@parvis/domain';
import type {
  PluginDefinition,
  SearchSource,
  TopicExtension,
  TopicFacts,
  TopicFilter,
} from '@parvis/plugin-sdk';

export type PluginData = Record<string, unknown>;
export type TopicSearchFields = { solved?: boolean; extraText?: string };

/** The enabled plugins' additions to core topics, categories and search, gathered once at start. */
export interface PluginExtensions {
  /** Per topic id, `{ <plugin id>: data }` for the topics that any plugin has data for. */
  topicData(db: Queryable, topicIds: number[], viewer: Actor): Promise<Map<number, PluginData>>;
  categoryData(db: Queryable, categoryIds: number[], viewer: Actor): Promise<Map<number, PluginData>>;
  /**
   * A topic's plugin data as `member` gets it, from what `topicData` gave another member of their
   * role (see `TopicExtension.dataAsMember`); null when a plugin cannot derive it so.
   */
  topicDataAsMember(data: PluginData, member: NonNullable<Actor>, topic: TopicFacts): PluginData | null;
  /** List filters by query parameter name. */
  topicFilters: ReadonlyMap<string, TopicFilter>;
  topicSearchFields(db: Queryable, topicIds: number[]): Promise<Map<number, TopicSearchFields>>;
  /** Plugin events after which a topic's search documents are rebuilt. */
  topicReindexEvents: readonly DomainEventType[];
  /** Plugin events an open topic page follows live (see `TopicExtension.liveEvents`). */
  topicLiveEvents: readonly DomainEventType[];
  searchSources: readonly SearchSource[];
}

type DataLoader = (db: Queryable, ids: number[], viewer: Actor) => Promise<Map<number, unknown>>;

/** Runs every plugin's loader for the same ids and files each result under the plugin's id. */
async function gather(loaders: [string, DataLoader][], db: Queryable, ids: number[], viewer: Actor) {
  const merged = new Map<number, PluginData>();
  if (ids.length === 0 || loaders.length === 0) return merged;
  const results = await Promise.all(loaders.map(([, load]) => load(db, ids, viewer)));
  results.forEach((byId, index) => {
    const pluginId = loaders[index]![0];
    for (const [id, data] of byId) {
      const entry = merged.get(id) ?? {};
      entry[pluginId] = data;
      merged.set(id, entry);
    }
  });
  return merged;
}

export function collectExtensions(plugins: readonly PluginDefinition[]): PluginExtensions {
  const topicLoaders: [string, DataLoader][] = [];
  const asMember: [string, NonNullable<TopicExtension['dataAsMember']> | undefined][] = [];
  const categoryLoaders: [string, DataLoader][] = [];
  const filters = new Map<string, TopicFilter>();
  const searchFieldLoaders: NonNullable<NonNullable<PluginDefinition['topics']>['searchFields']>[] = [];
  const reindex = new Set<DomainEventType>();
  const live = new Set<DomainEventType>();
  const sources: SearchSource[] = [];
  for (const plugin of plugins) {
    const { topics, categories, search } = plugin;
    if (topics?.data) {
      topicLoaders.push([plugin.id, topics.data]);
      asMember.push([plugin.id, topics.dataAsMember]);
    }
    if (categories?.data) categoryLoaders.push([plugin.id, categories.data]);
    for (const [name, filter] of Object.entries(topics?.filters ?? {})) {
      // Two plugins answering the same parameter would make lists ambiguous: refuse to start.
      if (filters.has(name)) throw new Error(`Plugin ${plugin.id} redefines the topic filter "${name}"`);
      filters.set(name, filter);
    }
    if (topics?.searchFields) searchFieldLoaders.push(topics.searchFields);
    for (const type of topics?.reindexOn ?? []) reindex.add(type);
    for (const type of topics?.liveEvents ?? []) {
      // The name becomes an SSE `event:` line: nothing that could break the stream's framing.
      if (!/^[a-z0-9_.-]{1,64}$/i.test(type))
        throw new Error(`Plugin ${plugin.id} declares an invalid live event type "${type}"`);
      live.add(type);
    }
    if (search) sources.push(search);
  }
  return {
    topicData: (db, ids, viewer) => gather(topicLoaders, db, ids, viewer),
    categoryData: (db, ids, viewer) => gather(categoryLoaders, db, ids, viewer),
    topicDataAsMember(data, member, topic) {
      const derived: PluginData = {};
      for (const [pluginId, derive] of asMember) {
        // Whether a plugin has data for a topic depends on the role at most (see `dataAsMember`).
        if (!derive) return null;
        if (pluginId in data) derived[pluginId] = derive(data[pluginId], member, topic);
      }
      return derived;
    },
    topicFilters: filters,
    async topicSearchFields(db, topicIds) {
      const merged = new Map<number, TopicSearchFields>();
      if (topicIds.length === 0) return merged;
      for (const load of searchFieldLoaders) {
        for (const [id, fields] of await load(db, topicIds)) {
          const entry = merged.get(id) ?? {};
          if (fields.solved !== undefined) entry.solved = fields.solved;
          if (fields.extraText)
            entry.extraText = [entry.extraText, fields.extraText].filter(Boolean).join('\n\n');
          merged.set(id, entry);
        }
      }
      return merged;
    },
    topicReindexEvents: [...reindex],
    topicLiveEvents: [...live],
    searchSources: sources,
  };
}

/** No plugins: what tests of the core alone and the CLI without plugins use. */
export const noExtensions: PluginExtensions = collectExtensions([]);
