/** Site-wide settings admins change at run time (stored in the database, not the environment). */
export interface SiteSettings {
  /** Members (not staff) must confirm their email address before they create topics or reply. */
  requireConfirmedEmailToPost: boolean;
}

export type SiteSettingKey = keyof SiteSettings;

/** What a site that never changed a setting uses: the rules in force before settings existed. */
export const defaultSiteSettings: Readonly<SiteSettings> = Object.freeze({
  requireConfirmedEmailToPost: false,
});

export const siteSettingKeys = Object.keys(defaultSiteSettings) as SiteSettingKey[];

/** One setting's change, as the `settings.updated` event records it. */
export interface SiteSettingChange<K extends SiteSettingKey = SiteSettingKey> {
  key: K;
  from: SiteSettings[K];
  to: SiteSettings[K];
}
