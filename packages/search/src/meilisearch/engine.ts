import { type EnqueuedTaskPromise, type Index, Meilisearch, type Settings, type Task } from 'meilisearch';
import { fold, hasSearchableWords } from '../analysis';
import { checkDocument, paging } from '../paging';
import { englishStopWords, frenchElisions, frenchStopWords } from '../stopwords';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from '../types';
import { encodeKey, type MeiliDocument, primaryKey, toMeiliDocument } from './documents';
import { buildFilter } from './filter';
import { formatParams, toHit } from './hits';

export interface MeilisearchEngineOptions {
  /** e.g. http://127.0.0.1:7700 */
  host: string;
  apiKey?: string;
  /** Default "parvis". */
  indexName?: string;
  /** How long a write may wait for Meilisearch to apply it. Default 30 s. */
  taskTimeoutMs?: number;
}

/** Documents per indexing request. */
const batchSize = 2_000;
/** Longer queries are cut: Meilisearch only reads the first words anyway. */
const maxQueryLength = 500;

/**
 * Stop words, as written and without accents. Without them Meilisearch's default matching
 * strategy drops the *last* words of "how do I reset the password" first. French elisions are
 * added ("l'installation" reaches Meilisearch as "l installation"), except "c", a language.
 */
const stopWords = [
  ...new Set(
    [...englishStopWords, ...frenchStopWords, ...frenchElisions.filter((e) => e !== 'c')].flatMap((w) => [
      w,
      fold(w),
    ]),
  ),
];

/** The index settings the engine relies on (ranking rules are set separately, see `init`). */
export const indexSettings: Settings = {
  // A reply's inherited topic title comes last, so the topic outranks its replies on it.
  searchableAttributes: ['title', 'tags', 'body', 'parentTitle'],
  filterableAttributes: ['type', 'categoryId', 'locale', 'solved', 'topicId'],
  sortableAttributes: ['createdAt', 'popularity'],
  // Same thresholds as the embedded engine: one typo from 4 letters, two from 8.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  stopWords,
};

/**
 * Query text as Meilisearch should read it: double quotes (phrase search) and a leading '-'
 * (exclusion) are operators there but plain text for the embedded engine, so both engines
 * answer the same query the same way.
 */
export function plainQuery(q: string): string {
  return q
    .slice(0, maxQueryLength)
    .replace(/"/g, ' ')
    .replace(/(^|\s)-+/g, '$1');
}

/** A write Meilisearch accepted but could not apply. */
export class MeilisearchTaskError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'MeilisearchTaskError';
  }
}

/** Search on a Meilisearch server through the official client. */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  readonly indexName: string;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;
  private readonly timeout: number;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.indexName = options.indexName ?? 'parvis';
    this.index = this.client.index<MeiliDocument>(this.indexName);
    this.timeout = options.taskTimeoutMs ?? 30_000;
  }

  /** Waits for a write to be applied, so that a read after it sees it; throws if it failed. */
  private async applied(task: EnqueuedTaskPromise, what: string): Promise<Task> {
    const done = await task.waitTask({ timeout: this.timeout });
    if (done.status !== 'succeeded') {
      throw new MeilisearchTaskError(
        `Meilisearch ${what} ${done.status}: ${done.error?.message ?? ''}`,
        done.error?.code,
      );
    }
    return done;
  }

  async init(): Promise<void> {
    try {
      await this.applied(this.client.createIndex(this.indexName, { primaryKey }), 'index creation');
    } catch (error) {
      if (!(error instanceof MeilisearchTaskError && error.code === 'index_already_exists')) throw error;
    }
    // Default ranking rules, then popularity to break ties between equally relevant hits.
    const rules = await this.index.getRankingRules();
    const rankingRules = rules.includes('popularity:desc') ? rules : [...rules, 'popularity:desc'];
    await this.applied(this.index.updateSettings({ ...indexSettings, rankingRules }), 'settings update');
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    for (let i = 0; i < docs.length; i += batchSize) {
      const batch = docs.slice(i, i + batchSize).map(toMeiliDocument);
      await this.applied(this.index.addDocuments(batch, { primaryKey }), 'indexing');
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += batchSize) {
      const keys = ids.slice(i, i + batchSize).map(encodeKey);
      await this.applied(this.index.deleteDocuments(keys), 'deletion');
    }
  }

  async clear(): Promise<void> {
    await this.applied(this.index.deleteAllDocuments(), 'clearing');
  }

  async count(): Promise<number> {
    return (await this.index.getStats()).numberOfDocuments;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const q = typeof query.q === 'string' ? query.q : '';
    // An empty query is a "placeholder search" (every document) in Meilisearch; not here.
    if (!hasSearchableWords(q)) return { hits: [], total: 0 };
    const filter = buildFilter(query);
    if (filter === null) return { hits: [], total: 0 };
    const { limit, offset } = paging(query);
    const response = await this.index.search(plainQuery(q), { ...formatParams, limit, offset, filter });
    return { hits: response.hits.map(toHit), total: response.estimatedTotalHits ?? response.hits.length };
  }

  async close(): Promise<void> {}
}
