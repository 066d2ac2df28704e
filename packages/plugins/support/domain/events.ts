/**
 * The support plugin's events, added to the one typed event map. Importing this module
 * (plugin.ts does) makes `recordEvent(tx, 'answer.accepted', …)` type-check like a core event.
 */
export interface SupportEventMap {
  /** An admin marked a category as Q&A (its topics become questions) or unmarked it. */
  'category.qa_changed': { categoryId: number; qa: boolean };
  /**
   * A reply became the question's accepted answer. When it replaces another one, an
   * `answer.unaccepted` for the previous reply is written just before, in the same transaction.
   */
  'answer.accepted': {
    topicId: number;
    postId: number;
    /** Author of the accepted reply (who earns the recognition). */
    answererId: number;
    /** Author of the question. */
    askerId: number;
    categoryId: number;
    /** The reply it replaced, if any. */
    previousPostId: number | null;
  };
  'answer.unaccepted': {
    topicId: number;
    postId: number;
    answererId: number;
    askerId: number;
    categoryId: number;
    /** Set when the reply was deleted: the acceptance stays, hidden, and counts again if restored. */
    reason?: 'post_deleted';
  };
  /** A staff member said "I'm on it"; `previousUserId` is whose claim they took over. */
  'question.claimed': { topicId: number; userId: number; previousUserId: number | null };
  /** A claim ended; `userId` is whose claim it was (the actor may be another staff member). */
  'question.released': { topicId: number; userId: number };
}

declare module '@parvis/domain' {
  interface DomainEventMap {
    'category.qa_changed': SupportEventMap['category.qa_changed'];
    'answer.accepted': SupportEventMap['answer.accepted'];
    'answer.unaccepted': SupportEventMap['answer.unaccepted'];
    'question.claimed': SupportEventMap['question.claimed'];
    'question.released': SupportEventMap['question.released'];
  }
}

/** After these, a question's search documents change (solved flag, accepted answer's text). */
export const answerEvents = [
  'answer.accepted',
  'answer.unaccepted',
] as const satisfies readonly (keyof SupportEventMap)[];
