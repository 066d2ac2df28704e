import { topK } from '../topk';
import type { TermIndex } from './store';

/** A term to look up, its weight, and the query words it stands for (one bit per word). */
export interface TermLookup {
  term: string;
  weight: number;
  words: number;
}

export interface Scored<T> {
  /** MiniSearch's internal document id. */
  internal: number;
  value: T;
  score: number;
}

/** Queries of up to this many words require them all (see `run`). */
export const allWordsUpTo = 2;

/** BM25+ parameters, MiniSearch's defaults. */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

/**
 * Scores documents straight from the index postings into flat arrays indexed by MiniSearch's
 * internal document ids, so a query touching 100k postings costs a few milliseconds and only
 * the requested page is ever sorted. One per engine; not reentrant (searches are synchronous).
 */
export class Scorer<T> {
  private scores = new Float64Array(0);
  /** Best score of the current query word per document, over the word's variants. */
  private wordBest = new Float64Array(0);
  /** Score of the current variant (one looked-up term) per document, over fields. */
  private variant = new Float64Array(0);
  private masks = new Uint16Array(0);
  /** 0: not seen by this query; 1: kept; 2: filtered out or discarded. */
  private state = new Uint8Array(0);

  private ensure(id: number): void {
    const size = Math.max(1024, id + 1, this.state.length * 2);
    const grow = <A extends Float64Array | Uint16Array | Uint8Array>(old: A, make: (n: number) => A): A => {
      const array = make(size);
      array.set(old);
      return array;
    };
    this.scores = grow(this.scores, (n) => new Float64Array(n));
    this.wordBest = grow(this.wordBest, (n) => new Float64Array(n));
    this.variant = grow(this.variant, (n) => new Float64Array(n));
    this.masks = grow(this.masks, (n) => new Uint16Array(n));
    this.state = grow(this.state, (n) => new Uint8Array(n));
  }

  /**
   * Ranks the documents matching `lookups`.
   *
   * A word scores in a document as its best variant (itself, a stem, a completion, a
   * correction), not their sum: "windows" matching both "windows" and its stem "window" is one
   * word matched, not two.
   *
   * A query of one or two words is a lookup: every word must match; when no document has them
   * all, words found nowhere are ignored, and when that still leaves nothing, documents with
   * any word come back, the most words first. A longer query is a question: documents with any
   * of its words, by relevance (BM25 sums over the words, so those matching more and rarer
   * words come first). Requiring every word of a question finds the right FAQ entry in the top
   * 5 for 27% of the English FAQ benchmark's paraphrases, ranking by relevance for 90%.
   */
  run(options: {
    index: TermIndex<T>;
    lookups: readonly TermLookup[];
    wordCount: number;
    /** Boost per field id; fields without one are not searched. */
    fieldBoosts: readonly number[];
    /** Filter on internal ids; only live documents are considered either way. */
    accept: ((internal: number) => boolean) | undefined;
    /** How many of the best documents to return, in order. */
    k: number;
    /** Orders documents of equal relevance. */
    tieBreak: (a: T, b: T) => number;
  }): { top: Scored<T>[]; total: number } {
    const { index, lookups, wordCount, fieldBoosts, accept, k, tieBreak } = options;
    const touched: number[] = [];
    try {
      const n = Math.max(1, index.documentCount);
      for (let word = 0; word < wordCount; word += 1) {
        const bit = 1 << word;
        const wordTouched: number[] = [];
        for (const lookup of lookups) {
          if ((lookup.words & bit) === 0) continue;
          const data = index.dictionary.get(lookup.term);
          if (!data) continue;
          const variantTouched: number[] = [];
          for (const [fieldId, docs] of data) {
            const boost = fieldBoosts[fieldId] ?? 0;
            if (boost === 0 || docs.size === 0) continue;
            const df = docs.size;
            const idf = Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
            const avg = index.averageFieldLength(fieldId) || 1;
            const weight = lookup.weight * boost * idf;
            docs.forEach((tf, doc) => {
              if (doc >= this.state.length) this.ensure(doc);
              let st = this.state[doc]!;
              if (st === 0) {
                st = index.at(doc) !== undefined && (!accept || accept(doc)) ? 1 : 2;
                this.state[doc] = st;
                touched.push(doc);
              }
              if (st !== 1) return;
              const norm = tf + bm25.k * (1 - bm25.b + (bm25.b * index.fieldLength(doc, fieldId)) / avg);
              if (this.variant[doc] === 0) variantTouched.push(doc);
              this.variant[doc]! += weight * (bm25.d + (tf * (bm25.k + 1)) / norm);
            });
          }
          for (const doc of variantTouched) {
            if (this.wordBest[doc] === 0) wordTouched.push(doc);
            if (this.variant[doc]! > this.wordBest[doc]!) this.wordBest[doc] = this.variant[doc]!;
            this.variant[doc] = 0;
          }
        }
        for (const doc of wordTouched) {
          this.scores[doc]! += this.wordBest[doc]!;
          this.masks[doc]! |= bit;
          this.wordBest[doc] = 0;
        }
      }
      return this.select(index, touched, wordCount, k, tieBreak);
    } finally {
      for (const doc of touched) {
        this.scores[doc] = 0;
        this.masks[doc] = 0;
        this.state[doc] = 0;
      }
    }
  }

  private select(
    index: TermIndex<T>,
    touched: readonly number[],
    wordCount: number,
    k: number,
    tieBreak: (a: T, b: T) => number,
  ): { top: Scored<T>[]; total: number } {
    const { scores, masks, state } = this;
    const lookup = wordCount <= allWordsUpTo;
    // Bits a document must have; 0 accepts any document with a matched word.
    let required = 0;
    if (lookup) {
      const all = (1 << wordCount) - 1;
      let present = 0;
      let complete = false;
      for (const doc of touched) {
        if (state[doc] !== 1) continue;
        present |= masks[doc]!;
        if (masks[doc] === all) complete = true;
      }
      if (complete) required = all;
      else if (present !== all && touched.some((doc) => state[doc] === 1 && masks[doc] === present)) {
        required = present;
      }
    }
    const candidates: number[] = [];
    for (const doc of touched) {
      if (state[doc] === 1 && masks[doc] !== 0 && (masks[doc]! & required) === required) candidates.push(doc);
    }
    const top = topK(
      candidates,
      k,
      (a, b) =>
        (lookup ? bitCount(masks[b]!) - bitCount(masks[a]!) : 0) ||
        scores[b]! - scores[a]! ||
        tieBreak(index.at(a)!, index.at(b)!),
    );
    return {
      top: top.map((doc) => ({
        internal: doc,
        value: index.at(doc)!,
        score: scores[doc]!,
      })),
      total: candidates.length,
    };
  }
}

/** The looked-up terms present in one document, any field: what its highlight marks. */
export function termsInDocument<T>(
  index: TermIndex<T>,
  lookups: readonly TermLookup[],
  internal: number,
): Set<string> {
  const found = new Set<string>();
  for (const { term } of lookups) {
    const data = index.dictionary.get(term);
    if (!data) continue;
    for (const docs of data.values()) {
      if (docs.has(internal)) {
        found.add(term);
        break;
      }
    }
  }
  return found;
}
