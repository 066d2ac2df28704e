import { hitRateLimit, type Limit, type Queryable } from '@parvis/db';

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

/** One hit on the host's shared counters, under the FAQ's own keys; seconds to wait, else 0. */
export const hit = (db: Queryable, key: string, limit: Limit) => hitRateLimit(db, `faq:${key}`, limit);
