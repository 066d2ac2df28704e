import MiniSearch from 'minisearch';

/** Per term: field id → (internal document id → term frequency). */
export type FieldPostings = Map<number, Map<number, number>>;

/** MiniSearch's term dictionary: a radix tree of terms with fuzzy and prefix lookups. */
export interface TermDictionary {
  get(term: string): FieldPostings | undefined;
  /** A view of the terms starting with `prefix`; iterating it yields full terms. */
  atPrefix(prefix: string): TermDictionary & Iterable<[string, FieldPostings]>;
  /** Terms within `maxDistance` edits of `term`, keyed relative to this view's prefix. */
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]>;
}

/** Term frequencies and field lengths are stored in 16 bits, so scoring caps both at this. */
export const countCap = 0xffff;

/** A term's postings in one field as flat arrays, which a scoring loop reads far faster than a Map. */
export interface PackedField {
  fieldId: number;
  docs: Uint32Array;
  /** Term frequencies, capped at `countCap`. */
  tfs: Uint16Array;
  /** The field's length in each document (fixed for a document's life), capped at `countCap`. */
  lengths: Uint16Array;
  /** MiniSearch's own postings of the field, to look one document up without scanning `docs`. */
  byDoc: ReadonlyMap<number, number>;
}

/** A term's packed postings and its document frequency over all fields. */
export interface PackedPostings {
  fields: PackedField[];
  /** Documents holding the term in any field (not yet vacuumed ones included, as in the postings). */
  df: number;
}

/**
 * Postings kept packed (8 bytes each): at least `packedMinimum`, or `packedShare` of the index.
 * One pass of `pnpm bench search` packs 2M of the 4.7M postings of 100k documents: with a fixed
 * budget, a 1M-document index would pack the terms of nearly every query again, at a cost growing
 * with the index. Past the budget, the terms used longest ago are dropped first.
 */
const packedMinimum = 8_000_000;
const packedShare = 0.5;

/** Number of (field, document) postings of a term: how common it is, and what it costs to score. */
export function postingCount(data: FieldPostings | undefined): number {
  if (!data) return 0;
  let n = 0;
  for (const docs of data.values()) n += docs.size;
  return n;
}

/**
 * Documents holding a term in any field: the largest field's, plus each other field's found
 * neither there nor in an earlier field (a document in the title and the tags counts once).
 */
function unionSize(data: FieldPostings, largest: Map<number, number> | undefined): number {
  if (!largest) return 0;
  const others: Array<Map<number, number>> = [];
  for (const docs of data.values()) if (docs !== largest && docs.size > 0) others.push(docs);
  let size = largest.size;
  for (let f = 0; f < others.length; f += 1) {
    for (const doc of others[f]!.keys()) {
      if (largest.has(doc)) continue;
      let earlier = false;
      for (let g = 0; g < f && !earlier; g += 1) earlier = others[g]!.has(doc);
      if (!earlier) size += 1;
    }
  }
  return size;
}

/** The two private fields of MiniSearch read here. */
interface Internals {
  _index: TermDictionary;
  _idToShortId: Map<string, number>;
}

/**
 * The inverted index: MiniSearch keeps the postings and the term dictionary, this class keeps
 * the documents and their field lengths by MiniSearch internal id, and the postings of the terms
 * queries use packed into flat arrays (documents, frequencies, field lengths), because a Map
 * lookup per posting is what makes a common word cost 100 ms on 100k documents.
 *
 * Reading MiniSearch's dictionary and internal ids means reading two private fields of
 * MiniSearch 7.2 (`_index`, `_idToShortId`); the shape check makes an upgrade that changes
 * them fail at start and in the tests rather than return wrong results.
 */
export class TermIndex<T> {
  readonly fieldIds: Readonly<Record<string, number>>;
  private miniSearch: MiniSearch<{ id: string; terms: readonly string[][] }>;
  private byInternal: Array<T | undefined> = [];
  private lengths = new Uint32Array(0);
  private lengthSums: number[];
  private live = 0;
  /** Packed postings of the terms queries used, dropped when a write changes them. */
  private packed = new Map<string, PackedPostings>();
  private packedCount = 0;

  constructor(private readonly fields: readonly string[]) {
    this.fieldIds = Object.fromEntries(fields.map((f, i) => [f, i]));
    this.lengthSums = fields.map(() => 0);
    this.miniSearch = this.create();
  }

  private create() {
    const index = new MiniSearch<{ id: string; terms: readonly string[][] }>({
      fields: [...this.fields],
      idField: 'id',
      extractField: (entry, field) => (field === 'id' ? entry.id : entry.terms[this.fieldIds[field]!]),
      stringifyField: (value) => value,
      tokenize: (terms) => terms as unknown as string[],
      processTerm: (term) => term,
      // Vacuuming is driven by `vacuumIfDirty`, awaited after writes, so reads see clean counts.
      autoVacuum: false,
    });
    const internals = index as unknown as { _index?: Partial<TermDictionary>; _idToShortId?: unknown };
    const dict = internals._index;
    if (
      !dict ||
      typeof dict.get !== 'function' ||
      typeof dict.atPrefix !== 'function' ||
      typeof dict.fuzzyGet !== 'function' ||
      !(internals._idToShortId instanceof Map)
    ) {
      throw new Error(
        'MiniSearch internals changed: the embedded search engine was written for minisearch 7.2',
      );
    }
    return index;
  }

  private get internals(): Internals {
    return this.miniSearch as unknown as Internals;
  }

  get dictionary(): TermDictionary {
    return this.internals._index;
  }

  get documentCount(): number {
    return this.live;
  }

  /** The stored value of a live document, by internal id. */
  at(internal: number): T | undefined {
    return this.byInternal[internal];
  }

  /** One past the highest internal id handed out: the size of arrays indexed by internal id. */
  get idLimit(): number {
    return this.byInternal.length;
  }

  /** A term's postings, packed on first use and kept until a write changes them. */
  postings(term: string): PackedPostings | undefined {
    const cached = this.packed.get(term);
    if (cached) {
      // Most recently used last.
      this.packed.delete(term);
      this.packed.set(term, cached);
      return cached;
    }
    const data = this.dictionary.get(term);
    if (!data) return undefined;
    const fields: PackedField[] = [];
    let count = 0;
    let largest: Map<number, number> | undefined;
    for (const [fieldId, docs] of data) {
      if (docs.size === 0) continue;
      const packed: PackedField = {
        fieldId,
        docs: new Uint32Array(docs.size),
        tfs: new Uint16Array(docs.size),
        lengths: new Uint16Array(docs.size),
        byDoc: docs,
      };
      let i = 0;
      for (const [doc, tf] of docs) {
        packed.docs[i] = doc;
        packed.tfs[i] = Math.min(tf, countCap);
        packed.lengths[i] = this.fieldLength(doc, fieldId);
        i += 1;
      }
      fields.push(packed);
      count += docs.size;
      if (!largest || docs.size > largest.size) largest = docs;
    }
    const df = unionSize(data, largest);
    this.evictPacked(count);
    const postings = { fields, df };
    this.packed.set(term, postings);
    this.packedCount += count;
    return postings;
  }

  /** Drops the packed terms used longest ago until `incoming` more postings fit the budget. */
  private evictPacked(incoming: number): void {
    let postings = 0;
    for (const sum of this.lengthSums) postings += sum;
    const limit = Math.max(packedMinimum, postings * packedShare);
    for (const [term, packed] of this.packed) {
      if (this.packedCount + incoming <= limit) return;
      for (const field of packed.fields) this.packedCount -= field.docs.length;
      this.packed.delete(term);
    }
  }

  private dropPacked(): void {
    this.packed.clear();
    this.packedCount = 0;
  }

  /** A document's length in one field, capped as in the packed postings. */
  fieldLength(internal: number, fieldId: number): number {
    return Math.min(this.lengths[internal * this.fields.length + fieldId] ?? 0, countCap);
  }

  averageFieldLength(fieldId: number): number {
    return this.live > 0 ? (this.lengthSums[fieldId] ?? 0) / this.live : 0;
  }

  /** Indexes a document given the index terms of each field (in `fields` order); returns its internal id. */
  add(id: string, terms: readonly string[][], value: T): number {
    if (this.miniSearch.has(id)) this.discard(id);
    this.miniSearch.add({ id, terms });
    if (this.packed.size > 0) {
      for (const fieldTerms of terms) {
        for (const term of fieldTerms) {
          const dropped = this.packed.get(term);
          if (!dropped) continue;
          for (const field of dropped.fields) this.packedCount -= field.docs.length;
          this.packed.delete(term);
        }
      }
    }
    const internal = this.internals._idToShortId.get(id)!;
    const width = this.fields.length;
    if ((internal + 1) * width > this.lengths.length) {
      const grown = new Uint32Array(Math.max(1024, (internal + 1) * width * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    terms.forEach((fieldTerms, fieldId) => {
      const length = new Set(fieldTerms).size;
      this.lengths[internal * width + fieldId] = length;
      this.lengthSums[fieldId] = (this.lengthSums[fieldId] ?? 0) + length;
    });
    this.byInternal[internal] = value;
    this.live += 1;
    return internal;
  }

  /**
   * MiniSearch's `discard` leaves a replaced document's postings behind until a vacuum, and
   * document frequencies are read from posting sizes: every re-indexed topic would make its own
   * words look commoner and rank lower. Vacuum once the leftovers reach 1% of the index.
   */
  async vacuumIfDirty(): Promise<void> {
    const search = this.miniSearch;
    if (search.dirtCount === 0 || search.dirtFactor < 0.01) return;
    try {
      await search.vacuum({ batchSize: 50_000, batchWait: 0 });
    } finally {
      // Vacuuming rewrites postings everywhere, and searches may have run between its batches.
      this.dropPacked();
    }
  }

  discard(id: string): void {
    const internal = this.internals._idToShortId.get(id);
    if (internal === undefined) return;
    this.miniSearch.discard(id);
    const width = this.fields.length;
    for (let fieldId = 0; fieldId < width; fieldId += 1) {
      this.lengthSums[fieldId] =
        (this.lengthSums[fieldId] ?? 0) - (this.lengths[internal * width + fieldId] ?? 0);
    }
    this.byInternal[internal] = undefined;
    this.live -= 1;
  }

  clear(): void {
    this.miniSearch = this.create();
    this.byInternal = [];
    this.lengths = new Uint32Array(0);
    this.lengthSums = this.fields.map(() => 0);
    this.live = 0;
    this.dropPacked();
  }
}
