import type { SiteSettingChange } from './settings';

/**
 * Domain events: immutable facts in the past tense, written in the same transaction as the
 * change. They are the activity log (badges, tiers, insights) and the outbox (search indexing).
 */
export interface DomainEventMap {
  'user.registered': { userId: number; username: string; locale: string };
  'user.signed_in': { userId: number };
  'user.email_verified': { userId: number };
  'user.password_reset_requested': { userId: number };
  'user.password_reset': { userId: number };
  'category.created': { categoryId: number };
  'category.updated': { categoryId: number; changes: string[] };
  'user.role_changed': { userId: number; from: string; to: string };
  'topic.created': { topicId: number; postId: number; categoryId: number };
  'topic.deleted': { topicId: number };
  'topic.restored': { topicId: number };
  'post.created': { topicId: number; postId: number; categoryId: number };
  'post.edited': { topicId: number; postId: number; revision: number };
  'post.deleted': { topicId: number; postId: number };
  'post.restored': { topicId: number; postId: number };
  'post.liked': { topicId: number; postId: number; authorId: number };
  'post.unliked': { topicId: number; postId: number; authorId: number };
  'user.mentioned': { topicId: number; postId: number; mentionedUserId: number };
  /** An admin changed site settings; `changes` holds only the values that differ. */
  'settings.updated': { changes: SiteSettingChange[] };
}

export type DomainEventType = keyof DomainEventMap;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  id: number;
  type: T;
  actorId: number | null;
  payload: DomainEventMap[T];
  createdAt: Date;
}

/**
 * Core events (carrying `topicId`) that change what an open topic page shows: its live stream
 * forwards them, and the page fetches itself again. Plugins add their own through
 * `topics.liveEvents`; the stream's `ready` message lists everything it forwards.
 */
export const topicPageEventTypes = [
  'post.created',
  'post.edited',
  'post.deleted',
  'post.restored',
  'post.liked',
  'post.unliked',
  'topic.deleted',
  'topic.restored',
] as const satisfies readonly DomainEventType[];

/** Events whose subject is searchable content: the search indexer reacts to these. */
export const searchableEventTypes: readonly DomainEventType[] = [
  'topic.created',
  'topic.deleted',
  'topic.restored',
  'post.created',
  'post.edited',
  'post.deleted',
  'post.restored',
  'category.updated',
];
