import { randomBytes } from 'node:crypto';
import type { Limit } from '@parvis/db';
import { categories, posts, topics } from '@parvis/db';
import { topicPath } from '@parvis/domain';
import type { HostEnv, PluginOperation } from '@parvis/plugin-sdk';
import { enforceRateLimit, PluginError, validate } from '@parvis/plugin-sdk';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { faqArticles } from '../db/schema';
import { limits, slugPattern } from '../domain/articles';
import {
  canPromoteTopic,
  canReadArticle,
  canSeeFaqInsights,
  canSeeVoteDetails,
  canViewArticleHistory,
  canVoteOnArticle,
  canWriteFaq,
} from '../domain/policies';
import {
  articleView,
  createArticle,
  deleteArticle,
  listArticles,
  listRevisions,
  loadReadableArticle,
  readableCategoryMap,
  updateArticle,
} from './articles';
import { deflectionInsights, recordDeflection, recordGap, recordShown } from './deflection';
import { articleIdOf } from './documents';
import { promoteTopic } from './promote';
import { faqLimits, hit } from './rate-limit';
import { searchFaq, withoutPromotedThreads } from './search';
import { castVote, myVote, voteDetails } from './votes';

const maxId = 2_147_483_647;
const articleId = z.coerce.number().int().positive().max(maxId);
export const idParam = z.object({ id: articleId });
/**
 * `/articles/:article` is read by slug and changed by id: one parameter name, as one address
 * must have in the OpenAPI document, with a schema per method.
 */
export const articleSlugParam = z.object({ article: z.string().min(1).max(200) });
export const articleIdParam = z.object({ article: articleId });
const locale = z.enum(['fr', 'en']);
const status = z.enum(['published', 'draft']);
/** Random ids browsers make for a composer visit or a search session. */
const sessionId = z.string().regex(/^[\w-]{8,64}$/);
const documentId = z.string().regex(/^(faq|post):\d{1,10}$/);

const question = z.string().trim().min(limits.question.min).max(limits.question.max);
const answer = z.string().trim().min(limits.answer.min).max(limits.answer.max);
const categoryId = z.number().int().positive().max(maxId).nullable();
const tags = z.array(z.string().trim().min(1).max(limits.tag.max)).max(limits.tags.max);
const slug = z.string().trim().max(limits.slug.max).regex(slugPattern);

export const articleInput = z.object({
  question,
  answer,
  locale,
  categoryId: categoryId.default(null),
  tags: tags.default([]),
  status: status.default('draft'),
  slug: slug.optional(),
});

export const articlePatch = z.object({
  question: question.optional(),
  answer: answer.optional(),
  locale: locale.optional(),
  categoryId: categoryId.optional(),
  tags: tags.optional(),
  status: status.optional(),
  slug: slug.optional(),
  /** The revision the form was opened on: a newer one answers 409 instead of being overwritten. */
  expectedRevision: z.number().int().positive().max(maxId).optional(),
});

export const listQuery = z.object({
  locale: locale.optional(),
  category: z.string().max(100).optional(),
  status: z.enum(['published', 'draft', 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

export const searchQuery = z.object({
  q: z.string().max(500).default(''),
  locale: locale.optional(),
  category: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(8),
  /** Where the search was typed; given, searches that find nothing are kept as content gaps. */
  source: z.enum(['faq', 'composer']).optional(),
  session: sessionId.optional(),
});

export const voteInput = z.object({
  helpful: z.boolean(),
  comment: z
    .string()
    .trim()
    .max(limits.comment.max)
    .optional()
    .transform((v) => v || null),
  deflectionSessionId: sessionId.optional(),
});

export const deflectionInput = z.object({
  sessionId,
  kind: z.enum(['opened', 'ended']),
  opened: z.array(documentId).max(50).default([]),
  postedTopicId: z.number().int().positive().max(maxId).nullable().default(null),
});

export const promoteInput = z.object({
  topicId: z.number().int().positive().max(maxId),
  postId: z.number().int().positive().max(maxId).optional(),
});

export const insightsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** The browser id that keeps a guest to one vote per article. */
const voterCookie = 'parvis_faq_voter';
const voterCookiePath = '/api/v1/plugins/faq';

function requireStaff(
  c: Context<HostEnv>,
  allowed: (actor: NonNullable<ReturnType<typeof actorOf>>) => boolean,
) {
  const user = c.get('user');
  if (!user) throw new PluginError('unauthenticated');
  const actor = actorOf(c)!;
  if (!allowed(actor)) throw new PluginError('forbidden');
  return user;
}
const actorOf = (c: Context<HostEnv>) => c.get('actor');

const enforce = (c: Context<HostEnv>, key: string, limit: Limit) =>
  enforceRateLimit(c.get('services').db, `faq:${key}`, limit);

/**
 * The guest's browser id, set when missing. Only the FAQ's API needs it, so pages (shared between
 * guests in the cache) never depend on it.
 */
function guestVoter(c: Context<HostEnv>, create: boolean): { id: string; isNew: boolean } | null {
  const existing = getCookie(c, voterCookie);
  if (existing && /^[\w-]{16,64}$/.test(existing)) return { id: existing, isNew: false };
  if (!create) return null;
  const id = randomBytes(16).toString('base64url');
  setCookie(c, voterCookie, id, {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    path: voterCookiePath,
    maxAge: 365 * 24 * 60 * 60,
  });
  return { id, isNew: true };
}

/** The voter id of a member (`u:`) or of a guest's browser (`g:`), with whether it was just made. */
function voterOf(c: Context<HostEnv>, create: boolean): { voter: string; isNew: boolean } | null {
  const user = c.get('user');
  if (user) return { voter: `u:${user.id}`, isNew: false };
  const guest = guestVoter(c, create);
  return guest ? { voter: `g:${guest.id}`, isNew: guest.isNew } : null;
}

async function categoryIdBySlug(c: Context<HostEnv>, slugValue: string | undefined) {
  if (slugValue === undefined) return undefined;
  const [row] = await c
    .get('services')
    .db.select({ id: categories.id })
    .from(categories)
    .where(eq(categories.slug, slugValue));
  return row?.id ?? -1;
}

/** The FAQ's API, mounted under `/api/v1/plugins/faq`. */
export function faqRoutes(router: Hono<HostEnv>) {
  return router
    .get('/articles', validate('query', listQuery), async (c) => {
      const q = c.req.valid('query');
      const { db } = c.get('services');
      const categoryId = await categoryIdBySlug(c, q.category);
      const result = await listArticles(db, c.get('actor'), {
        locale: q.locale,
        categoryId,
        status: q.status,
        limit: q.limit,
      });
      return c.json({ ...result, canWrite: canWriteFaq(c.get('actor')) }, 200);
    })
    .post('/articles', validate('json', articleInput), async (c) => {
      const user = requireStaff(c, canWriteFaq);
      await enforce(c, `write:${user.id}`, faqLimits.writePerUser);
      const input = c.req.valid('json');
      const { db } = c.get('services');
      const row = await db.transaction((tx) => createArticle(tx, c.get('actor')!, input));
      const { cats } = await loadReadableArticle(db, c.get('actor'), { id: row.id });
      return c.json({ article: await articleView(db, c.get('actor'), row, cats, null) }, 201);
    })
    .get('/articles/:article', validate('param', articleSlugParam), async (c) => {
      const { db } = c.get('services');
      const actor = c.get('actor');
      const { row, cats, redirectedFrom } = await loadReadableArticle(db, actor, {
        slug: c.req.valid('param').article,
      });
      // A guest's own vote comes from /my-vote: guests' pages are cached and shared.
      const user = c.get('user');
      const article = await articleView(db, actor, row, cats, user ? `u:${user.id}` : null);
      // An old slug answers with the article (whose `slug` is the current one) and says so: pages
      // then redirect permanently to the current address.
      return c.json(redirectedFrom ? { article, redirectedFrom } : { article }, 200);
    })
    .get('/articles/:id/my-vote', validate('param', idParam), async (c) => {
      const { db } = c.get('services');
      const { row } = await loadReadableArticle(db, c.get('actor'), { id: c.req.valid('param').id });
      // Asked when the article is shown: a guest's browser gets its id here, before voting.
      const voter = voterOf(c, true)!;
      c.header('Cache-Control', 'no-store');
      return c.json({ myVote: voter.isNew ? null : await myVote(db, row.id, voter.voter) }, 200);
    })
    .patch(
      '/articles/:article',
      validate('param', articleIdParam),
      validate('json', articlePatch),
      async (c) => {
        const user = requireStaff(c, canWriteFaq);
        await enforce(c, `write:${user.id}`, faqLimits.writePerUser);
        const { expectedRevision, ...patch } = c.req.valid('json');
        const { db } = c.get('services');
        const actor = c.get('actor')!;
        const row = await db.transaction((tx) =>
          updateArticle(tx, actor, c.req.valid('param').article, patch, expectedRevision),
        );
        const { cats } = await loadReadableArticle(db, actor, { id: row.id });
        return c.json({ article: await articleView(db, actor, row, cats, null) }, 200);
      },
    )
    .delete('/articles/:article', validate('param', articleIdParam), async (c) => {
      const user = requireStaff(c, canWriteFaq);
      await enforce(c, `write:${user.id}`, faqLimits.writePerUser);
      const { db } = c.get('services');
      await db.transaction((tx) => deleteArticle(tx, c.get('actor')!, c.req.valid('param').article));
      return c.body(null, 204);
    })
    .get('/articles/:id/revisions', validate('param', idParam), async (c) => {
      requireStaff(c, canViewArticleHistory);
      const { db } = c.get('services');
      const { row } = await loadReadableArticle(db, c.get('actor'), { id: c.req.valid('param').id });
      return c.json({ revisions: await listRevisions(db, row.id) }, 200);
    })
    .post('/articles/:id/votes', validate('param', idParam), validate('json', voteInput), async (c) => {
      const { db } = c.get('services');
      const actor = c.get('actor');
      const user = c.get('user');
      const { row } = await loadReadableArticle(db, actor, { id: c.req.valid('param').id });
      if (!canVoteOnArticle(actor, row)) throw new PluginError('forbidden');
      const { voter, isNew } = voterOf(c, true)!;
      // A browser without the id cookie would get a new id, hence a new vote, on every request:
      // the vote counts only once the browser shows it keeps the cookie.
      if (isNew)
        throw new PluginError('conflict', 'faq.error.vote_retry', { voter: { key: 'faq.field.vote_retry' } });
      const ip = c.get('clientIp');
      // Guests can drop their cookie: their address is limited too.
      if (!user) await enforce(c, `vote:ip:${ip}`, faqLimits.votePerIp);
      await enforce(c, `vote:${voter}`, faqLimits.votePerVoter);
      // One guest vote per address and article: a new browser id does not make a new vote.
      if (
        !user &&
        !(await myVote(db, row.id, voter)) &&
        (await hit(db, `guest-vote:${row.id}:${ip}`, faqLimits.guestVotePerIpArticle)) > 0
      )
        throw new PluginError('conflict', 'faq.error.guest_vote_taken');
      const input = c.req.valid('json');
      const result = await db.transaction((tx) =>
        castVote(tx, {
          articleId: row.id,
          voter,
          userId: user?.id ?? null,
          helpful: input.helpful,
          comment: input.comment,
          deflectionSessionId: input.deflectionSessionId,
        }),
      );
      return c.json(
        {
          helpful: { yes: result.counts.yes, no: canSeeVoteDetails(actor) ? result.counts.no : null },
          myVote: result.vote,
        },
        200,
      );
    })
    .get('/articles/:id/votes', validate('param', idParam), async (c) => {
      requireStaff(c, canSeeVoteDetails);
      const { db } = c.get('services');
      const { row } = await loadReadableArticle(db, c.get('actor'), { id: c.req.valid('param').id });
      return c.json(await voteDetails(db, row.id), 200);
    })
    .post('/promote', validate('json', promoteInput), async (c) => {
      const user = requireStaff(c, canPromoteTopic);
      await enforce(c, `write:${user.id}`, faqLimits.writePerUser);
      const { db } = c.get('services');
      const actor = c.get('actor')!;
      const { article, created } = await db.transaction((tx) => promoteTopic(tx, actor, c.req.valid('json')));
      const { cats } = await loadReadableArticle(db, actor, { id: article.id });
      return c.json(
        { article: await articleView(db, actor, article, cats, null), created },
        created ? 201 : 200,
      );
    })
    .get('/search', validate('query', searchQuery), async (c) => {
      const q = c.req.valid('query');
      const { db, search } = c.get('services');
      const actor = c.get('actor');
      const user = c.get('user');
      await enforce(c, `search:ip:${c.get('clientIp')}`, faqLimits.searchPerIp);
      const cats = await readableCategoryMap(db, actor);
      let categoryIds: number[] | undefined;
      if (q.category !== undefined) {
        const id = await categoryIdBySlug(c, q.category);
        categoryIds = id !== undefined && cats.has(id) ? [id] : [];
        if (categoryIds.length === 0) return c.json({ q: q.q, hits: [] }, 200);
      }
      const found = await withoutPromotedThreads(
        db,
        await searchFaq(search, {
          q: q.q,
          limit: q.limit,
          ...(q.locale ? { locale: q.locale } : {}),
          ...(categoryIds ? { categoryIds } : {}),
          questionCategoryIds: categoryIds ?? [...cats.keys()],
        }),
      );
      const hits = found
        .filter((h) => h.categoryId === undefined || cats.has(h.categoryId))
        .map((h) => ({
          kind: h.kind,
          id: h.id,
          title: h.title,
          url: h.url,
          highlight: h.highlight,
          category: h.categoryId !== undefined ? (cats.get(h.categoryId) ?? null) : null,
        }));
      if (q.source && q.q.trim()) {
        await record(c, q, hits, user?.id ?? null);
        // Each such search counts (a content gap asked twice is asked twice): never from a cache.
        c.header('Cache-Control', 'no-store');
      }
      return c.json({ q: q.q, hits }, 200);
    })
    .post('/deflection', validate('json', deflectionInput), async (c) => {
      // Insights are for staff: a visit's beacons change nothing guests see.
      c.set('keepGuestCaches', true);
      const user = c.get('user');
      if (!user) throw new PluginError('unauthenticated');
      const input = c.req.valid('json');
      await enforce(c, `deflection:${user.id}`, faqLimits.deflectionPerUser);
      const { db } = c.get('services');
      const ok = await db.transaction((tx) => recordDeflection(tx, user.id, c.get('locale'), input));
      if (!ok) throw new PluginError('not_found');
      return c.body(null, 204);
    })
    .get('/insights', validate('query', insightsQuery), async (c) => {
      requireStaff(c, canSeeFaqInsights);
      const { db } = c.get('services');
      const since = new Date(Date.now() - c.req.valid('query').days * 24 * 60 * 60 * 1000);
      const report = await deflectionInsights(db, since);
      return c.json({ ...report, topOpened: await describeDocuments(c, report.topOpened) }, 200);
    });
}

/** The routes above, for the API reference (paths relative to `/api/v1/plugins/faq`). */
export const faqOperations: PluginOperation[] = [
  {
    method: 'get',
    path: '/articles',
    summary: 'Articles you can read (staff also see drafts), with whether you may write them',
    tag: 'FAQ',
    query: listQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/articles',
    summary: 'Write an article (a draft unless published)',
    tag: 'FAQ',
    auth: 'staff',
    body: articleInput,
    success: 201,
  },
  {
    method: 'get',
    path: '/articles/:article',
    summary: 'One article by its slug, with its helpful votes (and your own vote, when signed in)',
    tag: 'FAQ',
    params: articleSlugParam,
    success: 200,
  },
  {
    method: 'patch',
    path: '/articles/:article',
    summary:
      'Change an article by its id; the previous version is kept. 409 when `expectedRevision` is not the latest',
    tag: 'FAQ',
    auth: 'staff',
    params: articleIdParam,
    body: articlePatch,
    success: 200,
  },
  {
    method: 'delete',
    path: '/articles/:article',
    summary: 'Delete an article by its id',
    tag: 'FAQ',
    auth: 'staff',
    params: articleIdParam,
    success: 204,
  },
  {
    method: 'get',
    path: '/articles/:id/my-vote',
    summary: 'Your own vote on an article; gives a guest’s browser the cookie that keeps it to one vote',
    tag: 'FAQ',
    params: idParam,
    success: 200,
  },
  {
    method: 'get',
    path: '/articles/:id/revisions',
    summary: 'Earlier versions of an article',
    tag: 'FAQ',
    auth: 'staff',
    params: idParam,
    success: 200,
  },
  {
    method: 'post',
    path: '/articles/:id/votes',
    summary:
      'Say whether a published article helped, with an optional comment; guests too, once their browser keeps the voter cookie (409 until then)',
    tag: 'FAQ',
    params: idParam,
    body: voteInput,
    success: 200,
  },
  {
    method: 'get',
    path: '/articles/:id/votes',
    summary: 'Votes on an article: yes and no counts and the comments',
    tag: 'FAQ',
    auth: 'staff',
    params: idParam,
    success: 200,
  },
  {
    method: 'post',
    path: '/promote',
    summary:
      'Turn a solved topic into a draft article (its accepted answer, or the given post); 201 when created, 200 when it already was',
    tag: 'FAQ',
    auth: 'staff',
    body: promoteInput,
    success: 201,
  },
  {
    method: 'get',
    path: '/search',
    summary:
      'Search articles and solved questions as you type; with `source`, searches that find nothing are kept as content gaps',
    tag: 'FAQ',
    query: searchQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/deflection',
    summary:
      'Report a new-topic composer visit: suggestions opened, and whether a topic was posted after all',
    tag: 'FAQ',
    auth: 'user',
    body: deflectionInput,
    success: 204,
  },
  {
    method: 'get',
    path: '/insights',
    summary:
      'Deflection over the last days: questions answered by suggestions, most opened documents, content gaps',
    tag: 'FAQ',
    auth: 'staff',
    query: insightsQuery,
    success: 200,
  },
];

/** Keeps what a typed search tells about the FAQ: suggestions shown, or a content gap. */
async function record(
  c: Context<HostEnv>,
  q: z.infer<typeof searchQuery>,
  hits: { id: string }[],
  userId: number | null,
) {
  const { db } = c.get('services');
  // Suggestions shown and content gaps are for staff only.
  c.set('keepGuestCaches', true);
  const locale = q.locale ?? c.get('locale');
  if (q.source === 'composer' && q.session && userId !== null && hits.length > 0) {
    const session = q.session;
    await db.transaction((tx) =>
      recordShown(
        tx,
        session,
        userId,
        locale,
        hits.map((h) => h.id),
      ),
    );
  }
  if (hits.length > 0) return;
  // Recording is best effort: over the limit, the search still answers.
  if ((await hit(db, `gaps:${c.get('clientIp')}`, faqLimits.gapsPerIp)) > 0) return;
  await db.transaction((tx) =>
    recordGap(tx, { query: q.q, locale, sessionId: q.session ?? null, source: q.source ?? 'faq' }),
  );
}

/**
 * Titles and addresses of search documents (FAQ articles and forum posts) for the insights page,
 * only for those the viewer may read: the others are left out rather than named.
 */
async function describeDocuments(c: Context<HostEnv>, list: { id: string; count: number }[]) {
  const { db } = c.get('services');
  const actor = c.get('actor');
  const cats = await readableCategoryMap(db, actor);
  const readable = (categoryId: number | null) => categoryId === null || cats.has(categoryId);
  const articleIds = list.flatMap((d) => {
    const id = articleIdOf(d.id);
    return id === undefined ? [] : [id];
  });
  const postIds = list.flatMap((d) => (d.id.startsWith('post:') ? [Number(d.id.slice(5))] : []));
  const articles = articleIds.length
    ? await db
        .select({
          id: faqArticles.id,
          title: faqArticles.question,
          slug: faqArticles.slug,
          status: faqArticles.status,
          categoryId: faqArticles.categoryId,
        })
        .from(faqArticles)
        .where(inArray(faqArticles.id, articleIds))
        .then((rows) => rows.filter((a) => canReadArticle(actor, a) && readable(a.categoryId)))
    : [];
  const questions = postIds.length
    ? await db
        .select({
          id: posts.id,
          title: topics.title,
          slug: topics.slug,
          topicId: topics.id,
          categoryId: topics.categoryId,
        })
        .from(posts)
        .innerJoin(topics, eq(topics.id, posts.topicId))
        .where(and(inArray(posts.id, postIds), isNull(posts.deletedAt), isNull(topics.deletedAt)))
        .then((rows) => rows.filter((q) => readable(q.categoryId)))
    : [];
  return list.flatMap(
    (d): { id: string; count: number; kind: 'faq' | 'question'; title: string; url: string }[] => {
      const articleId = articleIdOf(d.id);
      if (articleId !== undefined) {
        const a = articles.find((x) => x.id === articleId);
        return a ? [{ ...d, kind: 'faq', title: a.title, url: `/faq/${a.slug}` }] : [];
      }
      const q = questions.find((x) => `post:${x.id}` === d.id);
      return q
        ? [{ ...d, kind: 'question', title: q.title, url: topicPath({ slug: q.slug, id: q.topicId }) }]
        : [];
    },
  );
}
