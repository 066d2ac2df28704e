/**
 * How a visit to the new-topic composer ends, as far as the FAQ is concerned:
 *
 * - `posted`: the member posted their topic (whether or not suggestions were shown; when some
 *   were, it counts as "posted anyway").
 * - `deflected`: they did not post, and they had opened at least one suggestion — either the
 *   visit ended (they left the composer) or they voted an opened article helpful.
 * - `abandoned`: they left without posting and without opening any suggestion.
 *
 * A later `posted` wins over an earlier `deflected` (someone who read an article and then posted
 * anyway was not helped); nothing replaces `posted`. A visit with no final record (the browser
 * closed before it could send one) is judged after an hour by what it shows: opened something,
 * deflected; otherwise abandoned.
 */
export type DeflectionOutcome = 'posted' | 'deflected' | 'abandoned';

export function endOutcome(state: { openedCount: number }, postedTopicId: number | null): DeflectionOutcome {
  if (postedTopicId !== null) return 'posted';
  return state.openedCount > 0 ? 'deflected' : 'abandoned';
}

/** The outcome after a new one is reported: `posted` is final, `deflected` beats `abandoned`. */
export function mergeOutcome(
  current: DeflectionOutcome | null,
  reported: DeflectionOutcome,
): DeflectionOutcome {
  if (current === 'posted' || reported === 'posted') return 'posted';
  if (current === 'deflected' || reported === 'deflected') return 'deflected';
  return 'abandoned';
}

/** Visits with no final record are judged after this long. */
export const staleVisitMs = 60 * 60 * 1000;

/** What content gaps are grouped by: lowercase, accents folded, punctuation as spaces. */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 200);
}

/** Two searches of one visit are one gap when one is the other typed further (or backspaced). */
export function sameGap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}
