import {
  capSegments,
  markEnd,
  markStart,
  renderSegments,
  segmentsFromSentinels,
  snippetLength,
} from '../highlight';
import type { SearchHit } from '../types';
import type { MeiliDocument } from './documents';

/** Highlighting asked of Meilisearch: private-use sentinels, swapped for <mark> after escaping. */
export const highlightParams = {
  attributesToHighlight: ['title', 'parentTitle', 'body'],
  attributesToCrop: ['body'],
  /** In words; about `snippetLength` characters of French or English. */
  cropLength: 36,
  cropMarker: '…',
  highlightPreTag: markStart,
  highlightPostTag: markEnd,
} as const;

export const retrievedAttributes = [
  'id',
  'type',
  'title',
  'parentTitle',
  'url',
  'topicId',
  'postId',
  'categoryId',
];

type MeiliHit = Partial<MeiliDocument> & {
  _formatted?: Partial<Record<keyof MeiliDocument, unknown>>;
  _rankingScore?: number;
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Meilisearch hit as ours: highlights escaped, marks restored, snippet capped. */
export function toHit(hit: MeiliHit): SearchHit {
  const formatted = hit._formatted ?? {};
  const ownTitle = text(hit.title);
  const title = ownTitle || text(hit.parentTitle);
  const formattedTitle = ownTitle ? text(formatted.title) : text(formatted.parentTitle);
  const snippet = capSegments(segmentsFromSentinels(text(formatted.body)), snippetLength + 2);
  const out: SearchHit = {
    id: text(hit.id),
    type: text(hit.type),
    title,
    url: text(hit.url),
    score: typeof hit._rankingScore === 'number' ? hit._rankingScore : 0,
    highlight: {
      title: renderSegments(segmentsFromSentinels(formattedTitle || title)),
      snippet: renderSegments(snippet),
    },
  };
  if (typeof hit.topicId === 'number') out.topicId = hit.topicId;
  if (typeof hit.postId === 'number') out.postId = hit.postId;
  if (typeof hit.categoryId === 'number') out.categoryId = hit.categoryId;
  return out;
}
