import type { SearchDocument, SearchQuery } from '../types';

const localeCodes = { en: 1, fr: 2 } as const;

/**
 * The filterable attributes of each document in flat arrays indexed by internal document id:
 * a filtered search checks every document it touches, up to 100k of them, so the check must
 * not chase objects and hash strings.
 */
export class Facets {
  private typeCodes = new Map<string, number>();
  private type = new Uint16Array(0);
  private category = new Float64Array(0);
  private locale = new Uint8Array(0);
  private solved = new Uint8Array(0);
  private popularity = new Float64Array(0);
  private createdAt = new Float64Array(0);

  /** Equally relevant documents: the more popular, then the newer, first. */
  readonly tieBreak = (a: number, b: number): number =>
    this.popularity[b]! - this.popularity[a]! || this.createdAt[b]! - this.createdAt[a]!;

  set(internal: number, doc: SearchDocument): void {
    if (internal >= this.type.length) this.grow(internal);
    let code = this.typeCodes.get(doc.type);
    if (code === undefined) {
      code = this.typeCodes.size + 1;
      this.typeCodes.set(doc.type, code);
    }
    this.type[internal] = code;
    this.category[internal] = doc.categoryId ?? Number.NaN;
    this.locale[internal] = doc.locale ? localeCodes[doc.locale] : 0;
    this.solved[internal] = doc.solved === true ? 1 : 0;
    this.popularity[internal] = Number.isFinite(doc.popularity) ? doc.popularity! : 0;
    this.createdAt[internal] = Number.isFinite(doc.createdAt) ? doc.createdAt : 0;
  }

  clear(): void {
    this.typeCodes.clear();
    this.type = new Uint16Array(0);
    this.category = new Float64Array(0);
    this.locale = new Uint8Array(0);
    this.solved = new Uint8Array(0);
    this.popularity = new Float64Array(0);
    this.createdAt = new Float64Array(0);
  }

  /** The query's filters as a test on internal ids, or undefined when it has none. */
  compile(query: SearchQuery): ((internal: number) => boolean) | undefined {
    const { type, category, locale, solved } = this;
    let allowedTypes: Uint8Array | undefined;
    if (query.types?.length) {
      allowedTypes = new Uint8Array(this.typeCodes.size + 1);
      for (const t of query.types) {
        const code = this.typeCodes.get(t);
        if (code !== undefined) allowedTypes[code] = 1;
      }
    }
    // Category ids are integers; other values match nothing (as in the Meilisearch adapter).
    const categories = query.categoryIds?.length
      ? new Set(query.categoryIds.filter((id) => Number.isSafeInteger(id)))
      : undefined;
    const wantedLocale = query.locale ? localeCodes[query.locale] : 0;
    const wantedSolved = query.solved == null ? -1 : query.solved ? 1 : 0;
    if (!allowedTypes && !categories && !wantedLocale && wantedSolved < 0) return undefined;
    return (i) =>
      (!allowedTypes || allowedTypes[type[i]!] === 1) &&
      (!categories || categories.has(category[i]!)) &&
      (!wantedLocale || locale[i] === wantedLocale) &&
      (wantedSolved < 0 || solved[i] === wantedSolved);
  }

  private grow(internal: number): void {
    const size = Math.max(1024, (internal + 1) * 2);
    const type = new Uint16Array(size);
    type.set(this.type);
    const category = new Float64Array(size).fill(Number.NaN);
    category.set(this.category);
    const locale = new Uint8Array(size);
    locale.set(this.locale);
    const solved = new Uint8Array(size);
    solved.set(this.solved);
    this.type = type;
    this.category = category;
    this.locale = locale;
    this.solved = solved;
    const popularity = new Float64Array(size);
    popularity.set(this.popularity);
    const createdAt = new Float64Array(size);
    createdAt.set(this.createdAt);
    this.popularity = popularity;
    this.createdAt = createdAt;
  }
}
