import { type Lang, type QueryWord, stemsOf } from '../analysis';
import { ranking } from './ranking';
import { type FieldPostings, postingCount, type TermDictionary } from './store';

/**
 * Bounds on what one query word expands to. Completions of a short prefix ("co") or corrections
 * of a long word can number in the thousands; the most common few are what people mean, and
 * the posting budget keeps a two-letter prefix from scoring the whole index.
 */
export const expansionLimits = {
  prefixTerms: 12,
  fuzzyTerms: 8,
  /** Postings of a word's completions (or corrections) beyond the first one. */
  postings: 60_000,
  /** Dictionary entries scanned for completions. */
  prefixScan: 20_000,
  /**
   * A word found this often (itself, its stems or completions) is taken as spelled right and
   * not corrected: its one-letter neighbours are other words ("form" is not "from"), and the
   * correction lookups are the costliest part of a query.
   */
  knownWord: 5,
} as const;

/**
 * Terms to look up for one query word, with their weights: the word, its stems, the most common
 * completions when it is being typed, and the closest spellings when it may hold a typo.
 */
export function expandWord(
  dict: TermDictionary,
  word: QueryWord,
  langs: readonly Lang[],
): Map<string, number> {
  const { weights } = ranking;
  const out = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if ((out.get(term) ?? 0) < weight) out.set(term, weight);
  };
  add(word.term, weights.exact);
  let found = postingCount(dict.get(word.term));
  for (const s of word.stems) {
    add(s, weights.stem);
    found += postingCount(dict.get(s));
  }

  if (word.prefix) {
    const completions: Array<[string, number]> = [];
    let scanned = 0;
    for (const [term, data] of dict.atPrefix(word.term)) {
      if (term !== word.term) completions.push([term, postingCount(data)]);
      if (++scanned >= expansionLimits.prefixScan) break;
    }
    // Most common first, shorter first on ties: "pass" → "password" before "passwordless".
    completions.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
    let budget = expansionLimits.postings;
    for (const [term, count] of completions.slice(0, expansionLimits.prefixTerms)) {
      if (budget < count && budget < expansionLimits.postings) continue;
      budget -= count;
      found += count;
      const extra = term.length - word.term.length;
      add(term, (weights.prefix * term.length) / (term.length + 0.3 * extra));
    }
  }

  if (word.fuzzy > 0 && found < expansionLimits.knownWord) {
    const candidates = new Map<string, [distance: number, count: number]>();
    const collect = (matches: Map<string, [FieldPostings, number]>, head: string) => {
      for (const [rest, [data, distance]] of matches) {
        const term = head + rest;
        if (distance > 0 && !out.has(term) && !candidates.has(term))
          candidates.set(term, [distance, postingCount(data)]);
      }
    };
    collect(dict.fuzzyGet(word.term, 1), '');
    if (word.fuzzy >= 2) {
      // Two typos are looked for after an intact first letter: searching the whole dictionary
      // at distance 2 costs ~10 ms on 100k documents, its first-letter branch a fraction of it.
      const head = word.term.slice(0, 1);
      collect(dict.atPrefix(head).fuzzyGet(word.term.slice(1), 2), head);
    }
    // Two letters swapped are one slip of the fingers, though two edits for Levenshtein.
    const t = word.term;
    for (let i = 0; i + 1 < t.length; i += 1) {
      if (t[i] === t[i + 1]) continue;
      const swapped = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
      const data = dict.get(swapped);
      if (data && !out.has(swapped)) candidates.set(swapped, [1, postingCount(data)]);
    }
    // Closest first, most common on ties.
    const ranked = [...candidates].sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1]);
    let budget = expansionLimits.postings;
    for (const [term, [distance, count]] of ranked.slice(0, expansionLimits.fuzzyTerms)) {
      if (budget < count && budget < expansionLimits.postings) continue;
      budget -= count;
      const weight =
        ((found === 0 ? weights.fuzzyUnknown : weights.fuzzy) * term.length) / (term.length + distance);
      add(term, weight);
      for (const s of stemsOf(term, langs)) add(s, weight * weights.stem);
    }
  }
  return out;
}
