import { slugify } from '@parvis/domain';

export const faqLocales = ['fr', 'en'] as const;
export type FaqLocale = (typeof faqLocales)[number];
export const articleStatuses = ['published', 'draft'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export const limits = {
  question: { min: 3, max: 300 },
  answer: { min: 1, max: 100_000 },
  slug: { max: 80 },
  tag: { max: 40 },
  tags: { max: 10 },
  comment: { max: 1000 },
} as const;

/** Lowercase ASCII words joined by dashes, as in URLs; one segment, never empty. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words our pages already use under `/faq/` cannot be article slugs. */
export const reservedSlugs: ReadonlySet<string> = new Set(['new', 'insights', 'search', 'edit', 'history']);

export function articleSlug(question: string): string {
  const slug = slugify(question, limits.slug.max);
  return reservedSlugs.has(slug) ? `${slug}-faq` : slug;
}

/** Tags are compared and shown in one form: trimmed, lowercase, single spaces, no duplicates. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ').slice(0, limits.tag.max);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, limits.tags.max);
}

/** The earliest free slug: `base`, then `base-2`, `base-3`… */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, limits.slug.max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
