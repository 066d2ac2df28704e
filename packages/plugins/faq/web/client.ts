import type { Locale } from '@parvis/domain';
import type { Translate } from '@parvis/plugin-sdk/web';
import type { ArticleSummary, ArticleView, CategoryRef } from '../server/articles';

export type { ArticleSummary, ArticleView, CategoryRef };

export interface FaqHit {
  kind: 'faq' | 'question';
  id: string;
  title: string;
  url: string;
  /** HTML-escaped text with `<mark>` around matches, from the search engine. */
  highlight: { title: string; snippet: string };
  category: CategoryRef | null;
}

export interface SearchResponse {
  q: string;
  hits: FaqHit[];
}

export interface ArticleList {
  articles: ArticleSummary[];
  more: boolean;
  categories: CategoryRef[];
  canWrite: boolean;
}

/** `GET /plugins/faq/articles/:slug`: asked by an old slug, `redirectedFrom` is that slug. */
export interface ArticleLookup {
  article: ArticleView;
  redirectedFrom?: string;
}

/**
 * Where a page asked under an article's old slug moves for good (301): the same page (`suffix`,
 * e.g. `/edit`) under the current slug, with the same query. Null when the slug is the current one.
 */
export function articleRedirect(
  lookup: ArticleLookup,
  url: string,
  suffix = '',
): { kind: 'redirect'; to: string; status: 301 } | null {
  if (lookup.redirectedFrom === undefined) return null;
  const query = url.indexOf('?');
  const search = query === -1 ? '' : url.slice(query);
  return { kind: 'redirect', to: `/faq/${lookup.article.slug}${suffix}${search}`, status: 301 };
}

const base = '/api/v1/plugins/faq';

export interface SearchParams {
  q: string;
  locale?: Locale | undefined;
  category?: string | undefined;
  limit?: number;
  source: 'faq' | 'composer';
  session: string;
}

export function searchPath(params: Omit<SearchParams, 'session' | 'source'> & Partial<SearchParams>) {
  const query = new URLSearchParams({ q: params.q });
  if (params.locale) query.set('locale', params.locale);
  if (params.category) query.set('category', params.category);
  if (params.limit) query.set('limit', String(params.limit));
  if (params.source) query.set('source', params.source);
  if (params.session) query.set('session', params.session);
  return `/plugins/faq/search?${query}`;
}

/**
 * Searches as people type: each call aborts the one before, so a slow answer to "inv" never
 * replaces the answer to "invoice". Resolves null when aborted.
 */
export function createSearcher() {
  let controller: AbortController | null = null;
  return {
    async search(params: SearchParams): Promise<SearchResponse | null | 'failed'> {
      controller?.abort();
      controller = new AbortController();
      const { signal } = controller;
      try {
        const res = await fetch(`/api/v1${searchPath(params)}`, {
          signal,
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!res.ok) return 'failed';
        const body = (await res.json()) as SearchResponse;
        return signal.aborted ? null : body;
      } catch {
        return signal.aborted ? null : 'failed';
      }
    },
    abort() {
      controller?.abort();
      controller = null;
    },
  };
}

/** A random id for a composer visit or a search session. */
export function randomId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Sends a record that must survive leaving the page (the end of a composer visit): the browser
 * delivers it even while unloading.
 */
export function sendLate(path: string, body: unknown) {
  const url = `${base}${path}`;
  const json = JSON.stringify(body);
  try {
    if (navigator.sendBeacon?.(url, new Blob([json], { type: 'application/json' }))) return;
  } catch {
    // Fall through to fetch.
  }
  void fetch(url, {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: json,
  }).catch(() => undefined);
}

/** Where the composer remembers which suggestions it opened, so a helpful vote can tell. */
const openedKey = 'parvis.faq.opened';
const openedTtl = 60 * 60 * 1000;

export function rememberOpened(sessionId: string, url: string) {
  try {
    localStorage.setItem(openedKey, JSON.stringify({ sessionId, url, at: Date.now() }));
  } catch {
    // Storage may be unavailable (private mode): the vote then simply carries no visit.
  }
}

export function openedFrom(url: string): string | undefined {
  try {
    const raw = localStorage.getItem(openedKey);
    if (!raw) return undefined;
    const entry = JSON.parse(raw) as { sessionId?: unknown; url?: unknown; at?: unknown };
    if (entry.url !== url || typeof entry.sessionId !== 'string' || typeof entry.at !== 'number') return;
    return Date.now() - entry.at < openedTtl ? entry.sessionId : undefined;
  } catch {
    return undefined;
  }
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** `<base>.one` or `<base>.other` for `count`. */
export function plural(t: Translate, locale: Locale, key: string, count: number, params = {}) {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, { ...params, count: new Intl.NumberFormat(locale).format(count) });
}

export function formatDate(locale: Locale, iso: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

/** Plain text of sanitized HTML, shortened, for `<meta name="description">`. */
export function summarize(html: string, max = 160): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  const text = html
    // Block elements separate words; inline ones (strong, em, a…) sit inside a sentence.
    .replace(/<\/?(?:p|br|li|ul|ol|h[1-6]|div|pre|blockquote|table|tr|td|th|hr)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, entity: string) => entities[entity] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export const signInUrl = (url: string) => `/sign-in?next=${encodeURIComponent(url)}`;

/** The words the suggestions search for: the title, completed by the body's start when it is short. */
export function composerQuery(title: string, body: string): string {
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  const titleWords = words(title);
  const extra = titleWords.length < 4 ? words(body.replace(/[#*_`>[\]()!|~-]+/g, ' ')) : [];
  return [...titleWords, ...extra.slice(0, Math.max(0, 12 - titleWords.length))].join(' ').slice(0, 200);
}
