import { describe, expect, it } from 'vitest';
import { figures, fnv1a, hashSplit, injectTypo, rankOf } from './measures';

describe('typo injection', () => {
  it('swaps the middle pair of inner letters of the longest word', () => {
    expect(injectTypo('reset password')).toBe('reset paswsord');
    expect(injectTypo('wifi')).toBe('wfii');
    expect(injectTypo('committee')).toBe('commtitee');
  });

  it('takes the first of equally long words and keeps everything else as typed', () => {
    expect(injectTypo('Can my pet catch COVID-19?')).toBe('Can my pet cacth COVID-19?');
    expect(injectTypo('  Est-ce que l’école ferme ?')).toBe('  Est-ce que l’écloe ferme ?');
  });

  it('leaves words under 4 letters alone', () => {
    expect(injectTypo('can I go')).toBe('can I go');
    expect(injectTypo('')).toBe('');
    expect(injectTypo('123456 ?!')).toBe('123456 ?!');
  });

  it('moves to the nearest pair of different letters, and gives up when there is none', () => {
    // "hello": the middle pair is "ll", its right neighbour would move the last letter.
    expect(injectTypo('hello')).toBe('hlelo');
    expect(injectTypo('baab')).toBe('baab');
    expect(injectTypo('aaaa')).toBe('aaaa');
  });

  it('is deterministic and changes exactly one word', () => {
    const q = 'How do I delete my Facebook account?';
    expect(injectTypo(q)).toBe(injectTypo(q));
    const before = q.split(' ');
    const after = injectTypo(q).split(' ');
    expect(after.filter((w, i) => w !== before[i])).toEqual(['Facbeook']);
  });
});

describe('split', () => {
  it('hashes the query text with FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('is stable, ignores surrounding spaces and holds out about 30%', () => {
    const queries = Array.from({ length: 5000 }, (_, i) => `question number ${i}`);
    const validation = queries.filter((q) => hashSplit(q) === 'validation').length;
    expect(validation / queries.length).toBeGreaterThan(0.27);
    expect(validation / queries.length).toBeLessThan(0.33);
    for (const q of queries.slice(0, 50)) expect(hashSplit(`  ${q} `)).toBe(hashSplit(q));
  });
});

describe('figures', () => {
  it('ranks from 1 and reports 0 when absent', () => {
    expect(rankOf(['a', 'b', 'c'], 'a')).toBe(1);
    expect(rankOf(['a', 'b', 'c'], 'c')).toBe(3);
    expect(rankOf(['a', 'b', 'c'], 'z')).toBe(0);
  });

  it('computes recall@1, recall@3 and MRR cut at 10', () => {
    expect(figures([1, 2, 3, 4, 0, 11])).toEqual({
      n: 6,
      recall_at_1: 0.1667,
      recall_at_3: 0.5,
      mrr: Math.round(((1 + 1 / 2 + 1 / 3 + 1 / 4) / 6) * 10_000) / 10_000,
    });
    expect(figures([])).toEqual({ n: 0, recall_at_1: 0, recall_at_3: 0, mrr: 0 });
  });
});
