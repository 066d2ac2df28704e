import { type Actor, isStaff } from '@parvis/domain';

/** What the policies need to know about a topic in the support plugin's eyes. */
export interface QuestionState {
  authorId: number;
  /** The topic's category is a Q&A category, so the topic is a question. */
  qa: boolean;
  locked: boolean;
  deleted: boolean;
}

/**
 * The asker chooses which reply answered them; staff may too (for askers who never come back,
 * or to correct a choice). Nobody accepts in a deleted topic, and in a locked one only staff.
 */
export function canAcceptAnswer(actor: Actor, question: QuestionState): boolean {
  if (actor === null || !question.qa || question.deleted) return false;
  if (isStaff(actor)) return true;
  return actor.id === question.authorId && !question.locked;
}

/** "I'm on it": staff take an open question so two helpers do not answer the same thing. */
export function canClaimQuestion(actor: Actor, question: QuestionState): boolean {
  return isStaff(actor) && question.qa && !question.deleted;
}

/** The queue of open questions is a staff tool. */
export function canViewQueue(actor: Actor): boolean {
  return isStaff(actor);
}

/** Which categories hold questions is category configuration, as core's: admins only. */
export function canConfigureQa(actor: Actor): boolean {
  return actor !== null && actor.role === 'admin';
}
