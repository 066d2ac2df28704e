import { fold } from '../analysis';

const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The trigrams of a text's words, folded, each word padded with two spaces before and one after
 * (as PostgreSQL's pg_trgm does), so that a word's start weighs more than its end.
 */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const [word] of text.matchAll(wordPattern)) {
    const padded = `  ${fold(word)} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** Shared trigrams over all trigrams of the two sets (0 to 1), as pg_trgm's `similarity()`. */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}
