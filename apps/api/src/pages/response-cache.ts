import type { PageResult, SharedPage } from './renderer';

/** Stands in for the per-response CSP nonce inside cached HTML. */
export const noncePlaceholder = 'PARVIS-NONCE-PLACEHOLDER';

interface Entry<T> {
  value: T;
  expires: number;
}

/**
 * Responses many visitors share (guests' pages and API reads, pages and searches shared by a kind
 * of member), kept briefly. Most traffic of a public community is anonymous or reads what a whole
 * role sees; serving it from memory is what lets one instance answer thousands of requests a
 * second. Any committed change clears the whole cache (every instance hears it through the event
 * dispatcher, which also polls every two seconds should a notification be lost), so nobody waits
 * for the TTL to see a new reply; the TTL is only a safety net. It is a minute, not seconds: a
 * shorter one only made a quiet instance render every page again, in bursts, with nothing changed.
 */
export class ResponseCache<T extends { status: number }> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Renders in progress: concurrent misses for one key wait for the same render. */
  private readonly pending = new Map<string, Promise<T>>();
  /** Bumped by `clear()`, so a render that started before a change is not stored after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 2_000,
  ) {}

  get(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    // Refresh recency: Map keeps insertion order, so re-inserting makes eviction least-recently-used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T) {
    if (value.status !== 200) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // Entries expire spread over ±20 % of the TTL, so a burst of pages cached together is not
    // rendered again all at once.
    const ttl = this.ttlMs * (0.8 + Math.random() * 0.4);
    this.entries.set(key, { value, expires: Date.now() + ttl });
  }

  /**
   * The cached value, or the one `produce` makes. Fifty visitors arriving together on a page
   * nobody has seen cause one render, not fifty (they are what made the slowest responses).
   * `cacheable` decides whether a produced value may be kept.
   */
  async serve(
    key: string,
    produce: () => Promise<T>,
    cacheable: (value: T) => boolean = () => true,
  ): Promise<T> {
    const hit = this.get(key);
    if (hit) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    const generation = this.generation;
    const job = produce().then((value) => {
      if (generation === this.generation && cacheable(value)) this.set(key, value);
      return value;
    });
    this.pending.set(key, job);
    try {
      return await job;
    } finally {
      this.pending.delete(key);
    }
  }

  clear() {
    this.generation++;
    this.entries.clear();
    // Renders in flight read data from before the change; later arrivals must not share them.
    this.pending.clear();
  }

  get size() {
    return this.entries.size;
  }
}

/** A JSON response kept for sharing; `body` is null when the response was not cacheable. */
export interface ApiSnapshot {
  status: number;
  body: string | null;
}

/** Every cache of shared responses an instance keeps: one change clears them all together. */
export class SharedResponses {
  /** Guests' pages. */
  readonly guestPages = new ResponseCache<PageResult>();
  /** Guests' API reads, and members' reads that depend only on their role. */
  readonly api = new ResponseCache<ApiSnapshot>();
  /** Members' pages, rendered once per kind of member (see member-pages.ts). */
  readonly memberPages = new ResponseCache<SharedPage | PageResult>();

  clear() {
    this.guestPages.clear();
    this.api.clear();
    this.memberPages.clear();
  }
}
