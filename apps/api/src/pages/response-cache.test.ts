import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache';

const page = (html: string, status = 200) => ({ status, html });

describe('ResponseCache', () => {
  it('renders a page once for many visitors arriving together', async () => {
    const cache = new ResponseCache<{ status: number; html: string }>();
    let renders = 0;
    let finish: (value: { status: number; html: string }) => void = () => {};
    const produce = () => {
      renders++;
      return new Promise<{ status: number; html: string }>((resolve) => {
        finish = resolve;
      });
    };
    const visitors = Array.from({ length: 50 }, () => cache.serve('/t/1', produce));
    finish(page('<p>hello</p>'));
    const results = await Promise.all(visitors);
    expect(renders).toBe(1);
    expect(results.every((r) => r.html === '<p>hello</p>')).toBe(true);
    expect(await cache.serve('/t/1', produce)).toEqual(page('<p>hello</p>'));
    expect(renders).toBe(1);
  });

  it('does not keep a page rendered before a change, nor error pages', async () => {
    const cache = new ResponseCache<{ status: number; html: string }>();
    let finish: (value: { status: number; html: string }) => void = () => {};
    const slow = cache.serve(
      '/',
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    cache.clear();
    finish(page('before the change'));
    await slow;
    expect(cache.get('/')).toBeNull();

    await cache.serve('/missing', async () => page('not found', 404));
    expect(cache.get('/missing')).toBeNull();
  });

  it('forgets entries after their time, and the least recently used first when full', async () => {
    const cache = new ResponseCache<{ status: number; html: string }>(20, 2);
    cache.set('a', page('a'));
    cache.set('b', page('b'));
    cache.get('a');
    cache.set('c', page('c'));
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')?.html).toBe('a');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.get('a')).toBeNull();
  });
});
