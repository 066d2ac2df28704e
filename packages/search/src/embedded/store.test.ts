import { describe, expect, it } from 'vitest';
import { TermIndex } from './store';

const fields = ['title', 'tags', 'body', 'parentTitle'];

describe('TermIndex postings', () => {
  it('counts a document once in the document frequency, whichever fields hold the term', () => {
    const index = new TermIndex<number>(fields);
    // The body holds "vpn" in three documents, its largest field; one more document holds it in
    // both its title and its tags, another in its title and the body.
    index.add('a', [['vpn'], ['vpn'], ['setup'], []], 0);
    index.add('b', [['vpn'], [], ['vpn'], []], 1);
    index.add('c', [[], [], ['vpn'], []], 2);
    index.add('d', [[], [], ['vpn', 'vpn'], []], 3);
    index.add('e', [['other'], [], ['setup'], []], 4);
    expect(index.postings('vpn')?.df).toBe(4);
    expect(index.postings('setup')?.df).toBe(2);
  });

  it('counts the documents of a term found in one field only', () => {
    const index = new TermIndex<number>(fields);
    index.add('a', [[], ['billing'], [], []], 0);
    index.add('b', [[], ['billing'], [], []], 1);
    expect(index.postings('billing')?.df).toBe(2);
    expect(index.postings('missing')).toBeUndefined();
  });
});
