import { parentPort } from 'node:worker_threads';
import { EmbeddedSearchEngine } from '../embedded/engine';
import type { Answer, Call } from './protocol';

// The embedded engine, alone on its thread: its large, long-lived index no longer slows the
// request thread's garbage collection, and searches no longer wait behind page renders.
const engine = new EmbeddedSearchEngine();
const port = parentPort!;
// Calls run one after another in arrival order, so a search never sees a half-applied write.
let queue: Promise<void> = Promise.resolve();

port.on('message', (call: Call) => {
  queue = queue.then(async () => {
    let answer: Answer;
    try {
      const method = engine[call.method] as (...args: unknown[]) => Promise<unknown>;
      answer = { id: call.id, ok: true, value: await method.apply(engine, call.args) };
    } catch (error) {
      answer = { id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
