import { type Actor, type Audience, isStaff, reaches } from '../roles';

export interface CategoryAccess {
  readAudience: Audience;
  postAudience: Audience;
}
export interface TopicState {
  authorId: number;
  locked: boolean;
  deleted: boolean;
  category: CategoryAccess;
}
export interface PostState {
  authorId: number;
  deleted: boolean;
  topic: TopicState;
}

/**
 * What site-wide posting rules need to know about a write: the rule in force and the writer's
 * own account. Omitted, no such rule applies (e.g. the demo seed writing as its members).
 */
export interface PostingContext {
  requireConfirmedEmailToPost: boolean;
  /** Whether the actor confirmed their email address. */
  emailConfirmed: boolean;
}

/**
 * Whether the site keeps `actor` from writing until they confirm their address: an anti-spam
 * rule for members, which staff (trusted by an admin) are exempt from.
 */
export function mustConfirmEmailToPost(actor: Actor, posting: PostingContext | undefined): boolean {
  return (
    actor !== null &&
    !isStaff(actor) &&
    posting?.requireConfirmedEmailToPost === true &&
    !posting.emailConfirmed
  );
}

export function canReadCategory(actor: Actor, category: CategoryAccess): boolean {
  return reaches(actor, category.readAudience);
}

export function canCreateTopic(actor: Actor, category: CategoryAccess, posting?: PostingContext): boolean {
  if (actor === null || !canReadCategory(actor, category) || !reaches(actor, category.postAudience)) {
    return false;
  }
  return !mustConfirmEmailToPost(actor, posting);
}

export function canReadTopic(actor: Actor, topic: TopicState): boolean {
  if (!canReadCategory(actor, topic.category)) return false;
  return !topic.deleted || isStaff(actor);
}

export function canReply(actor: Actor, topic: TopicState, posting?: PostingContext): boolean {
  if (actor === null || !canReadTopic(actor, topic) || topic.deleted) return false;
  if (topic.locked && !isStaff(actor)) return false;
  return reaches(actor, topic.category.postAudience) && !mustConfirmEmailToPost(actor, posting);
}

/**
 * Authors edit their own posts while the topic is open; staff edit anything. An edit publishes
 * new text, so the rules on who may post apply to it too.
 */
export function canEditPost(actor: Actor, post: PostState, posting?: PostingContext): boolean {
  if (actor === null || !canReadTopic(actor, post.topic)) return false;
  if (isStaff(actor)) return true;
  return (
    actor.id === post.authorId &&
    !post.deleted &&
    !post.topic.locked &&
    !post.topic.deleted &&
    !mustConfirmEmailToPost(actor, posting)
  );
}

/** Staff act only where they can read: a moderator has no say in an admin-only category. */
export function canDeletePost(actor: Actor, post: PostState): boolean {
  if (actor === null || post.deleted || !canReadTopic(actor, post.topic)) return false;
  return isStaff(actor) || actor.id === post.authorId;
}

export function canRestorePost(actor: Actor, post: PostState): boolean {
  return isStaff(actor) && post.deleted && canReadTopic(actor, post.topic);
}

/** Liking your own post would inflate recognition counts, so it is refused. */
export function canLikePost(actor: Actor, post: PostState): boolean {
  return actor !== null && actor.id !== post.authorId && !post.deleted && canReadTopic(actor, post.topic);
}

export function canViewRevisions(actor: Actor): boolean {
  return isStaff(actor);
}

export function canSeeDeleted(actor: Actor): boolean {
  return isStaff(actor);
}

export function canManageCategories(actor: Actor): boolean {
  return actor !== null && actor.role === 'admin';
}

export function canManageUsers(actor: Actor): boolean {
  return actor !== null && actor.role === 'admin';
}

export function canManageSettings(actor: Actor): boolean {
  return actor !== null && actor.role === 'admin';
}
