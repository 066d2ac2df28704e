import { describe, expect, it } from 'vitest';
import { postPath, topicPath } from './paths';

describe('paths', () => {
  const topic = { slug: 'imprimante-hors-ligne', id: 12 };
  it('points a post at its page and anchor', () => {
    expect(topicPath(topic)).toBe('/t/imprimante-hors-ligne/12');
    expect(postPath(topic, 1)).toBe('/t/imprimante-hors-ligne/12#post-1');
    expect(postPath(topic, 20)).toBe('/t/imprimante-hors-ligne/12#post-20');
    expect(postPath(topic, 21)).toBe('/t/imprimante-hors-ligne/12?page=2#post-21');
  });
});
