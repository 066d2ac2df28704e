import {
  type EnqueuedTaskPromise,
  type Index,
  Meilisearch,
  MeilisearchApiError,
  type Settings,
  type Task,
} from 'meilisearch';
import { fold, hasSearchableWords } from '../analysis';
import { checkDocument, paging, searchOnePerTopic } from '../paging';
import { englishStopWords, frenchElisions, frenchStopWords } from '../stopwords';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from '../types';
import {
  batches,
  encodeKey,
  type MeiliDocument,
  maxBatchDocuments,
  primaryKey,
  toMeiliDocument,
  wellFormed,
} from './documents';
import { buildFilter } from './filter';
import { formatParams, toHit } from './hits';
import { countOnly, pageWindow } from './pages';

export interface MeilisearchEngineOptions {
  /** e.g. http://127.0.0.1:7700 */
  host: string;
  apiKey?: string;
  /** Default "parvis". */
  indexName?: string;
  /** How long a write may wait for Meilisearch to apply it. Default 30 s. */
  taskTimeoutMs?: number;
}

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

/**
 * Searched attributes, best first: a reply's inherited topic title comes last, so the topic
 * outranks its replies on it.
 */
const searchableAttributes = ['title', 'tags', 'body', 'parentTitle'];

/** The index settings the engine relies on (ranking rules are set separately, see `init`). */
export const indexSettings: Settings = {
  searchableAttributes,
  filterableAttributes: ['type', 'categoryId', 'locale', 'solved', 'topicId'],
  sortableAttributes: ['createdAt', 'popularity'],
  // Same thresholds as the embedded engine: one typo from 4 letters, two from 8.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  stopWords,
  // The text is French or English. Told so, Meilisearch detects only these two languages, in
  // documents and in queries (since 1.10), instead of taking a short French or English text for
  // another language and segmenting or normalising it as that one (German compounds, say).
  localizedAttributes: [{ attributePatterns: searchableAttributes, locales: ['fra', 'eng'] }],
};

/**
 * Query text as Meilisearch should read it: double quotes (phrase search) and a leading '-'
 * (exclusion) are operators there but plain text for the embedded engine, so both engines
 * answer the same query the same way. Meilisearch reads them after normalising the query, so
 * their full-width and small forms (＂, －, ﹣) are operators too.
 */
export function plainQuery(q: string): string {
  let cut = q.slice(0, maxQueryLength);
  // Not half of a character cut in two: Meilisearch refuses unpaired surrogates.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return wellFormed(cut)
    .replace(/["\uFF02]/g, ' ')
    .replace(/(^|\s)[-\uFE63\uFF0D]+/g, '$1');
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

/** The Meilisearch error code of a failed request or task, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof MeilisearchTaskError) return error.code;
  if (error instanceof MeilisearchApiError) return error.cause?.code;
  return undefined;
}

/**
 * Whether the index is missing: nothing to count, find or delete then. (Adding documents
 * recreates it, without our settings; `init` restores them.)
 */
function indexNotFound(error: unknown): boolean {
  return errorCode(error) === 'index_not_found';
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
      if (errorCode(error) !== 'index_already_exists') throw error;
    }
    // Default ranking rules, then popularity to break ties between equally relevant hits.
    const rules = await this.index.getRankingRules();
    const rankingRules = rules.includes('popularity:desc') ? rules : [...rules, 'popularity:desc'];
    await this.applied(this.index.updateSettings({ ...indexSettings, rankingRules }), 'settings update');
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    // A task applies all its documents or none, so one refused request loses a whole batch.
    for (const batch of batches(docs.map(toMeiliDocument))) {
      await this.applied(this.index.addDocuments(batch, { primaryKey }), 'indexing');
    }
  }

  async remove(ids: string[]): Promise<void> {
    const keys = [...new Set(ids.filter((id) => typeof id === 'string').map(encodeKey))];
    try {
      for (let i = 0; i < keys.length; i += maxBatchDocuments) {
        await this.applied(this.index.deleteDocuments(keys.slice(i, i + maxBatchDocuments)), 'deletion');
      }
    } catch (error) {
      if (!indexNotFound(error)) throw error;
    }
  }

  async clear(): Promise<void> {
    try {
      await this.applied(this.index.deleteAllDocuments(), 'clearing');
    } catch (error) {
      if (!indexNotFound(error)) throw error;
    }
  }

  async count(): Promise<number> {
    try {
      return (await this.index.getStats()).numberOfDocuments;
    } catch (error) {
      if (indexNotFound(error)) return 0;
      throw error;
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    // Meilisearch's own `distinct` would need a topic key on every document (FAQ entries have
    // none): read ahead and keep one hit per topic, as the embedded engine does.
    if (query.onePerTopic) return searchOnePerTopic(query, (plain) => this.search(plain));
    // A query left with no words (none at all, or only stop words) is a "placeholder search" in
    // Meilisearch: every document. Not here; and the text checked is the text sent, as cut.
    const text = plainQuery(typeof query.q === 'string' ? query.q : '');
    if (!hasSearchableWords(text)) return { hits: [], total: 0 };
    const filter = buildFilter(query);
    if (filter === null) return { hits: [], total: 0 };
    const { limit, offset } = paging(query);
    const window = pageWindow(offset, limit);
    try {
      if (window) {
        const { page, hitsPerPage, skip } = window;
        const response = await this.index.search(text, { ...formatParams, page, hitsPerPage, filter });
        return { hits: response.hits.slice(skip, skip + limit).map(toHit), total: response.totalHits };
      }
      // No small page holds this window: the hits by offset, the exact count beside them.
      const [page, counted] = await Promise.all([
        this.index.search(text, { ...formatParams, offset, limit, filter }),
        this.index.search(text, { ...countOnly, attributesToRetrieve: ['id'], filter }),
      ]);
      return { hits: page.hits.map(toHit), total: counted.totalHits };
    } catch (error) {
      if (indexNotFound(error)) return { hits: [], total: 0 };
      throw error;
    }
  }

  async close(): Promise<void> {}
}
