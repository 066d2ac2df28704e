/// <reference path="./snowball-stemmers.d.ts" />
import { EmbeddedSearchEngine } from './embedded/engine';
import { MeilisearchSearchEngine } from './meilisearch/engine';
import type { SearchEngine } from './types';
import { type WorkerEngineOptions, WorkerSearchEngine } from './worker/engine';

export { EmbeddedSearchEngine } from './embedded/engine';
export { SearchGate, SearchNotReadyError } from './gate';
export { escapeHtml } from './highlight';
export { type MeilisearchEngineOptions, MeilisearchSearchEngine } from './meilisearch/engine';
export type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from './types';
export { type WorkerEngineOptions, WorkerSearchEngine } from './worker/engine';

export interface SearchEngineOptions {
  /** Meilisearch's URL; without it the embedded engine is used. */
  meiliUrl?: string;
  meiliKey?: string;
  /** Meilisearch index name, default "parvis". */
  indexName?: string;
  /** Run the embedded engine on its own thread (what the server does), with these options. */
  thread?: WorkerEngineOptions | false;
}

/** Meilisearch when a URL is configured, otherwise the in-process engine. */
export function createSearchEngine(options: SearchEngineOptions = {}): SearchEngine {
  if (options.meiliUrl) {
    return new MeilisearchSearchEngine({
      host: options.meiliUrl,
      apiKey: options.meiliKey,
      indexName: options.indexName,
    });
  }
  return options.thread ? new WorkerSearchEngine(options.thread) : new EmbeddedSearchEngine();
}
