import { Worker } from 'node:worker_threads';
import type { SearchEngine, SearchQuery, SearchResult } from '../types';
import type { Answer, Call, Method } from './protocol';

export interface WorkerEngineOptions {
  /** Heap limit of the search thread in MB (the index of a million posts takes about 3.5 GB). */
  maxHeapMb?: number;
  /** Called when the thread died: its index is gone and must be rebuilt. */
  onCrash?: (error: Error) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The embedded engine run on a worker thread; same behaviour, same conformance suite. */
export class WorkerSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;

  constructor(private readonly options: WorkerEngineOptions = {}) {}

  async init(): Promise<void> {
    this.thread();
  }
  upsert(docs: Parameters<SearchEngine['upsert']>[0]) {
    return this.call('upsert', [docs]) as Promise<void>;
  }
  remove(ids: string[]) {
    return this.call('remove', [ids]) as Promise<void>;
  }
  clear() {
    return this.call('clear', []) as Promise<void>;
  }
  count() {
    return this.call('count', []) as Promise<number>;
  }
  search(query: SearchQuery) {
    return this.call('search', [query]) as Promise<SearchResult>;
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** The running thread, or a new one with an empty index after a crash. */
  private thread(): Worker {
    if (this.worker) return this.worker;
    this.closing = false;
    const worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 8192 },
    });
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.message));
    });
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      if (!this.closing) this.options.onCrash?.(error);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`search thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private call<M extends Method>(method: M, args: Call<M>['args']): Promise<unknown> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies Call<M>);
    });
  }
}
