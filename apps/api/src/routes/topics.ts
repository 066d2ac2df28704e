import { getCategoryBySlug, listCategories, listPosts, listTopics } from '@parvis/db';
import {
  type Actor,
  canCreateTopic,
  canReadCategory,
  canSeeDeleted,
  mustConfirmEmailToPost,
  type PostingContext,
  postsPerPage,
} from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import type { SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { enforce, limits } from '../auth/rate-limit';
import { createReply, createTopic, loadReadableTopic, topicState } from '../forum/commands';
import { postingContext } from '../forum/posting';
import { AppError, notFound } from '../http/errors';
import { requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import type { PluginData, PluginExtensions } from '../plugins/extensions';
import { idParam } from './_shared';
import { postView, topicPageView, topicSummary } from './views';

const title = z.string().trim().min(5).max(200);
export const postBody = z.string().trim().min(2).max(50_000);

export const topicListQuery = z.object({
  category: z.string().max(100).optional(),
  order: z.enum(['latest', 'top']).default('latest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});

/** Cursor = base64url("<sort value>|<id>"): opaque to clients, checked when decoded. */
function encodeCursor(value: string | number, id: number) {
  return Buffer.from(`${value}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string, order: 'latest' | 'top') {
  const [value = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  const parsedId = Number(id);
  const valid =
    Number.isInteger(parsedId) &&
    parsedId > 0 &&
    (order === 'latest' ? !Number.isNaN(Date.parse(value)) : Number.isInteger(Number(value)));
  if (!valid) throw new AppError('validation', 'error.validation', { cursor: { key: 'field.invalid' } });
  return { value, id: parsedId };
}

export async function readableCategories(db: Parameters<typeof listCategories>[0], actor: Actor) {
  return (await listCategories(db)).filter((c) => canReadCategory(actor, c));
}

export const topicInput = z.object({ categoryId: z.number().int().positive(), title, body: postBody });
export const topicPageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
export const replyInput = z.object({ body: postBody });
export const categorySlugParam = z.object({ slug: z.string().max(100) });

export function topicRoutes(extensions: PluginExtensions) {
  return new Hono<HostEnv>()
    .get('/', validate('query', topicListQuery), async (c) => {
      const { db } = c.get('services');
      const actor = c.get('actor');
      const q = c.req.valid('query');
      let categoryIds: number[];
      if (q.category) {
        const category = await getCategoryBySlug(db, q.category);
        if (!category || !canReadCategory(actor, category)) throw notFound();
        categoryIds = [category.id];
      } else {
        categoryIds = (await readableCategories(db, actor)).map((cat) => cat.id);
      }
      const rows = await listTopics(db, {
        order: q.order,
        categoryIds,
        cursor: q.cursor ? decodeCursor(q.cursor, q.order) : null,
        limit: q.limit + 1,
        where: pluginFilters(extensions, c.req.query()),
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last
          ? encodeCursor(
              q.order === 'latest' ? last.topic.lastPostedAt.toISOString() : last.topic.likeCount,
              last.topic.id,
            )
          : null;
      const data = await extensions.topicData(
        db,
        page.map((row) => row.topic.id),
        actor,
      );
      return c.json(
        {
          topics: page.map((row) => ({ ...topicSummary(row), plugins: data.get(row.topic.id) ?? {} })),
          nextCursor,
        },
        200,
      );
    })
    .post('/', validate('json', topicInput), async (c) => {
      const user = requireUser(c);
      await enforce(c.get('services').db, `write:user:${user.id}`, limits.writePerUser);
      const { topic, post } = await createTopic(
        c.get('services').db,
        c.get('actor'),
        c.req.valid('json'),
        await postingContext(c),
      );
      return c.json({ topic: { id: topic.id, slug: topic.slug, title: topic.title, postId: post.id } }, 201);
    })
    .get('/:id', validate('param', idParam), validate('query', topicPageQuery), async (c) => {
      const { db } = c.get('services');
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const { page } = c.req.valid('query');
      const row = await loadReadableTopic(db, actor, id);
      const state = topicState(row);
      const total = row.postCount;
      const pageCount = Math.max(1, Math.ceil(total / postsPerPage));
      if (page > pageCount) throw notFound();
      // Post numbers are dense (deleted posts keep theirs), so a page is a number range.
      const rows = await listPosts(db, {
        topicId: id,
        afterNumber: (page - 1) * postsPerPage,
        limit: postsPerPage,
        viewerId: actor?.id ?? null,
      });
      const visible = rows.filter(
        (r) => r.post.deletedAt === null || canSeeDeleted(actor) || r.post.number === 1,
      );
      const [topicData, categoryData, posting] = await Promise.all([
        extensions.topicData(db, [row.topic.id], actor),
        extensions.categoryData(db, [row.category.id], actor),
        // From the session user (a shared page's stand-in mirrors the viewer's address): see posting.ts.
        postingContext(c),
      ]);
      const view = topicPageView({
        row,
        state,
        posts: visible,
        pluginData: {
          topic: topicData.get(row.topic.id) ?? {},
          category: categoryData.get(row.category.id) ?? {},
        },
        actor,
        posting,
        page,
        pageCount,
        pageSize: postsPerPage,
      });
      return c.json(view, 200);
    })
    .post('/:id/posts', validate('param', idParam), validate('json', replyInput), async (c) => {
      const user = requireUser(c);
      const { db } = c.get('services');
      await enforce(db, `write:user:${user.id}`, limits.writePerUser);
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const posting = await postingContext(c);
      const post = await createReply(db, actor, id, c.req.valid('json').body, posting);
      const row = await loadReadableTopic(db, actor, id);
      const view = postView(
        {
          post,
          author: {
            id: actor!.id,
            username: c.get('user')!.username,
            displayName: c.get('user')!.displayName,
          },
          likedByMe: false,
        },
        actor,
        topicState(row),
        posting,
      );
      return c.json({ post: view }, 201);
    });
}

export function categoryRoutes(extensions: PluginExtensions) {
  return new Hono<HostEnv>()
    .get('/', async (c) => {
      const actor = c.get('actor');
      const { db } = c.get('services');
      const categories = await readableCategories(db, actor);
      const [data, posting] = await Promise.all([
        extensions.categoryData(
          db,
          categories.map((cat) => cat.id),
          actor,
        ),
        postingContext(c),
      ]);
      return c.json(
        { categories: categories.map((cat) => categoryView(cat, actor, posting, data.get(cat.id))) },
        200,
      );
    })
    .get('/:slug', validate('param', categorySlugParam), async (c) => {
      const actor = c.get('actor');
      const { slug } = c.req.valid('param');
      const { db } = c.get('services');
      const category = (await listCategories(db)).find((cat) => cat.slug === slug);
      if (!category || !canReadCategory(actor, category)) throw notFound();
      const [data, posting] = await Promise.all([
        extensions.categoryData(db, [category.id], actor),
        postingContext(c),
      ]);
      return c.json({ category: categoryView(category, actor, posting, data.get(category.id)) }, 200);
    });
}

function categoryView(
  cat: Awaited<ReturnType<typeof listCategories>>[number],
  actor: Actor,
  posting: PostingContext,
  plugins: PluginData | undefined,
) {
  return {
    id: cat.id,
    slug: cat.slug,
    name: cat.name,
    description: cat.description,
    position: cat.position,
    topicCount: cat.topicCount,
    readAudience: cat.readAudience,
    postAudience: cat.postAudience,
    canPost: canCreateTopic(actor, cat, posting),
    /** The viewer could post here once their address is confirmed. */
    mustConfirmEmail: canCreateTopic(actor, cat) && mustConfirmEmailToPost(actor, posting),
    plugins: plugins ?? {},
  };
}

/** Plugins' list filters named in the query string; an unknown value is a field error, not ignored. */
function pluginFilters(extensions: PluginExtensions, query: Record<string, string>): SQL[] {
  const conditions: SQL[] = [];
  for (const [name, filter] of extensions.topicFilters) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (!filter.values.includes(value)) {
      throw new AppError('validation', 'error.validation', { [name]: { key: 'field.invalid' } });
    }
    conditions.push(filter.where(value));
  }
  return conditions;
}
