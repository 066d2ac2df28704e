import { type Locale, type MessageKey, registerMessages, translate } from '@parvis/domain';
import { webPlugins } from '../plugins';
import type { en } from './en';

/**
 * A page downloads its own language only: the shared strings (errors, form fields), the web
 * app's and every plugin's. The build puts each language's files in one chunk.
 */
const catalogs: Record<Locale, () => Promise<Record<string, string>>[]> = {
  en: () => [
    import('@parvis/domain/i18n/en').then((module) => module.en),
    import('./en').then((module) => module.en),
  ],
  fr: () => [
    import('@parvis/domain/i18n/fr').then((module) => module.fr),
    import('./fr').then((module) => module.fr),
  ],
};

export async function loadMessages(locale: Locale): Promise<void> {
  const parts = await Promise.all([
    ...catalogs[locale](),
    ...webPlugins.map((plugin) => plugin.messages[locale]()),
  ]);
  const messages = Object.assign({}, ...parts) as Record<string, string>;
  registerMessages(locale === 'en' ? { en: messages, fr: {} } : { en: {}, fr: messages });
}

export type WebKey = keyof typeof en;
export type Key = WebKey | MessageKey;
export type Params = Record<string, string | number>;
export type Translate = (key: Key, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Picks `<base>.one` or `<base>.other` for `count` and fills `{count}` with the formatted number. */
export function plural(locale: Locale, base: PluralBase, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${base}.${form}`, { count: formatNumber(locale, count) });
}

type PluralBase = WebKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

// Formatters are costly to build, and pages format many dates: keep one per locale and style.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, kind: 'utc-date' | 'local-date' | 'local-full'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    format =
      kind === 'utc-date'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
        : kind === 'local-date'
          ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
          : new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * The date as both server and browser render it during hydration: fixed to UTC, so the
 * server's and the visitor's time zones cannot disagree.
 */
export function formatStableDate(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateFormat(locale, 'utc-date').format(time);
}

export function formatFullDate(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateFormat(locale, 'local-full').format(time);
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

/** "5 minutes ago" for recent dates, otherwise the date in the visitor's own time zone. */
export function formatRelative(locale: Locale, iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs >= 7 * 86400) return dateFormat(locale, 'local-date').format(time);
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  if (abs < 45) return translate(locale, 'web.time.now');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}
