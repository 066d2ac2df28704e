import { type Queryable, rateLimits } from '@parvis/db';
import { sql } from 'drizzle-orm';
import { AppError } from '../http/errors';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counter kept in PostgreSQL, so the limit holds across every API instance.
 * Returns the seconds to wait when over the limit, else 0.
 */
export async function hit(db: Queryable, key: string, limit: Limit): Promise<number> {
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

export async function peek(db: Queryable, key: string, limit: Limit): Promise<number> {
  const rows = await db.execute<{ hits: number; wait: number }>(
    sql`select hits, greatest(0, ceil(extract(epoch from reset_at - now())))::int as wait from ${rateLimits} where key = ${key} and reset_at > now()`,
  );
  const row = rows[0];
  return row && row.hits >= limit.max ? Math.max(1, row.wait) : 0;
}

export async function clear(db: Queryable, key: string) {
  await db.execute(sql`delete from ${rateLimits} where key = ${key}`);
}

/**
 * Forgets counters whose window has ended (run periodically): each new address or account leaves
 * a row, and an ended window counts for nothing.
 */
export async function pruneRateLimits(db: Queryable): Promise<void> {
  await db.execute(sql`delete from ${rateLimits} where reset_at < now()`);
}

export async function enforce(db: Queryable, key: string, limit: Limit) {
  const wait = await hit(db, key, limit);
  if (wait > 0) throw new AppError('rate_limited', 'error.rate_limited', undefined, wait);
}

export const limits = {
  signInPerAccount: { max: 5, windowSeconds: 15 * 60 },
  signInPerIp: { max: 30, windowSeconds: 15 * 60 },
  signUpPerIp: { max: 10, windowSeconds: 60 * 60 },
  writePerUser: { max: 60, windowSeconds: 60 },
} satisfies Record<string, Limit>;
