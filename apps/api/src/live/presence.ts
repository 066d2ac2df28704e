/** Channel on which instances tell each other who is writing a reply where. Never stored. */
export const presenceChannel = 'parvis_presence';

export type PresenceState = 'composing' | 'idle';

export interface PresenceUser {
  id: number;
  username: string;
  displayName: string;
}

/** What goes through `pg_notify`: small (well under PostgreSQL's 8,000-byte payload limit). */
export interface PresenceNotice {
  /** The instance that sent it, which applied it already and skips its own echo. */
  from: string;
  topicId: number;
  state: PresenceState;
  user: PresenceUser;
}

const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/** Reads a notice from another instance; anything malformed is ignored rather than trusted. */
export function parsePresenceNotice(text: string): PresenceNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | null | undefined;
  if (
    !isText(v.from, 64) ||
    !isId(v.topicId) ||
    (v.state !== 'composing' && v.state !== 'idle') ||
    typeof user !== 'object' ||
    user === null ||
    !isId(user.id) ||
    !isText(user.username, 100) ||
    !isText(user.displayName, 200)
  ) {
    return null;
  }
  return {
    from: v.from,
    topicId: v.topicId,
    state: v.state,
    user: { id: user.id, username: user.username, displayName: user.displayName },
  };
}

interface Entry {
  user: PresenceUser;
  expires: number;
}

/**
 * Who is writing a reply on which topic, as this instance heard it. Every instance keeps the
 * whole board (all of them hear every notice), so a subscriber on any instance sees everyone.
 * Entries lapse `ttlMs` after their last heartbeat: a closed tab or a dead instance needs no goodbye.
 */
export class PresenceBoard {
  private readonly topics = new Map<number, Map<number, Entry>>();
  private total = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxPerTopic = 50,
    private readonly maxEntries = 20_000,
  ) {}

  /** Applies a heartbeat or an `idle`; true when the list of people on that topic changed. */
  apply(topicId: number, user: PresenceUser, state: PresenceState, now = Date.now()): boolean {
    const entries = this.topics.get(topicId);
    if (state === 'idle') return this.remove(topicId, user.id);
    const existing = entries?.get(user.id);
    if (existing) {
      existing.expires = now + this.ttlMs;
      const renamed =
        existing.user.displayName !== user.displayName || existing.user.username !== user.username;
      existing.user = user;
      return renamed;
    }
    if ((entries?.size ?? 0) >= this.maxPerTopic || this.total >= this.maxEntries) return false;
    const map = entries ?? new Map<number, Entry>();
    if (!entries) this.topics.set(topicId, map);
    map.set(user.id, { user, expires: now + this.ttlMs });
    this.total += 1;
    return true;
  }

  remove(topicId: number, userId: number): boolean {
    const entries = this.topics.get(topicId);
    if (!entries?.delete(userId)) return false;
    this.total -= 1;
    if (entries.size === 0) this.topics.delete(topicId);
    return true;
  }

  /** The people writing on a topic, oldest first (who started first is shown first). */
  list(topicId: number, now = Date.now()): PresenceUser[] {
    const entries = this.topics.get(topicId);
    if (!entries) return [];
    const users: PresenceUser[] = [];
    for (const entry of entries.values()) if (entry.expires > now) users.push(entry.user);
    return users;
  }

  /** Drops lapsed entries; returns the topics whose lists changed. */
  sweep(now = Date.now()): number[] {
    const changed: number[] = [];
    for (const [topicId, entries] of this.topics) {
      let dropped = false;
      for (const [userId, entry] of entries) {
        if (entry.expires <= now) {
          entries.delete(userId);
          this.total -= 1;
          dropped = true;
        }
      }
      if (entries.size === 0) this.topics.delete(topicId);
      if (dropped) changed.push(topicId);
    }
    return changed;
  }

  get size() {
    return this.total;
  }
}
