import { getCategoryBySlug } from '@parvis/db';
import { canReadCategory } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../http/validate';
import { readableCategories } from './topics';

export const searchQuery = z.object({
  q: z.string().max(500).default(''),
  category: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});

export function searchRoutes() {
  return new Hono<HostEnv>().get('/', validate('query', searchQuery), async (c) => {
    const { db, search } = c.get('services');
    const actor = c.get('actor');
    const q = c.req.valid('query');
    const readable = await readableCategories(db, actor);
    let categoryIds = readable.map((cat) => cat.id);
    if (q.category) {
      const category = await getCategoryBySlug(db, q.category);
      categoryIds = category && canReadCategory(actor, category) ? [category.id] : [];
    }
    if (q.q.trim() === '' || categoryIds.length === 0) return c.json({ hits: [], total: 0 }, 200);
    // Replies carry their topic's title, so a title match finds every post of a thread: one per topic.
    const { hits, total } = await search.search({
      q: q.q,
      categoryIds,
      limit: q.limit,
      offset: q.offset,
      onePerTopic: true,
    });
    const byId = new Map(readable.map((cat) => [cat.id, { slug: cat.slug, name: cat.name }]));
    return c.json(
      {
        total,
        hits: hits.map((hit) => ({
          id: hit.id,
          type: hit.type,
          title: hit.title,
          url: hit.url,
          topicId: hit.topicId ?? null,
          postId: hit.postId ?? null,
          category: hit.categoryId ? (byId.get(hit.categoryId) ?? null) : null,
          highlight: hit.highlight,
        })),
      },
      200,
    );
  });
}
