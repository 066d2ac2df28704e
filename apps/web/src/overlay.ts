/**
 * The few places where a viewer's own page differs from the one shared by their kind of member
 * (their posts are editable, the posts they liked show it, the asker may accept an answer).
 * A shared page carries them as a list of changes; the browser applies them once the shared
 * page has hydrated. They are computed from plain JSON (page data as the API answers it).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a value changes (keys and indexes from the page state's root) and what it becomes; no `value` removes the key. */
export interface Change {
  path: (string | number)[];
  value?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The changes that turn `base` into `target`, leaf by leaf where their shapes agree. */
export function changesBetween(base: unknown, target: unknown): Change[] {
  const changes: Change[] = [];
  const visit = (from: unknown, to: unknown, path: (string | number)[]) => {
    if (from === to) return;
    if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
      for (let i = 0; i < to.length; i++) visit(from[i], to[i], [...path, i]);
      return;
    }
    if (isObject(from) && isObject(to)) {
      for (const key of Object.keys(to)) {
        if (key in from) visit(from[key], to[key], [...path, key]);
        else changes.push({ path: [...path, key], value: to[key] });
      }
      for (const key of Object.keys(from)) if (!(key in to)) changes.push({ path: [...path, key] });
      return;
    }
    changes.push({ path, value: to });
  };
  visit(base, target, []);
  return changes;
}

/** `base` with `changes` applied, as a copy: `base` itself is left as it was. */
export function withChanges<T>(base: T, changes: Change[]): T {
  let result = structuredClone(base) as Json;
  for (const change of changes) {
    const { path } = change;
    if (path.length === 0) {
      result = structuredClone(change.value) as Json;
      continue;
    }
    let parent = result as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const last = path[path.length - 1]!;
    if ('value' in change) parent[last] = structuredClone(change.value) as Json;
    else delete parent[last];
  }
  return result as T;
}
