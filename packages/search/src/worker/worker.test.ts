import { describe, expect, it } from 'vitest';
import { corpus, defineConformanceSuite } from '../conformance';
import { WorkerSearchEngine } from './engine';

defineConformanceSuite(
  'embedded search engine on its own thread (conformance)',
  async () => new WorkerSearchEngine(),
);

describe('the search thread', () => {
  it('reports a crash, then answers again from an empty index that can be refilled', async () => {
    const crashes: Error[] = [];
    const engine = new WorkerSearchEngine({ onCrash: (error) => crashes.push(error) });
    await engine.init();
    await engine.upsert(corpus);
    expect((await engine.search({ q: 'password' })).total).toBeGreaterThan(0);

    // Stands for an out-of-memory kill of the thread.
    await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(() => crashes.length).toBe(1);

    expect(await engine.count()).toBe(0);
    await engine.upsert(corpus);
    expect((await engine.search({ q: 'password' })).total).toBeGreaterThan(0);
    await engine.close();
    expect(crashes).toHaveLength(1);
  });

  it('passes the engine’s own validation errors back to the caller', async () => {
    const engine = new WorkerSearchEngine();
    await expect(
      engine.upsert([{ id: '', type: 'topic', title: 'x', body: '', url: '/', createdAt: 0 }]),
    ).rejects.toThrow();
    expect(await engine.count()).toBe(0);
    await engine.close();
  });
});
