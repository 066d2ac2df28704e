import type { SearchDocument, SearchQuery } from './types';

export const defaultLimit = 20;
export const maxLimit = 100;

/** Limit and offset as integers in range, whatever the caller passed. */
export function paging(query: SearchQuery): { limit: number; offset: number } {
  const limit = Number.isFinite(query.limit) ? Math.trunc(query.limit as number) : defaultLimit;
  const offset = Number.isFinite(query.offset) ? Math.trunc(query.offset as number) : 0;
  return { limit: Math.min(maxLimit, Math.max(0, limit)), offset: Math.max(0, offset) };
}

/** Rejects documents the engines can't index, with a message naming the culprit. */
export function checkDocument(doc: SearchDocument): void {
  if (typeof doc?.id !== 'string' || doc.id.length === 0) {
    throw new TypeError('search document needs a non-empty string id');
  }
  for (const field of ['type', 'title', 'body', 'url'] as const) {
    if (typeof doc[field] !== 'string')
      throw new TypeError(`search document ${doc.id} needs a string ${field}`);
  }
}
