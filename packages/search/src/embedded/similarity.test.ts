import { describe, expect, it } from 'vitest';
import { trigramSimilarity, trigrams } from './similarity';

describe('trigram similarity', () => {
  it('pads words as pg_trgm does and folds case and accents', () => {
    expect([...trigrams('Été')].sort()).toEqual(['  e', ' et', 'ete', 'te '].sort());
    expect(trigrams('cat CAT')).toEqual(trigrams('cat'));
  });

  it('is shared trigrams over all trigrams', () => {
    expect(trigramSimilarity(trigrams('word'), trigrams('word'))).toBe(1);
    expect(trigramSimilarity(trigrams('abc'), trigrams('xyz'))).toBe(0);
    // "child care" and "childcare" share the start of the word.
    const shared = trigramSimilarity(trigrams('child care'), trigrams('childcare'));
    expect(shared).toBeGreaterThan(0.3);
    expect(shared).toBeLessThan(1);
    expect(trigramSimilarity(new Set(), trigrams('x'))).toBe(0);
  });
});
