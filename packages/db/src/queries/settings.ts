import {
  defaultSiteSettings,
  type SiteSettingChange,
  type SiteSettingKey,
  type SiteSettings,
  siteSettingKeys,
} from '@parvis/domain';
import { inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../connection';
import { siteSettings } from '../schema/settings';

const known = new Set<string>(siteSettingKeys);

function assign<K extends SiteSettingKey>(settings: SiteSettings, key: K, value: SiteSettings[K]) {
  settings[key] = value;
}

/**
 * The site's settings: stored values over the defaults. A row for a setting that no longer
 * exists, or holding a value of the wrong type, is ignored rather than trusted.
 */
export async function getSiteSettings(db: Queryable): Promise<SiteSettings> {
  const rows = await db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
  const settings: SiteSettings = { ...defaultSiteSettings };
  for (const { key, value } of rows) {
    if (!known.has(key)) continue;
    const name = key as SiteSettingKey;
    if (typeof value === typeof defaultSiteSettings[name]) assign(settings, name, value as never);
  }
  return settings;
}

/**
 * Stores `changes` inside the caller's transaction and returns the settings after them with
 * what actually changed (empty when every value was already in force). The rows are locked,
 * so two admins saving at once are applied one after the other.
 */
export async function updateSiteSettings(
  tx: Queryable,
  changes: Partial<SiteSettings>,
  actorId: number | null,
): Promise<{ settings: SiteSettings; changes: SiteSettingChange[] }> {
  const keys = siteSettingKeys.filter((key) => changes[key] !== undefined);
  if (keys.length > 0) {
    await tx.execute(sql`select 1 from ${siteSettings} where ${inArray(siteSettings.key, keys)} for update`);
  }
  const before = await getSiteSettings(tx);
  const applied: SiteSettingChange[] = [];
  for (const key of keys) {
    const to = changes[key]!;
    if (before[key] === to) continue;
    applied.push({ key, from: before[key], to });
    await tx
      .insert(siteSettings)
      .values({ key, value: to, updatedBy: actorId })
      .onConflictDoUpdate({
        target: siteSettings.key,
        set: { value: to, updatedBy: actorId, updatedAt: sql`now()` },
      });
  }
  const settings = { ...before };
  for (const change of applied) assign(settings, change.key, change.to);
  return { settings, changes: applied };
}
