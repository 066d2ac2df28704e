import { type Database, getSiteSettings } from '@parvis/db';
import type { SiteSettings } from '@parvis/domain';

/**
 * The site's settings, read once and kept in memory: every write of a topic or reply and every
 * topic page consults them. `invalidate` runs on this instance right after a change and on
 * every instance when the change's `settings.updated` event reaches it.
 */
export class SiteSettingsCache {
  private current: Promise<SiteSettings> | null = null;

  constructor(private readonly db: Database) {}

  get(): Promise<SiteSettings> {
    if (!this.current) {
      const loading = getSiteSettings(this.db);
      this.current = loading;
      // A failed read is not kept; the next request asks again.
      loading.catch(() => {
        if (this.current === loading) this.current = null;
      });
    }
    return this.current;
  }

  /** A read already under way still answers its own callers; later ones read again. */
  invalidate(): void {
    this.current = null;
  }
}
