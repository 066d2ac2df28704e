import { describe, expect, it } from 'vitest';
import { ranking } from './ranking';
import { allWordsUpTo, Scorer, type TermLookup } from './scorer';
import { countCap, TermIndex } from './store';

// The scorer prunes: it skips postings and documents that cannot reach the top k. These tests
// hold it to an exhaustive evaluation written from the documented rules, on a generated corpus
// where some words are everywhere and others in a handful of documents.

const fields = ['title', 'tags', 'body', 'parentTitle'];
const fieldBoosts = [2, 2, 1, 0.6];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Corpus {
  index: TermIndex<number>;
  vocabulary: string[];
  category: number[];
  popularity: number[];
}

/** Words drawn by a Zipf law, so a few are in most documents and most are rare. */
function buildCorpus(seed: number, size: number): Corpus {
  const next = random(seed);
  const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const weights = vocabulary.map((_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const word = () => {
    let r = next() * sum;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i]!;
      if (r <= 0) return vocabulary[i]!;
    }
    return vocabulary[0]!;
  };
  const words = (n: number) => Array.from({ length: n }, word);
  const index = new TermIndex<number>(fields);
  const category: number[] = [];
  const popularity: number[] = [];
  for (let i = 0; i < size; i += 1) {
    const reply = next() < 0.6;
    // Replies share titles word for word, and many are short and alike: exact ties abound.
    const title = words(1 + Math.floor(next() * 5));
    const terms = [
      reply ? [] : title,
      next() < 0.2 ? words(1 + Math.floor(next() * 2)) : [],
      next() < 0.2 ? ['w0', 'w1'] : words(Math.floor(next() * 40)),
      reply ? title : [],
    ];
    const internal = index.add(`d${i}`, terms, i);
    category[internal] = Math.floor(next() * 6);
    popularity[internal] = Math.floor(next() * 3);
  }
  // Discarded and replaced documents leave postings behind until a vacuum.
  for (let i = 0; i < size; i += 17) index.discard(`d${i}`);
  for (let i = 5; i < size; i += 23) {
    const internal = index.add(`d${i}`, [words(3), [], words(10), []], i);
    category[internal] = Math.floor(next() * 6);
    popularity[internal] = Math.floor(next() * 3);
  }
  return { index, vocabulary, category, popularity };
}

/** The ranking rules, evaluated on every document straight from MiniSearch's postings. */
function exhaustive(
  { index, popularity }: Corpus,
  lookups: readonly TermLookup[],
  wordCount: number,
  accept: ((internal: number) => boolean) | undefined,
  k: number,
): { top: Array<[number, number]>; total: number } {
  const { k: k1, b, d } = ranking.bm25;
  const n = Math.max(1, index.documentCount);
  // Per term: its postings by field, and its weight × idf (from the index's document frequency).
  const terms = lookups.flatMap((lookup) => {
    const data = index.dictionary.get(lookup.term);
    if (!data) return [];
    const df = index.postings(lookup.term)!.df;
    const idf = Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    return [{ words: lookup.words, fields: [...data], weight: lookup.weight * idf }];
  });
  const docs: Array<{ doc: number; score: number; words: number }> = [];
  for (let doc = 0; doc < index.idLimit; doc += 1) {
    if (index.at(doc) === undefined || (accept && !accept(doc))) continue;
    let score = 0;
    let matched = 0;
    for (let position = 0; position < wordCount; position += 1) {
      let best = 0;
      for (const term of terms) {
        if ((term.words & (1 << position)) === 0) continue;
        let sum = 0;
        for (const [fieldId, postings] of term.fields) {
          const tf = postings.get(doc);
          const boost = fieldBoosts[fieldId] ?? 0;
          if (tf === undefined || boost === 0) continue;
          const capped = Math.min(tf, countCap);
          const length = index.fieldLength(doc, fieldId);
          const perLength = (k1 * b) / (index.averageFieldLength(fieldId) || 1);
          sum += boost * (d + (capped * (k1 + 1)) / (capped + k1 * (1 - b) + perLength * length));
        }
        best = Math.max(best, sum * term.weight);
      }
      if (best > 0) {
        score += best;
        matched |= 1 << position;
      }
    }
    if (matched !== 0) docs.push({ doc, score, words: matched });
  }
  let kept = docs;
  if (wordCount <= allWordsUpTo) {
    const all = (1 << wordCount) - 1;
    const present = docs.reduce((mask, doc) => mask | doc.words, 0);
    // Every word when some document has them all; else the words found somewhere; else any.
    const required = docs.some((doc) => doc.words === all) ? all : present !== all ? present : 0;
    kept = docs.filter((doc) => (doc.words & required) === required);
  }
  // A lookup puts documents with more words first; a question ranks by score alone.
  const bits = (mask: number) =>
    wordCount <= allWordsUpTo ? mask.toString(2).replaceAll('0', '').length : 0;
  kept.sort(
    (x, y) =>
      bits(y.words) - bits(x.words) ||
      y.score - x.score ||
      popularity[y.doc]! - popularity[x.doc]! ||
      x.doc - y.doc,
  );
  return { top: kept.slice(0, k).map(({ doc, score }) => [doc, score]), total: kept.length };
}

/** A query of `wordCount` words, each standing for a few terms, common and rare, some shared. */
function randomQuery(next: () => number, vocabulary: string[], wordCount: number): TermLookup[] {
  const byTerm = new Map<string, TermLookup>();
  const pick = () => {
    const r = next();
    // Mostly common words, where pruning has something to skip; sometimes a rare or unknown one.
    if (r < 0.05) return `unknown${Math.floor(next() * 5)}`;
    if (r < 0.6) return vocabulary[Math.floor(next() * 12)]!;
    return vocabulary[Math.floor(next() * vocabulary.length)]!;
  };
  for (let position = 0; position < wordCount; position += 1) {
    const variants = next() < 0.05 ? 0 : 1 + Math.floor(next() * 4);
    for (let v = 0; v < variants; v += 1) {
      const term = pick();
      const weight = [1, 0.9, 0.7, 0.4, 0.36][Math.floor(next() * 5)]!;
      const known = byTerm.get(term);
      if (known) {
        known.words |= 1 << position;
        known.weight = Math.max(known.weight, weight);
      } else byTerm.set(term, { term, weight, words: 1 << position });
    }
  }
  return [...byTerm.values()];
}

describe('pruned scoring', () => {
  const corpus = buildCorpus(20_260_101, 3000);
  const scorer = new Scorer<number>();
  const tieBreak = (a: number, b: number) => corpus.popularity[b]! - corpus.popularity[a]!;
  const filters: Array<[string, ((internal: number) => boolean) | undefined]> = [
    ['no filter', undefined],
    ['two categories', (internal) => corpus.category[internal]! < 2],
    ['one category', (internal) => corpus.category[internal] === 4],
    ['nothing passes', () => false],
  ];

  const check = (seed: number, wordCounts: number[], ks: number[]) => {
    const next = random(seed);
    for (let trial = 0; trial < 60; trial += 1) {
      const wordCount = wordCounts[trial % wordCounts.length]!;
      const lookups = randomQuery(next, corpus.vocabulary, wordCount);
      for (const [, accept] of filters) {
        const all = exhaustive(corpus, lookups, wordCount, accept, corpus.index.idLimit);
        for (const k of ks) {
          const expected = { top: all.top.slice(0, k), total: all.total };
          const { top, total } = scorer.run({
            index: corpus.index,
            lookups,
            wordCount,
            fieldBoosts,
            accept,
            k,
            tieBreak,
          });
          // Same documents, same order, same scores to the last bit, same count.
          expect({ top: top.map((hit) => [hit.internal, hit.score]), total }).toEqual(expected);
        }
      }
    }
  };

  it('ranks one-word lookups as an exhaustive evaluation does', () => check(1, [1], [0, 1, 7, 20, 100]));

  it('ranks two-word lookups as an exhaustive evaluation does, fallbacks included', () =>
    check(2, [2], [0, 1, 7, 20, 100]));

  it('ranks questions as an exhaustive evaluation does', () => check(3, [3, 4, 6, 9, 12], [1, 10, 50, 120]));

  it('falls back as documented when no document holds both words', () => {
    const { index, vocabulary } = corpus;
    const holders = (term: string) => {
      const found = new Set<number>();
      for (const postings of index.dictionary.get(term)?.values() ?? []) {
        for (const doc of postings.keys()) if (index.at(doc) !== undefined) found.add(doc);
      }
      return found;
    };
    // Two fairly common words that never meet, one common word with one found nowhere.
    const [first, second] = vocabulary
      .slice(20, 120)
      .flatMap((a, i, list) => list.slice(i + 1).map((b) => [a, b] as const))
      .find(([a, b]) => ![...holders(a)].some((doc) => holders(b).has(doc)))!;
    const cases: TermLookup[][] = [
      [
        { term: first!, weight: 1, words: 1 },
        { term: second!, weight: 0.9, words: 2 },
      ],
      [
        { term: 'nowhere', weight: 1, words: 1 },
        { term: vocabulary[0]!, weight: 1, words: 2 },
      ],
    ];
    for (const lookups of cases) {
      for (const k of [0, 3, 50]) {
        const result = scorer.run({
          index,
          lookups,
          wordCount: 2,
          fieldBoosts,
          accept: undefined,
          k,
          tieBreak,
        });
        const expected = exhaustive(corpus, lookups, 2, undefined, k);
        expect({ top: result.top.map((hit) => [hit.internal, hit.score]), total: result.total }).toEqual(
          expected,
        );
      }
    }
    expect(exhaustive(corpus, cases[0]!, 2, undefined, 0).total).toBe(
      holders(first!).size + holders(second!).size,
    );
  });
});
