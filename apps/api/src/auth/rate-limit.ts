import { hitRateLimit, type Limit, type Queryable } from '@parvis/db';
import { AppError } from '../http/errors';

export {
  clearRateLimit as clear,
  hitRateLimit as hit,
  type Limit,
  peekRateLimit as peek,
  pruneRateLimits,
} from '@parvis/db';

export async function enforce(db: Queryable, key: string, limit: Limit) {
  const wait = await hitRateLimit(db, key, limit);
  if (wait > 0) throw new AppError('rate_limited', 'error.rate_limited', undefined, wait);
}

export const limits = {
  signInPerAccount: { max: 5, windowSeconds: 15 * 60 },
  signInPerIp: { max: 30, windowSeconds: 15 * 60 },
  signUpPerIp: { max: 10, windowSeconds: 60 * 60 },
  writePerUser: { max: 60, windowSeconds: 60 },
  verifyResendPerUser: { max: 3, windowSeconds: 60 * 60 },
  resetRequestsPerIp: { max: 10, windowSeconds: 60 * 60 },
  resetRequestsPerEmail: { max: 3, windowSeconds: 60 * 60 },
  /** Guessing a link's 125 random bits is hopeless anyway; this keeps the attempts cheap. */
  linksPerIp: { max: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;
