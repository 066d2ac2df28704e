import { stripSentinels } from '../highlight';
import type { SearchDocument } from '../types';

/** Attribute holding the Meilisearch primary key (our ids, like "post:42", are not valid keys). */
export const primaryKey = 'key';

/** Document types whose title is their topic's, not their own (searched last, as `parentTitle`). */
const replyTypes = new Set(['post']);

/** A search document as stored in Meilisearch. */
export interface MeiliDocument {
  key: string;
  id: string;
  type: string;
  /** The document's own title; empty for a reply. */
  title: string;
  /** The title a reply inherits from its topic; empty otherwise. */
  parentTitle: string;
  body: string;
  url: string;
  topicId: number | null;
  postId: number | null;
  categoryId: number | null;
  locale: 'en' | 'fr' | null;
  tags: string[];
  solved: boolean;
  createdAt: number;
  popularity: number;
}

/**
 * A valid Meilisearch document id for one of ours, reversibly: letters, digits and '-' are
 * kept, every other UTF-8 byte becomes `_XX` ("post:42" → "post_3A42").
 */
export function encodeKey(id: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(id)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9-]/.test(c) ? c : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function finite(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  const title = stripSentinels(doc.title);
  const isReply = replyTypes.has(doc.type);
  return {
    key: encodeKey(doc.id),
    id: doc.id,
    type: doc.type,
    title: isReply ? '' : title,
    parentTitle: isReply ? title : '',
    body: stripSentinels(doc.body),
    url: doc.url,
    topicId: finite(doc.topicId),
    postId: finite(doc.postId),
    categoryId: finite(doc.categoryId),
    locale: doc.locale === 'en' || doc.locale === 'fr' ? doc.locale : null,
    tags: (doc.tags ?? []).map(stripSentinels),
    solved: doc.solved === true,
    createdAt: finite(doc.createdAt) ?? 0,
    popularity: finite(doc.popularity) ?? 0,
  };
}
