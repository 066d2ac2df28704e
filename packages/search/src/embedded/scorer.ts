import { topK } from '../topk';
import { ranking } from './ranking';
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

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

/**
 * Scores documents straight from the index postings into flat arrays indexed by MiniSearch's
 * internal document ids, so a query touching 100k postings costs a few milliseconds and only
 * the requested page is ever sorted. The arrays and the lists of touched documents are kept
 * from one query to the next, so a query allocates next to nothing. One per engine; not
 * reentrant (searches are synchronous).
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
  /** Documents seen by this query, by the current word, by the current variant; counts apart. */
  private touched = new Uint32Array(0);
  private wordTouched = new Uint32Array(0);
  private variantTouched = new Uint32Array(0);

  private ensure(size: number): void {
    if (size <= this.state.length) return;
    const length = Math.max(1024, size, this.state.length * 2);
    const grow = <A extends Float64Array | Uint16Array | Uint8Array | Uint32Array>(
      old: A,
      make: (n: number) => A,
    ): A => {
      const array = make(length);
      array.set(old);
      return array;
    };
    this.scores = grow(this.scores, (n) => new Float64Array(n));
    this.wordBest = grow(this.wordBest, (n) => new Float64Array(n));
    this.variant = grow(this.variant, (n) => new Float64Array(n));
    this.masks = grow(this.masks, (n) => new Uint16Array(n));
    this.state = grow(this.state, (n) => new Uint8Array(n));
    this.touched = new Uint32Array(length);
    this.wordTouched = new Uint32Array(length);
    this.variantTouched = new Uint32Array(length);
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
   * words come first). Requiring every word of a question, as PostgreSQL's
   * `websearch_to_tsquery` does, puts the right FAQ entry in the top 3 for at most 17% of the
   * paraphrased questions of `pnpm bench relevance`.
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
    /** Orders documents of equal relevance, by internal id. */
    tieBreak: (a: number, b: number) => number;
  }): { top: Scored<T>[]; total: number } {
    const { index, lookups, wordCount, fieldBoosts, accept, k, tieBreak } = options;
    const { bm25 } = ranking;
    this.ensure(index.idLimit);
    const { scores, wordBest, variant, masks, state, touched, wordTouched, variantTouched } = this;
    const n = Math.max(1, index.documentCount);
    // norm = tf + k·(1 − b + b·length/avg), split into what depends on the document.
    const base = bm25.k * (1 - bm25.b);
    const top = bm25.k + 1;
    const floor = bm25.d;
    let touchedCount = 0;
    try {
      for (let word = 0; word < wordCount; word += 1) {
        const bit = 1 << word;
        let wordTouchedCount = 0;
        for (const lookup of lookups) {
          if ((lookup.words & bit) === 0) continue;
          const postings = index.postings(lookup.term);
          if (!postings) continue;
          let variantCount = 0;
          for (const { fieldId, docs, tfs, lengths } of postings.fields) {
            const boost = fieldBoosts[fieldId] ?? 0;
            if (boost === 0) continue;
            const perLength = (bm25.k * bm25.b) / (index.averageFieldLength(fieldId) || 1);
            for (let i = 0; i < docs.length; i += 1) {
              const doc = docs[i]!;
              let st = state[doc]!;
              if (st === 0) {
                st = index.at(doc) !== undefined && (!accept || accept(doc)) ? 1 : 2;
                state[doc] = st;
                touched[touchedCount++] = doc;
              }
              if (st !== 1) continue;
              const tf = tfs[i]!;
              if (variant[doc] === 0) variantTouched[variantCount++] = doc;
              variant[doc]! += boost * (floor + (tf * top) / (tf + base + perLength * lengths[i]!));
            }
          }
          // One idf per term, from the documents holding it anywhere: a word every answer uses
          // ("pandemic") must not weigh much because few titles happen to use it.
          const df = postings.df;
          const weight = lookup.weight * Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
          for (let i = 0; i < variantCount; i += 1) {
            const doc = variantTouched[i]!;
            const score = variant[doc]! * weight;
            variant[doc] = 0;
            if (wordBest[doc] === 0) wordTouched[wordTouchedCount++] = doc;
            if (score > wordBest[doc]!) wordBest[doc] = score;
          }
        }
        for (let i = 0; i < wordTouchedCount; i += 1) {
          const doc = wordTouched[i]!;
          scores[doc]! += wordBest[doc]!;
          masks[doc]! |= bit;
          wordBest[doc] = 0;
        }
      }
      return this.select(index, touchedCount, wordCount, k, tieBreak);
    } finally {
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i]!;
        scores[doc] = 0;
        masks[doc] = 0;
        state[doc] = 0;
      }
    }
  }

  private select(
    index: TermIndex<T>,
    touchedCount: number,
    wordCount: number,
    k: number,
    tieBreak: (a: number, b: number) => number,
  ): { top: Scored<T>[]; total: number } {
    const { scores, masks, state, touched } = this;
    const lookup = wordCount <= allWordsUpTo;
    // Bits a document must have; 0 accepts any document with a matched word.
    let required = 0;
    if (lookup) {
      const all = (1 << wordCount) - 1;
      let present = 0;
      let complete = false;
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i]!;
        if (state[doc] !== 1) continue;
        present |= masks[doc]!;
        if (masks[doc] === all) complete = true;
      }
      if (complete) required = all;
      else if (present !== all) {
        for (let i = 0; i < touchedCount; i += 1) {
          const doc = touched[i]!;
          if (state[doc] === 1 && masks[doc] === present) {
            required = present;
            break;
          }
        }
      }
    }
    // Candidates reuse the word list, free once scoring is done.
    const candidates = this.wordTouched;
    let total = 0;
    for (let i = 0; i < touchedCount; i += 1) {
      const doc = touched[i]!;
      if (state[doc] === 1 && masks[doc] !== 0 && (masks[doc]! & required) === required)
        candidates[total++] = doc;
    }
    const best = topK(
      candidates.subarray(0, total),
      k,
      (a, b) =>
        (lookup ? bitCount(masks[b]!) - bitCount(masks[a]!) : 0) || scores[b]! - scores[a]! || tieBreak(a, b),
    );
    return {
      top: best.map((doc) => ({ internal: doc, value: index.at(doc)!, score: scores[doc]! })),
      total,
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
