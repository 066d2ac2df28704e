import type { Database, Queryable } from '@parvis/db';
import type { Actor, Locale, Role } from '@parvis/domain';
import type { SearchEngine } from '@parvis/search';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface NotificationInput {
  userId: number;
  /** `reply`, `mention`, `like`, or a plugin's own kind; its message key is `notification.<kind>`. */
  kind: string;
  actorId?: number | null;
  topicId?: number | null;
  postId?: number | null;
  data?: Record<string, string | number>;
}

/** What the host offers to routes, listeners and plugins. */
export interface HostServices {
  db: Database;
  search: SearchEngine;
  notify(tx: Queryable, notification: NotificationInput): Promise<void>;
  log: (message: string, details?: Record<string, unknown>) => void;
}

/** Variables every request carries (Hono `c.get(...)`). */
export interface HostVariables {
  requestId: string;
  nonce: string;
  locale: Locale;
  user: SessionUser | null;
  actor: Actor;
  sessionId: string | null;
  /** The client's address for rate limits (X-Forwarded-For only when the host trusts a proxy). */
  clientIp: string;
  services: HostServices;
}

export type HostEnv = { Variables: HostVariables };
