import { type Queryable, recordEvent, users } from '@parvis/db';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import '../domain/events';
import { faqVotes } from '../db/schema';
import { voteCounts } from './articles';
import { markDeflectedByVote } from './deflection';

export interface VoteInput {
  articleId: number;
  /** `u:<user id>` or `g:<browser id>`. */
  voter: string;
  userId: number | null;
  helpful: boolean;
  comment: string | null;
  /** The composer visit the article was opened from, if any (see domain/deflection.ts). */
  deflectionSessionId?: string | undefined;
}

/** Records or changes one voter's answer; returns the article's counts and the vote as stored. */
export async function castVote(tx: Queryable, input: VoteInput) {
  const [previous] = await tx
    .select({ helpful: faqVotes.helpful, comment: faqVotes.comment })
    .from(faqVotes)
    .where(and(eq(faqVotes.articleId, input.articleId), eq(faqVotes.voter, input.voter)));
  const [vote] = await tx
    .insert(faqVotes)
    .values({
      articleId: input.articleId,
      voter: input.voter,
      userId: input.userId,
      helpful: input.helpful,
      comment: input.comment,
    })
    .onConflictDoUpdate({
      target: [faqVotes.articleId, faqVotes.voter],
      // A vote changed without a comment keeps the earlier comment.
      set: {
        helpful: input.helpful,
        comment: input.comment ?? sql`${faqVotes.comment}`,
        updatedAt: new Date(),
      },
    })
    .returning({ helpful: faqVotes.helpful, comment: faqVotes.comment });
  if (!previous || previous.helpful !== input.helpful) {
    await recordEvent(tx, 'faq.article_voted', input.userId, {
      articleId: input.articleId,
      helpful: input.helpful,
      byGuest: input.userId === null,
    });
  }
  if (input.helpful && input.deflectionSessionId && input.userId !== null)
    await markDeflectedByVote(tx, input.deflectionSessionId, input.userId, input.articleId);
  return { counts: await voteCounts(tx, input.articleId), vote: vote! };
}

/** The voter's current vote on the article, if any. */
export async function myVote(db: Queryable, articleId: number, voter: string) {
  const [vote] = await db
    .select({ helpful: faqVotes.helpful, comment: faqVotes.comment })
    .from(faqVotes)
    .where(and(eq(faqVotes.articleId, articleId), eq(faqVotes.voter, voter)));
  return vote ?? null;
}

/** Counts and the comments people left, newest first, for staff. */
export async function voteDetails(db: Queryable, articleId: number, limit = 100) {
  const comments = await db
    .select({
      helpful: faqVotes.helpful,
      comment: faqVotes.comment,
      updatedAt: faqVotes.updatedAt,
      author: { username: users.username, displayName: users.displayName },
    })
    .from(faqVotes)
    .leftJoin(users, eq(users.id, faqVotes.userId))
    .where(and(eq(faqVotes.articleId, articleId), isNotNull(faqVotes.comment)))
    .orderBy(desc(faqVotes.updatedAt))
    .limit(limit);
  return {
    counts: await voteCounts(db, articleId),
    comments: comments.map((c) => ({
      helpful: c.helpful,
      comment: c.comment!,
      updatedAt: c.updatedAt.toISOString(),
      author: c.author?.username ? c.author : null,
    })),
  };
}
