/** One Meilisearch results page (`page` counts from 1) and where our window starts in it. */
export interface PageWindow {
  page: number;
  hitsPerPage: number;
  /** Hits of the page to skip before the window. */
  skip: number;
}

/**
 * The smallest Meilisearch page, at most twice the limit, holding results
 * [offset, offset + limit); null when there is none.
 *
 * Meilisearch only counts every match (`totalHits`) when asked for `page`/`hitsPerPage`; with
 * `offset`/`limit` it returns `estimatedTotalHits`, which its documentation calls an estimate.
 * Our interface takes an offset and a limit, so they are mapped to a page: exactly when the
 * offset is a multiple of the limit (the usual case), else a slightly larger page when one
 * exists. `page: 0` asks for no hits but still counts them, which serves `limit: 0`.
 */
export function pageWindow(offset: number, limit: number): PageWindow | null {
  if (limit <= 0) return { page: 0, hitsPerPage: 1, skip: 0 };
  const last = offset + limit - 1;
  for (let size = limit; size <= 2 * limit; size++) {
    const index = Math.floor(offset / size);
    if (index === Math.floor(last / size))
      return { page: index + 1, hitsPerPage: size, skip: offset - index * size };
  }
  return null;
}

/** Asks for no hits, only their exhaustive count. */
export const countOnly = { page: 0, hitsPerPage: 1 } as const;
