import type { SearchDocument, SearchQuery, SearchResult } from './types';

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

/**
 * `query` with one hit per topic (see `SearchQuery.onePerTopic`), from the hits `search` ranks
 * without that option. Engines answer it so, rather than their callers: read ahead three times
 * the page to fill it with distinct topics, but make (highlight) only the hits kept.
 */
export async function searchOnePerTopic(
  query: SearchQuery,
  search: (query: SearchQuery) => Promise<SearchResult>,
): Promise<SearchResult> {
  const { limit, offset } = paging(query);
  // Asked for the total alone, read as far as allowed to estimate it.
  const ahead = limit === 0 ? maxLimit : Math.min(maxLimit, (offset + limit) * 3);
  const result = await search({ ...query, onePerTopic: false, limit: ahead, offset: 0 });
  const seen = new Set<number | string>();
  const kept = result.hits.filter((hit) => {
    const key = hit.topicId ?? hit.id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Past what was read, count every further hit as a topic of its own: an upper bound.
  const total =
    result.total <= result.hits.length
      ? kept.length
      : Math.max(kept.length, result.total - (result.hits.length - kept.length));
  return { hits: kept.slice(offset, offset + limit), total };
}
