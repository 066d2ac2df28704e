import { describe, expect, it } from 'vitest';
import { coverageOf } from './coverage';
import { idf, type TermLookup } from './scorer';
import { TermIndex } from './store';

const fields = ['title', 'tags', 'body', 'parentTitle'];

function corpus() {
  const index = new TermIndex<string>(fields);
  const internal: Record<string, number> = {};
  const add = (id: string, title: string[], body: string[]) => {
    internal[id] = index.add(id, [title, [], body, []], id);
  };
  add('all', ['refund'], ['invoice', 'late']);
  add('common', ['late'], ['late']);
  add('rare', [], ['refund']);
  add('none', ['other'], ['words']);
  for (let i = 0; i < 6; i += 1) add(`filler${i}`, ['late'], ['invoice']);
  return { index, internal };
}

// Three query words: "refund" (rare), "invoice" and "late" (common); the third word's lookups
// stand for "late" itself and a stem of it weighed 0.9.
const lookups: TermLookup[] = [
  { term: 'refund', weight: 1, words: 0b001 },
  { term: 'invoice', weight: 1, words: 0b010 },
  { term: 'late', weight: 1, words: 0b100 },
  { term: 'lat', weight: 0.9, words: 0b100 },
];

describe('question coverage', () => {
  it('is the share of the words’ weight a document holds, whatever the field', () => {
    const { index, internal } = corpus();
    const coverage = coverageOf(index, lookups, 3);
    const n = index.documentCount;
    const weights = { refund: idf(n, 2), invoice: idf(n, 7), late: idf(n, 8) };
    const total = weights.refund + weights.invoice + weights.late;
    expect(coverage(internal.all!)).toBeCloseTo(1, 12);
    expect(coverage(internal.none!)).toBe(0);
    expect(coverage(internal.rare!)).toBeCloseTo(weights.refund / total, 12);
    expect(coverage(internal.common!)).toBeCloseTo(weights.late / total, 12);
    // A rare word held is worth more than a common one.
    expect(coverage(internal.rare!)).toBeGreaterThan(coverage(internal.common!));
  });

  it('is 0 when no word of the question is in the index', () => {
    const { index, internal } = corpus();
    const coverage = coverageOf(index, [{ term: 'missing', weight: 1, words: 1 }], 1);
    expect(coverage(internal.all!)).toBe(0);
  });
});
