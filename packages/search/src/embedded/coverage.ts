import { idf, type TermLookup } from './scorer';
import type { TermIndex } from './store';

/** One way a query word is found: a term's postings in each field, and its weight × idf. */
interface Variant {
  fields: Array<ReadonlyMap<number, number>>;
  weight: number;
}

/**
 * How much of a question a document holds: each word counts its weight (its best variant's
 * weight × idf, as the scorer weighs it) when the document holds that variant in any field,
 * over the weight of all the words. BM25 sums what it finds, so a document repeating two of the
 * question's words can outrank one holding five; a question's answer usually holds most of them.
 */
export function coverageOf<T>(
  index: TermIndex<T>,
  lookups: readonly TermLookup[],
  wordCount: number,
): (internal: number) => number {
  const n = Math.max(1, index.documentCount);
  const byWord: Variant[][] = Array.from({ length: wordCount }, () => []);
  for (const lookup of lookups) {
    // Packed by the scorer already: a cached read, and MiniSearch's own postings by document.
    const postings = index.postings(lookup.term);
    if (!postings) continue;
    const variant: Variant = {
      fields: postings.fields.map((field) => field.byDoc),
      weight: lookup.weight * idf(n, postings.df),
    };
    for (let i = 0; i < wordCount; i += 1) if (lookup.words & (1 << i)) byWord[i]!.push(variant);
  }
  // Heaviest variant first: the first one a document holds is the one that counts. Each lookup
  // in a large index costs a cache miss, and a window of hits times a question's variants adds up.
  let total = 0;
  for (const variants of byWord) {
    variants.sort((a, b) => b.weight - a.weight);
    total += variants[0]?.weight ?? 0;
  }
  return (internal) => {
    if (total === 0) return 0;
    let held = 0;
    for (const variants of byWord) {
      let found = false;
      for (let v = 0; v < variants.length && !found; v += 1) {
        const { fields, weight } = variants[v]!;
        for (let f = 0; f < fields.length; f += 1) {
          if (!fields[f]!.has(internal)) continue;
          held += weight;
          found = true;
          break;
        }
      }
    }
    return held / total;
  };
}
