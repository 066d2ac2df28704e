import type { Limit } from '@parvis/db';

export const supportLimits = {
  /** Accepting, unaccepting, claiming and releasing: each one notifies or writes the event log. */
  writePerUser: { max: 60, windowSeconds: 60 },
} satisfies Record<string, Limit>;
