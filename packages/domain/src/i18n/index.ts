import { core as bundled } from '#i18n-core';
import type { Locale } from '../locales';
import type { MessageKey } from './en';

export type { MessageKey };
export type Catalog = Record<string, string>;

const core: Record<Locale, Catalog> = bundled;
const extra: Record<Locale, Catalog> = { en: {}, fr: {} };

/** Plugins and apps add their own keys; each must supply both languages (checked by tests). */
export function registerMessages(messages: Record<Locale, Catalog>): void {
  Object.assign(extra.en, messages.en);
  Object.assign(extra.fr, messages.fr);
}

/** Translates `key`, replacing `{name}` placeholders. Unknown keys come back as the key itself. */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = extra[locale][key] ?? core[locale][key] ?? core.en[key] ?? key;
  return params
    ? template.replace(/\{(\w+)\}/g, (all, name: string) => String(params[name] ?? all))
    : template;
}

/** Keys present in one language but missing from the other. */
export function missingTranslations(catalogs: Record<Locale, Catalog>): string[] {
  const en = Object.keys(catalogs.en);
  const fr = Object.keys(catalogs.fr);
  return [...en.filter((k) => !(k in catalogs.fr)), ...fr.filter((k) => !(k in catalogs.en))];
}
