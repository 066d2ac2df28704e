import type { SearchQuery } from '../types';
import { wellFormed } from './documents';

/**
 * A string literal for a Meilisearch filter: double-quoted, with backslashes and double quotes
 * escaped (the filter parser unescapes both since Meilisearch 1.4) and control characters
 * dropped.
 */
export function quote(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = wellFormed(value).replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${clean.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The query's filters as Meilisearch conditions, all of which must hold: undefined when there
 * are none, null when nothing can match (only category ids that are not integers were given).
 */
export function buildFilter(query: SearchQuery): string[] | undefined | null {
  const conditions: string[] = [];
  const types = (query.types ?? []).filter((t) => typeof t === 'string');
  if (types.length > 0) conditions.push(`type IN [${types.map(quote).join(', ')}]`);
  if (query.categoryIds?.length) {
    const ids = query.categoryIds.filter((id) => Number.isSafeInteger(id));
    if (ids.length === 0) return null;
    conditions.push(`categoryId IN [${ids.join(', ')}]`);
  }
  if (query.locale === 'en' || query.locale === 'fr') conditions.push(`locale = ${quote(query.locale)}`);
  if (query.solved === true) conditions.push('solved = true');
  if (query.solved === false) conditions.push('NOT solved = true');
  return conditions.length > 0 ? conditions : undefined;
}
