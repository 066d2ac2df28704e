/**
 * The pure parts of the relevance benchmark: the split of the query sets, the typo injected into
 * queries and the figures reported. Deterministic, so every machine reports the same split and
 * the same typos.
 */

export type Split = 'train' | 'validation' | 'all';

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Share of queries, in tenths, held out for validation in sets that ship without a split. */
export const validationTenths = 3;

/**
 * Split of a set that ships without one: FNV-1a of the query text (trimmed, NFC); a hash whose
 * remainder modulo 10 is below 3 puts the query in validation (about 30%), the rest in train.
 */
export function hashSplit(queryText: string): 'train' | 'validation' {
  return fnv1a(queryText.trim().normalize('NFC')) % 10 < validationTenths ? 'validation' : 'train';
}

/** Words shorter than this are left as typed. */
export const minTypoLength = 4;

/**
 * The query with one typo: in its longest word (a run of letters; the first one on ties), two
 * adjacent inner letters are swapped, the middle pair (letters ⌊(n−1)/2⌋ and ⌊(n−1)/2⌋+1, from
 * 0) when they differ, else the nearest inner pair of different letters, right before left.
 * First and last letters never move. A longest word under 4 letters, or one whose inner letters
 * are all the same, leaves the query unchanged.
 */
export function injectTypo(query: string): string {
  let best: { start: number; letters: string[] } | null = null;
  for (const match of query.matchAll(/\p{L}+/gu)) {
    const letters = [...match[0]];
    if (!best || letters.length > best.letters.length) best = { start: match.index, letters };
  }
  if (!best || best.letters.length < minTypoLength) return query;
  const { start, letters } = best;
  const n = letters.length;
  const middle = Math.floor((n - 1) / 2);
  // Candidate pairs (i, i+1) with 1 ≤ i and i+1 ≤ n−2, nearest the middle first.
  const order: number[] = [middle];
  for (let d = 1; order.length < n; d += 1) {
    if (middle + d <= n - 3) order.push(middle + d);
    if (middle - d >= 1) order.push(middle - d);
    if (middle + d > n - 3 && middle - d < 1) break;
  }
  const i = order.find((at) => letters[at] !== letters[at + 1]);
  if (i === undefined) return query;
  [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  const word = best.letters.join('');
  return query.slice(0, start) + letters.join('') + query.slice(start + word.length);
}

/** Hits read for the reciprocal rank: an answer below the 10th counts as not found. */
export const mrrCutoff = 10;

/** 1-based rank of `expected` among `hitIds`, 0 when absent. */
export function rankOf(hitIds: readonly string[], expected: string): number {
  return hitIds.indexOf(expected) + 1;
}

export interface Figures {
  n: number;
  recall_at_1: number;
  recall_at_3: number;
  mrr: number;
}

/** recall@1, recall@3 and MRR (cut at 10) from the rank of each query's answer (0: not found). */
export function figures(ranks: readonly number[]): Figures {
  const n = ranks.length;
  if (n === 0) return { n, recall_at_1: 0, recall_at_3: 0, mrr: 0 };
  let at1 = 0;
  let at3 = 0;
  let reciprocal = 0;
  for (const rank of ranks) {
    if (rank < 1) continue;
    if (rank === 1) at1 += 1;
    if (rank <= 3) at3 += 1;
    if (rank <= mrrCutoff) reciprocal += 1 / rank;
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { n, recall_at_1: round(at1 / n), recall_at_3: round(at3 / n), mrr: round(reciprocal / n) };
}
