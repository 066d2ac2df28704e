import type { PageResult } from './renderer';

/** Stands in for the per-response CSP nonce inside cached HTML. */
export const noncePlaceholder = 'PARVIS-NONCE-PLACEHOLDER';

interface Entry {
  result: PageResult;
  expires: number;
}

/**
 * Pages as a signed-out visitor sees them, kept briefly. Most traffic of a public community is
 * anonymous; serving it from memory is what lets one instance answer thousands of pages a second.
 * Any committed change clears the whole cache (every instance hears it through the event
 * dispatcher), so nobody waits for the TTL to see a new reply; the TTL is only a safety net.
 */
export class GuestPageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 2_000,
  ) {}

  get(key: string, nonce: string): PageResult | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    // Refresh recency: Map keeps insertion order, so re-inserting makes eviction least-recently-used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { ...entry.result, html: entry.result.html.replaceAll(noncePlaceholder, nonce) };
  }

  set(key: string, result: PageResult) {
    if (result.status !== 200) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { result, expires: Date.now() + this.ttlMs });
  }

  clear() {
    this.entries.clear();
  }

  get size() {
    return this.entries.size;
  }
}
