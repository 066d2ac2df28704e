import { getCategoryBySlug } from '@parvis/db';
import {
  enforceRateLimit,
  fieldError,
  type HostEnv,
  PluginError,
  type PluginOperation,
  validate,
} from '@parvis/plugin-sdk';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { canViewQueue } from '../domain/policies';
import { acceptAnswer, claimQuestion, releaseQuestion, setQaCategory, unacceptAnswer } from './commands';
import { listQueue, readableQaCategories, topicData } from './queries';
import { supportLimits } from './rate-limit';

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id });
export const qaInput = z.object({ qa: z.boolean() });
export const answerInput = z.object({ postId: id });
export const claimInput = z.object({ force: z.boolean().default(false) });
export const queueQuery = z.object({
  category: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The question's support data as the requester now sees it (answered after each change). */
async function questionView(c: Context<HostEnv>, topicId: number) {
  const data = await topicData(c.get('services').db, [topicId], c.get('actor'));
  return data.get(topicId) ?? null;
}

const db = (c: Context<HostEnv>) => c.get('services').db;

/** The per-member limit on question changes; guests go on to the commands' own 401. */
async function limitWrites(c: Context<HostEnv>) {
  const user = c.get('user');
  if (user) await enforceRateLimit(db(c), `support:write:${user.id}`, supportLimits.writePerUser);
}

/** Routes under `/api/v1/plugins/support`. */
export function supportRoutes(router: Hono<HostEnv>) {
  return router
    .put('/categories/:id', validate('param', idParam), validate('json', qaInput), async (c) => {
      const { id: categoryId } = c.req.valid('param');
      const { qa } = await setQaCategory(db(c), c.get('actor'), categoryId, c.req.valid('json').qa);
      return c.json({ category: { id: categoryId, qa } }, 200);
    })
    .put('/topics/:id/answer', validate('param', idParam), validate('json', answerInput), async (c) => {
      const { id: topicId } = c.req.valid('param');
      await limitWrites(c);
      await acceptAnswer(db(c), c.get('actor'), topicId, c.req.valid('json').postId);
      return c.json({ question: await questionView(c, topicId) }, 200);
    })
    .delete('/topics/:id/answer', validate('param', idParam), async (c) => {
      const { id: topicId } = c.req.valid('param');
      await limitWrites(c);
      await unacceptAnswer(db(c), c.get('actor'), topicId);
      return c.json({ question: await questionView(c, topicId) }, 200);
    })
    .put('/topics/:id/claim', validate('param', idParam), validate('json', claimInput), async (c) => {
      const { id: topicId } = c.req.valid('param');
      await limitWrites(c);
      await claimQuestion(db(c), c.get('actor'), topicId, c.req.valid('json').force);
      return c.json({ question: await questionView(c, topicId) }, 200);
    })
    .delete('/topics/:id/claim', validate('param', idParam), async (c) => {
      const { id: topicId } = c.req.valid('param');
      await limitWrites(c);
      await releaseQuestion(db(c), c.get('actor'), topicId);
      return c.json({ question: await questionView(c, topicId) }, 200);
    })
    .get('/queue', validate('query', queueQuery), async (c) => {
      const actor = c.get('actor');
      if (actor === null) throw new PluginError('unauthenticated');
      if (!canViewQueue(actor)) throw new PluginError('forbidden');
      const { category, limit } = c.req.valid('query');
      const { db } = c.get('services');
      const qa = await readableQaCategories(db, actor);
      let ids = qa.map((cat) => cat.id);
      if (category) {
        const chosen = await getCategoryBySlug(db, category);
        if (!chosen || !ids.includes(chosen.id))
          throw fieldError('category', 'support.field.category_not_qa');
        ids = [chosen.id];
      }
      const { items, total } = await listQueue(db, { categoryIds: ids, limit });
      return c.json({ items, total, categories: qa, category: category || null }, 200);
    });
}

/** The routes above, for the API reference (paths relative to `/api/v1/plugins/support`). */
export const supportOperations: PluginOperation[] = [
  {
    method: 'put',
    path: '/categories/:id',
    summary:
      'Make a category a Q&A category, whose topics are questions with an accepted answer, or not (admins)',
    tag: 'Support',
    auth: 'staff',
    params: idParam,
    body: qaInput,
    success: 200,
  },
  {
    method: 'put',
    path: '/topics/:id/answer',
    summary: 'Accept a reply as the answer to a question, or change it (the asker or staff)',
    tag: 'Support',
    auth: 'user',
    params: idParam,
    body: answerInput,
    success: 200,
  },
  {
    method: 'delete',
    path: '/topics/:id/answer',
    summary: 'Undo the accepted answer (the asker or staff)',
    tag: 'Support',
    auth: 'user',
    params: idParam,
    success: 200,
  },
  {
    method: 'put',
    path: '/topics/:id/claim',
    summary:
      'Say you are handling a question ("I’m on it"); 409 when someone else already is, unless `force`',
    tag: 'Support',
    auth: 'staff',
    params: idParam,
    body: claimInput,
    success: 200,
  },
  {
    method: 'delete',
    path: '/topics/:id/claim',
    summary: 'Stop handling a question',
    tag: 'Support',
    auth: 'staff',
    params: idParam,
    success: 200,
  },
  {
    method: 'get',
    path: '/queue',
    summary: 'Open questions of the Q&A categories you can read, longest waiting first',
    tag: 'Support',
    auth: 'staff',
    query: queueQuery,
    success: 200,
  },
];
