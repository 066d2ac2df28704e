import type { Queryable } from '../connection';

const built = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * The hot read paths as Drizzle prepared queries. Drizzle otherwise rebuilds a query's SQL text
 * from its builder on every call: on a signed-in topic page that was about a seventh of the
 * server's CPU. A prepared query belongs to the database object it was built on, so each is
 * built on first use per object; a transaction, short-lived, builds its own.
 */
export function prepared<T>(db: Queryable, name: string, build: (db: Queryable) => T): T {
  let queries = built.get(db);
  if (!queries) {
    queries = new Map();
    built.set(db, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}
