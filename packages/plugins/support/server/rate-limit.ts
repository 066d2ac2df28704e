import { type Queryable, rateLimits } from '@parvis/db';
import { PluginError } from '@parvis/plugin-sdk';
import { sql } from 'drizzle-orm';

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const supportLimits = {
  /** Accepting, unaccepting, claiming and releasing: each one notifies or writes the event log. */
  writePerUser: { max: 60, windowSeconds: 60 },
} satisfies Record<string, Limit>;

/**
 * Counts one hit on the host's shared fixed-window counters (`rate_limits`, so a limit holds
 * across instances) and answers 429 with the seconds to wait when over the limit.
 */
export async function enforceLimit(db: Queryable, key: string, limit: Limit): Promise<void> {
  const rows = await db.execute<{ hits: number; wait: number }>(sql`
    insert into ${rateLimits} (key, hits, reset_at)
    values (${`support:${key}`}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    on conflict (key) do update set
      hits = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end,
      reset_at = case when ${rateLimits.resetAt} <= now() then excluded.reset_at else ${rateLimits.resetAt} end
    returning hits, greatest(0, ceil(extract(epoch from reset_at - now())))::int as wait`);
  const row = rows[0]!;
  if (row.hits > limit.max)
    throw new PluginError('rate_limited', 'error.rate_limited', undefined, Math.max(1, row.wait));
}
