/** A reply someone wants to accept, as far as the rules are concerned. */
export interface CandidatePost {
  topicId: number;
  number: number;
  deleted: boolean;
}

/** Why a post cannot be a question's answer: the message key of the field error, or null. */
export function unacceptableReason(post: CandidatePost | null, questionId: number): string | null {
  if (post === null) return 'support.field.post_missing';
  if (post.topicId !== questionId) return 'support.field.post_other_topic';
  if (post.number === 1) return 'support.field.post_opening';
  if (post.deleted) return 'support.field.post_deleted';
  return null;
}

export type QuestionStatus = 'solved' | 'unsolved' | 'unanswered';
/** Values of the topic-list filter `?status=`. `unanswered` (no reply yet) is part of `unsolved`. */
export const questionStatuses = ['solved', 'unsolved', 'unanswered'] as const satisfies readonly [
  QuestionStatus,
  ...QuestionStatus[],
];

/** Replies are shown 20 to a page (as core's topic page), so a reply's number says its page. */
export const postsPerPage = 20;

export function postUrl(topic: { slug: string; id: number }, postNumber: number): string {
  const page = Math.ceil(postNumber / postsPerPage);
  return `/t/${encodeURIComponent(topic.slug)}/${topic.id}${page > 1 ? `?page=${page}` : ''}#post-${postNumber}`;
}
