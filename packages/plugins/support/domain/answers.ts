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
