import { type Actor, isStaff } from '@parvis/domain';

/** What the policies need to know about an article. */
export interface ArticleState {
  status: 'published' | 'draft';
}

/** Moderators and admins write the FAQ; members contribute through the forum. */
export function canWriteFaq(actor: Actor): boolean {
  return isStaff(actor);
}

export function canReadArticle(actor: Actor, article: ArticleState): boolean {
  return article.status === 'published' || isStaff(actor);
}

export function canViewArticleHistory(actor: Actor): boolean {
  return isStaff(actor);
}

/** Anyone who can read a published article may say whether it helped, guests included. */
export function canVoteOnArticle(actor: Actor, article: ArticleState): boolean {
  return article.status === 'published' && canReadArticle(actor, article);
}

/** Vote counts (no and yes) and comments are for staff; the yes count is public. */
export function canSeeVoteDetails(actor: Actor): boolean {
  return isStaff(actor);
}

export function canPromoteTopic(actor: Actor): boolean {
  return isStaff(actor);
}

/** Deflection numbers and content gaps are for the staff who write the FAQ. */
export function canSeeFaqInsights(actor: Actor): boolean {
  return isStaff(actor);
}
