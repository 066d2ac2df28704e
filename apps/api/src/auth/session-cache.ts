import { sessionUsersChannel } from '@parvis/db';
import type { SessionUser } from '@parvis/plugin-sdk';
import type postgres from 'postgres';

export interface CachedSession {
  user: SessionUser;
  expiresAt: Date;
  unreadNotifications: number;
}

interface Entry extends CachedSession {
  storedAt: number;
}

export interface SessionCacheOptions {
  /** A safety net only: changes are announced, so an entry is dropped as soon as it is stale. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * The sessions this instance validated, so a signed-in page view costs no database round trip
 * (it was half a member page's CPU). Whatever changes what a session shows — the session, its
 * member, their unread notifications — is announced with the member's id on
 * `parvis_session_users` by triggers in PostgreSQL, from any instance or the CLI, and every
 * instance forgets that member's entries. Changes made through this instance are forgotten
 * here at once as well, so the next request here never waits for the announcement.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<number, Set<string>>();
  /** When each member was last forgotten: a read that began before then may be stale. */
  private readonly forgottenAt = new Map<number, number>();
  private clearedAt = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private syncs = 0;
  private readonly pendingSyncs = new Map<string, () => void>();
  private unlisten: (() => Promise<void>) | null = null;
  /** Set while announcements are heard: without them nothing may be served from memory. */
  private listening: postgres.Sql | null = null;

  constructor(options: SessionCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 50_000;
  }

  /** Follows the announcements; until then, and after a lost connection, nothing is kept. */
  async listen(sql: postgres.Sql) {
    this.clear();
    const subscription = await sql.listen(
      sessionUsersChannel,
      (payload) => this.heard(payload),
      // Runs again after every reconnection: what was announced meanwhile is lost, so start over.
      () => this.clear(),
    );
    this.listening = sql;
    this.unlisten = () => subscription.unlisten();
  }

  async stop() {
    this.listening = null;
    await this.unlisten?.().catch(() => {});
    this.clear();
  }

  get(sessionId: string): CachedSession | null {
    if (!this.listening) return null;
    const entry = this.entries.get(sessionId);
    if (!entry) return null;
    if (performance.now() - entry.storedAt > this.ttlMs || entry.expiresAt.getTime() <= Date.now()) {
      this.remove(sessionId, entry.user.id);
      return null;
    }
    return entry;
  }

  /** Mark taken before reading a session from PostgreSQL, and handed to `store` after. */
  readStarts(): number {
    return performance.now();
  }

  store(sessionId: string, session: CachedSession, readStartedAt: number) {
    if (!this.listening) return;
    const userId = session.user.id;
    // A change announced while the read was under way may not be in what it returned.
    if (readStartedAt <= this.clearedAt || readStartedAt <= (this.forgottenAt.get(userId) ?? 0)) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.entries().next().value;
      if (oldest) this.remove(oldest[0], oldest[1].user.id);
    }
    // Every request it serves gets the same object: none may change it for the others.
    Object.freeze(session.user);
    this.entries.set(sessionId, { ...session, storedAt: performance.now() });
    const ids = this.byUser.get(userId);
    if (ids) ids.add(sessionId);
    else this.byUser.set(userId, new Set([sessionId]));
  }

  forget(userId: number) {
    const now = performance.now();
    this.forgottenAt.set(userId, now);
    if (this.forgottenAt.size > 10_000) {
      // Reads take milliseconds: marks older than the TTL can no longer matter.
      for (const [id, at] of this.forgottenAt) if (now - at > this.ttlMs) this.forgottenAt.delete(id);
    }
    const ids = this.byUser.get(userId);
    if (!ids) return;
    for (const id of ids) this.entries.delete(id);
    this.byUser.delete(userId);
  }

  clear() {
    this.clearedAt = performance.now();
    this.entries.clear();
    this.byUser.clear();
    this.forgottenAt.clear();
  }

  get size() {
    return this.entries.size;
  }

  /**
   * Resolves once every announcement committed before the call has been heard here: they
   * arrive in commit order, so hearing a marker sent now means the earlier ones came first.
   */
  async sync(timeoutMs = 2000): Promise<void> {
    const sql = this.listening;
    if (!sql) return;
    const marker = `sync:${process.pid}:${++this.syncs}`;
    const heard = new Promise<void>((resolve) => this.pendingSyncs.set(marker, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.clear();
        resolve();
      }, timeoutMs);
    });
    await sql`select pg_notify(${sessionUsersChannel}, ${marker})`;
    await Promise.race([heard, timedOut]);
    clearTimeout(timer);
    this.pendingSyncs.delete(marker);
  }

  private heard(payload: string) {
    const userId = Number(payload);
    if (Number.isSafeInteger(userId)) return this.forget(userId);
    this.pendingSyncs.get(payload)?.();
  }

  private remove(sessionId: string, userId: number) {
    this.entries.delete(sessionId);
    const ids = this.byUser.get(userId);
    ids?.delete(sessionId);
    if (ids?.size === 0) this.byUser.delete(userId);
  }
}
