import { sql } from 'drizzle-orm';
import type { Queryable } from '../connection';
import { rateLimits } from '../schema/accounts';

/** At most `max` hits per fixed window of `windowSeconds`. */
export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Counts one hit on a fixed-window counter kept in PostgreSQL, so a limit holds across every
 * API instance. Returns the seconds to wait when over the limit, else 0.
 */
export async function hitRateLimit(db: Queryable, key: string, limit: Limit): Promise<number> {
  const rows = await db.execute<{ hits: number; wait: number }>(sql`
    insert into ${rateLimits} (key, hits, reset_at)
    values (${key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    on conflict (key) do update set
      hits = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end,
      reset_at = case when ${rateLimits.resetAt} <= now() then excluded.reset_at else ${rateLimits.resetAt} end
    returning hits, greatest(0, ceil(extract(epoch from reset_at - now())))::int as wait`);
  const row = rows[0]!;
  return row.hits > limit.max ? Math.max(1, row.wait) : 0;
}

/** The seconds to wait if the counter is already at its limit, without counting a hit. */
export async function peekRateLimit(db: Queryable, key: string, limit: Limit): Promise<number> {
  const rows = await db.execute<{ hits: number; wait: number }>(
    sql`select hits, greatest(0, ceil(extract(epoch from reset_at - now())))::int as wait from ${rateLimits} where key = ${key} and reset_at > now()`,
  );
  const row = rows[0];
  return row && row.hits >= limit.max ? Math.max(1, row.wait) : 0;
}

export async function clearRateLimit(db: Queryable, key: string) {
  await db.execute(sql`delete from ${rateLimits} where key = ${key}`);
}

/**
 * Forgets counters whose window has ended (run periodically): each new address or account leaves
 * a row, and an ended window counts for nothing.
 */
export async function pruneRateLimits(db: Queryable): Promise<void> {
  await db.execute(sql`delete from ${rateLimits} where reset_at < now()`);
}
