import { createHash } from 'node:crypto';
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

/** Meilisearch refuses document ids longer than this many bytes (512 and more). */
export const maxKeyLength = 511;

/**
 * Unpaired UTF-16 surrogates replaced by U+FFFD. Meilisearch parses JSON with serde, which
 * rejects a lone surrogate escape, so one such character would fail a whole request.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A valid Meilisearch document id for one of ours (ids may only hold letters, digits, '-' and
 * '_'): letters, digits and '-' are kept, every other UTF-8 byte becomes `_XX` ("post:42" →
 * "post_3A42"). An id whose encoding is too long becomes `_h` and its SHA-256 instead, which
 * no encoding can produce (it always puts two upper-case hex digits after '_').
 */
export function encodeKey(id: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(id)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9-]/.test(c) ? c : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out.length <= maxKeyLength) return out;
  return `_h${createHash('sha256').update(id).digest('hex')}`;
}

function finite(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Text as indexed: no highlight sentinels (a document can't forge a mark), well formed. */
function clean(text: string): string {
  return wellFormed(stripSentinels(text));
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  const title = clean(doc.title);
  const isReply = replyTypes.has(doc.type);
  return {
    key: encodeKey(doc.id),
    id: wellFormed(doc.id),
    type: wellFormed(doc.type),
    title: isReply ? '' : title,
    parentTitle: isReply ? title : '',
    body: clean(doc.body),
    url: wellFormed(doc.url),
    topicId: finite(doc.topicId),
    postId: finite(doc.postId),
    categoryId: finite(doc.categoryId),
    locale: doc.locale === 'en' || doc.locale === 'fr' ? doc.locale : null,
    tags: (doc.tags ?? []).filter((t) => typeof t === 'string').map(clean),
    solved: doc.solved === true,
    createdAt: finite(doc.createdAt) ?? 0,
    popularity: finite(doc.popularity) ?? 0,
  };
}

/** Documents per indexing request, at most. */
export const maxBatchDocuments = 2_000;
/**
 * Bytes of JSON per indexing request, at most (a single larger document still goes alone).
 * Meilisearch refuses payloads over its `http-payload-size-limit`, 100 MB by default, and a
 * refused request fails every document in it; long posts must not add up to that.
 */
export const maxBatchBytes = 8 * 1024 * 1024;

/** Documents cut into consecutive requests within both limits. */
export function batches<T>(docs: readonly T[], maxDocs = maxBatchDocuments, maxBytes = maxBatchBytes): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const doc of docs) {
    const size = Buffer.byteLength(JSON.stringify(doc)) + 1;
    if (current.length > 0 && (current.length >= maxDocs || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 2;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
