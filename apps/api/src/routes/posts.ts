import { getPost, listPosts, postRevisions, users } from '@parvis/db';
import { canEditPost, canViewRevisions } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  deletePost,
  editPost,
  loadReadableTopic,
  postState,
  restorePost,
  setLike,
  topicState,
} from '../forum/commands';
import { postingContext } from '../forum/posting';
import { forbidden, notFound } from '../http/errors';
import { requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import { idParam } from './_shared';
import { postBody } from './topics';
import { postView } from './views';

async function loadPostView(c: Context<HostEnv>, id: number) {
  const { db } = c.get('services');
  const actor = c.get('actor');
  const row = await getPost(db, id);
  if (!row) throw notFound();
  const topic = await loadReadableTopic(db, actor, row.post.topicId);
  const [withLike] = await listPosts(db, {
    topicId: row.post.topicId,
    afterNumber: row.post.number - 1,
    limit: 1,
    viewerId: actor?.id ?? null,
  });
  const state = topicState(topic);
  const posting = await postingContext(c);
  const view = postView(withLike ?? { ...row, likedByMe: false }, actor, state, posting);
  if (view.deleted && !canViewRevisions(actor)) throw notFound();
  const editable = canEditPost(actor, postState(row.post, state), posting);
  return {
    view,
    body: editable ? row.post.body : null,
    title: row.post.number === 1 ? topic.topic.title : null,
  };
}

export const postEdit = z.object({ body: postBody, title: z.string().trim().min(5).max(200).optional() });

export function postRoutes() {
  return new Hono<HostEnv>()
    .get('/:id', validate('param', idParam), async (c) => {
      const { view, body, title } = await loadPostView(c, c.req.valid('param').id);
      return c.json({ post: { ...view, body, title } }, 200);
    })
    .patch('/:id', validate('param', idParam), validate('json', postEdit), async (c) => {
      requireUser(c);
      const { id } = c.req.valid('param');
      await editPost(c.get('services').db, c.get('actor'), id, c.req.valid('json'), await postingContext(c));
      const { view } = await loadPostView(c, id);
      return c.json({ post: view }, 200);
    })
    .delete('/:id', validate('param', idParam), async (c) => {
      requireUser(c);
      await deletePost(c.get('services').db, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .post('/:id/restore', validate('param', idParam), async (c) => {
      requireUser(c);
      const { id } = c.req.valid('param');
      await restorePost(c.get('services').db, c.get('actor'), id);
      const { view } = await loadPostView(c, id);
      return c.json({ post: view }, 200);
    })
    .get('/:id/revisions', validate('param', idParam), async (c) => {
      requireUser(c);
      const actor = c.get('actor');
      if (!canViewRevisions(actor)) throw forbidden();
      const { db } = c.get('services');
      const { id } = c.req.valid('param');
      await loadPostView(c, id);
      const rows = await db
        .select({
          revision: postRevisions,
          editor: { username: users.username, displayName: users.displayName },
        })
        .from(postRevisions)
        .innerJoin(users, eq(users.id, postRevisions.editorId))
        .where(eq(postRevisions.postId, id))
        .orderBy(desc(postRevisions.revision));
      return c.json(
        {
          revisions: rows.map((r) => ({
            revision: r.revision.revision,
            body: r.revision.body,
            title: r.revision.title,
            editor: r.editor,
            createdAt: r.revision.createdAt.toISOString(),
          })),
        },
        200,
      );
    })
    .put('/:id/like', validate('param', idParam), async (c) => {
      requireUser(c);
      return c.json(await setLike(c.get('services').db, c.get('actor'), c.req.valid('param').id, true), 200);
    })
    .delete('/:id/like', validate('param', idParam), async (c) => {
      requireUser(c);
      return c.json(await setLike(c.get('services').db, c.get('actor'), c.req.valid('param').id, false), 200);
    });
}
