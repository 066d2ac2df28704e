import { type Queryable, rateLimits } from '@parvis/db';
import { sql } from 'drizzle-orm';

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const faqLimits = {
  votePerVoter: { max: 20, windowSeconds: 60 * 60 },
  votePerIp: { max: 60, windowSeconds: 60 * 60 },
  /** New guest votes on one article from one address. */
  guestVotePerIpArticle: { max: 1, windowSeconds: 30 * 24 * 60 * 60 },
  writePerUser: { max: 60, windowSeconds: 60 },
  deflectionPerUser: { max: 600, windowSeconds: 60 * 60 },
  gapsPerIp: { max: 200, windowSeconds: 60 * 60 },
  searchPerIp: { max: 1200, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/**
 * Counts one hit on the shared fixed-window counters (the host's `rate_limits` table, so a limit
 * holds across instances). Returns the seconds to wait when over the limit, else 0.
 */
export async function hit(db: Queryable, key: string, limit: Limit): Promise<number> {
  const rows = await db.execute<{ hits: number; wait: number }>(sql`
    insert into ${rateLimits} (key, hits, reset_at)
    values (${`faq:${key}`}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    on conflict (key) do update set
      hits = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end,
      reset_at = case when ${rateLimits.resetAt} <= now() then excluded.reset_at else ${rateLimits.resetAt} end
    returning hits, greatest(0, ceil(extract(epoch from reset_at - now())))::int as wait`);
  const row = rows[0]!;
  return row.hits > limit.max ? Math.max(1, row.wait) : 0;
}
