import { idf, type TermLookup } from './scorer';
import type { TermIndex } from './store';

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
  const variants: Array<{ fields: Array<ReadonlyMap<number, number>>; weight: number; words: number }> = [];
  const wordWeights = new Float64Array(wordCount);
  for (const lookup of lookups) {
    const postings = index.postings(lookup.term);
    const data = index.dictionary.get(lookup.term);
    if (!postings || !data) continue;
    const weight = lookup.weight * idf(n, postings.df);
    variants.push({
      fields: [...data.values()].filter((docs) => docs.size > 0),
      weight,
      words: lookup.words,
    });
    for (let i = 0; i < wordCount; i += 1)
      if (lookup.words & (1 << i) && weight > wordWeights[i]!) wordWeights[i] = weight;
  }
  let total = 0;
  for (const weight of wordWeights) total += weight;
  const found = new Float64Array(wordCount);
  return (internal) => {
    if (total === 0) return 0;
    found.fill(0);
    for (const { fields, weight, words } of variants) {
      if (!fields.some((docs) => docs.has(internal))) continue;
      for (let i = 0; i < wordCount; i += 1) if (words & (1 << i) && weight > found[i]!) found[i] = weight;
    }
    let held = 0;
    for (const weight of found) held += weight;
    return held / total;
  };
}
