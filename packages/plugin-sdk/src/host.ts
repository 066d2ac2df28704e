import type { Database, Queryable } from '@parvis/db';
import type { Actor, Locale, Role, SiteSettings } from '@parvis/domain';
import type { SearchEngine } from '@parvis/search';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  email: string;
  /** Null until the member confirmed `email` by the link mailed to it. */
  emailVerifiedAt: Date | null;
}

export interface NotificationInput {
  userId: number;
  /** `reply`, `mention`, `like`, or a plugin's own kind; its message key is `notification.<kind>`. */
  kind: string;
  actorId?: number | null;
  topicId?: number | null;
  postId?: number | null;
  data?: Record<string, string | number>;
  /**
   * When what it tells about happened, usually its event's `createdAt`. Older than a few hours
   * (events handled late, seeded content), it is no longer news by email: in-app only.
   */
  occurredAt?: Date;
}

/** What the host offers to routes, listeners and plugins. */
export interface HostServices {
  db: Database;
  search: SearchEngine;
  notify(tx: Queryable, notification: NotificationInput): Promise<void>;
  log: (message: string, details?: Record<string, unknown>) => void;
  /** The site's settings, kept in memory and read again after an admin changes them. */
  settings: {
    get(): Promise<SiteSettings>;
    /** Forgets this instance's copy, right after a change committed here. */
    invalidate(): void;
  };
}

/** Variables every request carries (Hono `c.get(...)`). */
export interface HostVariables {
  requestId: string;
  nonce: string;
  locale: Locale;
  user: SessionUser | null;
  actor: Actor;
  sessionId: string | null;
  /** The signed-in member's unread notifications when the session was read (0 for guests). */
  unreadNotifications: number;
  /** The client's address for rate limits (X-Forwarded-For only when the host trusts a proxy). */
  clientIp: string;
  services: HostServices;
  /**
   * Set by a route whose write changes nothing guests can see (a sign-in, a beacon…): the host
   * then keeps its cached guest pages and API answers instead of clearing them after the write.
   */
  keepGuestCaches: boolean;
}

export type HostEnv = { Variables: HostVariables };
