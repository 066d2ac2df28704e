import { type Queryable, topics } from '@parvis/db';
import { desc, eq, gte, sql } from 'drizzle-orm';
import { faqContentGaps, faqDeflectionSessions } from '../db/schema';
import {
  type DeflectionOutcome,
  endOutcome,
  mergeOutcome,
  normalizeQuery,
  sameGap,
  staleVisitMs,
} from '../domain/deflection';
import { faqDocumentId } from './documents';

type Session = typeof faqDeflectionSessions.$inferSelect;

const merge = (list: readonly string[], more: readonly string[]) => [...new Set([...list, ...more])];

/**
 * The visit's row, created on first use and locked for the caller's transaction. A visit belongs
 * to whoever started it: another person's reports on it are ignored (null).
 */
async function sessionFor(
  tx: Queryable,
  id: string,
  userId: number | null,
  locale: 'fr' | 'en',
): Promise<Session | null> {
  await tx.insert(faqDeflectionSessions).values({ id, userId, locale }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(faqDeflectionSessions)
    .where(eq(faqDeflectionSessions.id, id))
    .for('update');
  if (!row || row.userId !== userId) return null;
  return row;
}

/** Suggestions the composer showed during the visit (each counted once). */
export async function recordShown(
  tx: Queryable,
  id: string,
  userId: number | null,
  locale: 'fr' | 'en',
  ids: string[],
) {
  const session = await sessionFor(tx, id, userId, locale);
  if (!session || ids.length === 0) return;
  const shown = merge(session.shownIds, ids).slice(0, 200);
  if (shown.length === session.shownIds.length) return;
  await tx
    .update(faqDeflectionSessions)
    .set({ shownIds: shown, shownCount: shown.length, updatedAt: new Date() })
    .where(eq(faqDeflectionSessions.id, id));
}

export interface DeflectionReport {
  sessionId: string;
  kind: 'opened' | 'ended';
  /** Search document ids of the suggestions opened. */
  opened: string[];
  postedTopicId: number | null;
}

/** An opened suggestion, or the end of the visit (see domain/deflection.ts for the rule). */
export async function recordDeflection(
  tx: Queryable,
  userId: number | null,
  locale: 'fr' | 'en',
  report: DeflectionReport,
): Promise<boolean> {
  const session = await sessionFor(tx, report.sessionId, userId, locale);
  if (!session) return false;
  // Only suggestions the visit was shown count as opened from it: anything else is noise or made up.
  const shown = new Set(session.shownIds);
  const opened = merge(
    session.openedIds,
    report.opened.filter((id) => shown.has(id)),
  ).slice(0, 200);
  let outcome = session.outcome;
  let postedTopicId = session.postedTopicId;
  if (report.kind === 'ended') {
    let posted = report.postedTopicId;
    // Only the visitor's own topic counts as posted from this visit.
    if (posted !== null) {
      const [topic] = await tx
        .select({ authorId: topics.authorId })
        .from(topics)
        .where(eq(topics.id, posted));
      if (!topic || topic.authorId !== userId) posted = null;
    }
    outcome = mergeOutcome(outcome, endOutcome({ openedCount: opened.length }, posted));
    if (posted !== null) postedTopicId = posted;
  }
  await tx
    .update(faqDeflectionSessions)
    .set({
      openedIds: opened,
      openedCount: opened.length,
      outcome,
      postedTopicId,
      updatedAt: new Date(),
      ...(report.kind === 'ended' ? { endedAt: new Date() } : {}),
    })
    .where(eq(faqDeflectionSessions.id, report.sessionId));
  return true;
}

/** A suggestion opened from the composer and then voted helpful: the visit was deflected. */
export async function markDeflectedByVote(
  tx: Queryable,
  sessionId: string,
  userId: number,
  articleId: number,
) {
  const [session] = await tx
    .select()
    .from(faqDeflectionSessions)
    .where(eq(faqDeflectionSessions.id, sessionId))
    .for('update');
  const docId = faqDocumentId(articleId);
  if (!session || session.userId !== userId || !session.shownIds.includes(docId)) return;
  const opened = merge(session.openedIds, [docId]);
  await tx
    .update(faqDeflectionSessions)
    .set({
      openedIds: opened,
      openedCount: opened.length,
      outcome: mergeOutcome(session.outcome, 'deflected'),
      updatedAt: new Date(),
    })
    .where(eq(faqDeflectionSessions.id, sessionId));
}

/**
 * A search that found nothing. Searches typed as you go arrive letter by letter: within one visit,
 * a query that extends (or shortens) the visit's last gap replaces it instead of adding another.
 */
export async function recordGap(
  tx: Queryable,
  gap: { query: string; locale: 'fr' | 'en'; sessionId: string | null; source: 'composer' | 'faq' },
) {
  const query = gap.query.trim().slice(0, 200);
  const normalized = normalizeQuery(query);
  if (normalized.length < 3) return;
  if (gap.sessionId) {
    const [last] = await tx
      .select()
      .from(faqContentGaps)
      .where(eq(faqContentGaps.sessionId, gap.sessionId))
      .orderBy(desc(faqContentGaps.id))
      .limit(1);
    if (last && sameGap(last.normalized, normalized)) {
      if (normalized.length > last.normalized.length)
        await tx
          .update(faqContentGaps)
          .set({ query, normalized, createdAt: new Date() })
          .where(eq(faqContentGaps.id, last.id));
      return;
    }
  }
  await tx.insert(faqContentGaps).values({ ...gap, query, normalized });
}

/** Effective outcome of a visit: its own, or judged from what it shows once it has gone stale. */
const effectiveOutcome = sql<DeflectionOutcome | null>`coalesce(${faqDeflectionSessions.outcome},
  case when ${faqDeflectionSessions.updatedAt} < now() - make_interval(secs => ${staleVisitMs / 1000})
    then case when ${faqDeflectionSessions.openedCount} > 0 then 'deflected' else 'abandoned' end end)`;

/** Deflection numbers and the most frequent searches that found nothing, since a date. */
export async function deflectionInsights(db: Queryable, since: Date) {
  const [counts] = await db
    .select({
      visits: sql<number>`count(*)::int`,
      withSuggestions: sql<number>`count(*) filter (where ${faqDeflectionSessions.shownCount} > 0)::int`,
      opened: sql<number>`count(*) filter (where ${faqDeflectionSessions.openedCount} > 0)::int`,
      deflected: sql<number>`count(*) filter (where ${effectiveOutcome} = 'deflected')::int`,
      postedAnyway: sql<number>`count(*) filter (where ${effectiveOutcome} = 'posted' and ${faqDeflectionSessions.shownCount} > 0)::int`,
      posted: sql<number>`count(*) filter (where ${effectiveOutcome} = 'posted')::int`,
      abandoned: sql<number>`count(*) filter (where ${effectiveOutcome} = 'abandoned')::int`,
      inProgress: sql<number>`count(*) filter (where ${effectiveOutcome} is null)::int`,
    })
    .from(faqDeflectionSessions)
    .where(gte(faqDeflectionSessions.createdAt, since));
  const opened = await db.execute<{ id: string; count: number }>(sql`
    select doc as id, count(*)::int as count
    from ${faqDeflectionSessions}, unnest(${faqDeflectionSessions.openedIds}) as doc
    where ${faqDeflectionSessions.createdAt} >= ${since.toISOString()}::timestamptz
    group by doc order by count desc, doc limit 10`);
  const gaps = await db
    .select({
      query: sql<string>`(array_agg(${faqContentGaps.query} order by ${faqContentGaps.createdAt} desc))[1]`,
      normalized: faqContentGaps.normalized,
      locale: faqContentGaps.locale,
      count: sql<number>`count(*)::int`,
      lastSeen: sql<Date>`max(${faqContentGaps.createdAt})`,
    })
    .from(faqContentGaps)
    .where(gte(faqContentGaps.createdAt, since))
    .groupBy(faqContentGaps.normalized, faqContentGaps.locale)
    .orderBy(sql`count(*) desc`, sql`max(${faqContentGaps.createdAt}) desc`)
    .limit(20);
  const c = counts!;
  const decided = c.deflected + c.posted + c.abandoned;
  return {
    since: since.toISOString(),
    visits: c,
    /** Share of visits with suggestions that ended deflected rather than posted. */
    deflectionRate: c.deflected + c.postedAnyway > 0 ? c.deflected / (c.deflected + c.postedAnyway) : null,
    decided,
    topOpened: [...opened].map((row) => ({ id: row.id, count: row.count })),
    gaps: gaps.map((g) => ({
      query: g.query,
      locale: g.locale,
      count: g.count,
      lastSeen: new Date(g.lastSeen).toISOString(),
    })),
  };
}
