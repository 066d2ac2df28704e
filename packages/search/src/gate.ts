import type { SearchEngine, SearchQuery, SearchResult } from './types';

/** Thrown by a search asked before the index is built; the API answers 503 with Retry-After. */
export class SearchNotReadyError extends Error {
  constructor() {
    super('The search index is still being built');
    this.name = 'SearchNotReadyError';
  }
}

/**
 * Wraps an engine whose index is built after the server starts listening: writes go through at
 * once (the rebuild and the event feed both write), searches fail plainly until `open()`, so a
 * half-built index never answers "nothing found" (which would also count as a content gap).
 */
export class SearchGate implements SearchEngine {
  private opened = false;

  constructor(private readonly engine: SearchEngine) {}

  get name() {
    return this.engine.name;
  }
  get ready() {
    return this.opened;
  }
  open() {
    this.opened = true;
  }
  /** Back to "starting" (the index is being rebuilt). */
  shut() {
    this.opened = false;
  }
  init() {
    return this.engine.init();
  }
  upsert(...args: Parameters<SearchEngine['upsert']>) {
    return this.engine.upsert(...args);
  }
  remove(ids: string[]) {
    return this.engine.remove(ids);
  }
  clear() {
    return this.engine.clear();
  }
  count() {
    return this.engine.count();
  }
  async search(query: SearchQuery): Promise<SearchResult> {
    if (!this.opened) throw new SearchNotReadyError();
    return this.engine.search(query);
  }
  close() {
    return this.engine.close();
  }
}
