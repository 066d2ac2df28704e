import type { SearchParams } from 'meilisearch';
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

/**
 * What a search asks Meilisearch to return: the fields a hit shows, the title fields
 * highlighted and the body cropped around the matches (36 words, about `snippetLength`
 * characters), with sentinels as highlight tags (see `markStart`).
 */
export const formatParams = {
  attributesToRetrieve: ['id', 'type', 'title', 'parentTitle', 'url', 'topicId', 'postId', 'categoryId'],
  attributesToHighlight: ['title', 'parentTitle', 'body'],
  attributesToCrop: ['body'],
  cropLength: 36,
  cropMarker: '…',
  highlightPreTag: markStart,
  highlightPostTag: markEnd,
  showRankingScore: true,
} satisfies SearchParams;

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
