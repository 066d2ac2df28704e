import type { SearchEngine } from '../types';

/** The engine methods the thread answers; each call carries an id its answer repeats. */
export type Method = 'upsert' | 'remove' | 'clear' | 'count' | 'search';

export interface Call<M extends Method = Method> {
  id: number;
  method: M;
  args: Parameters<SearchEngine[M]>;
}

export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
