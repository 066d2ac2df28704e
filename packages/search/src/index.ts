/// <reference path="./snowball-stemmers.d.ts" />
import { EmbeddedSearchEngine } from './embedded/engine';
import { MeilisearchSearchEngine } from './meilisearch/engine';
import type { SearchEngine } from './types';

export { EmbeddedSearchEngine } from './embedded/engine';
export { SearchGate, SearchNotReadyError } from './gate';
export { escapeHtml } from './highlight';
export { type MeilisearchEngineOptions, MeilisearchSearchEngine } from './meilisearch/engine';
export type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from './types';

export interface SearchEngineOptions {
  /** Meilisearch's URL; without it the embedded engine is used. */
  meiliUrl?: string;
  meiliKey?: string;
  /** Meilisearch index name, default "parvis". */
  indexName?: string;
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
  return new EmbeddedSearchEngine();
}
