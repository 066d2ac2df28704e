import { canReply } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { enforce, type Limit } from '../auth/rate-limit';
import { loadReadableTopic, topicState } from '../forum/commands';
import { postingContext } from '../forum/posting';
import { forbidden } from '../http/errors';
import { clientIp, requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import { idParam } from '../routes/_shared';
import type { LiveHub } from './hub';

/** Browsers send a heartbeat every ~10 s while typing; this leaves room for several tabs. */
const presencePerUser: Limit = { max: 30, windowSeconds: 60 };

/** `Last-Event-ID` as a browser sends it back: our own event ids, anything else is ignored. */
export function parseLastEventId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

export const presenceInput = z.object({ state: z.enum(['composing', 'idle']) });

export interface LiveRouteOptions {
  hub: LiveHub;
  trustProxy: boolean;
}

/** `GET /topics/:id/live` (server-sent events) and `POST /topics/:id/presence`. */
export function liveRoutes({ hub, trustProxy }: LiveRouteOptions) {
  return new Hono<HostEnv>()
    .get('/:id/live', validate('param', idParam), async (c) => {
      const { db } = c.get('services');
      const actor = c.get('actor');
      const user = c.get('user');
      const { id } = c.req.valid('param');
      // Same check as reading the topic: 404 when the visitor may not see it.
      const row = await loadReadableTopic(db, actor, id);
      const clientKey = user ? `u:${user.id}` : `ip:${clientIp(c, trustProxy)}`;
      hub.admit(clientKey);
      const lastEventId = parseLastEventId(c.req.header('last-event-id'));
      const response = streamSSE(c, async (stream) => {
        // Registered before this callback first awaits, so the count checked by admit() holds.
        const subscriber = hub.open(
          {
            topicId: id,
            categoryId: row.category.id,
            actor,
            user: user ? { id: user.id, username: user.username, displayName: user.displayName } : null,
            clientKey,
            lastEventId,
          },
          { write: (text) => stream.write(text), close: () => void stream.close() },
        );
        stream.onAbort(() => subscriber.close());
        c.req.raw.signal.addEventListener('abort', () => subscriber.close(), { once: true });
        await subscriber.done;
      });
      // Never stored by a cache, never compressed or buffered by a proxy (nginx reads X-Accel-Buffering).
      response.headers.set('Cache-Control', 'no-store, no-transform');
      response.headers.set('X-Accel-Buffering', 'no');
      return response;
    })
    .post('/:id/presence', validate('param', idParam), validate('json', presenceInput), async (c) => {
      // "Writing a reply" heartbeats change nothing a page shows, and come every few seconds.
      c.set('keepGuestCaches', true);
      const user = requireUser(c);
      const { db } = c.get('services');
      const { id } = c.req.valid('param');
      const { state } = c.req.valid('json');
      await enforce(db, `presence:user:${user.id}`, presencePerUser);
      // Saying you stopped needs no check: it only ever removes your own entry.
      if (state === 'composing') {
        const actor = c.get('actor');
        const row = await loadReadableTopic(db, actor, id);
        // Who may not reply has no composer, so nothing to announce.
        if (!canReply(actor, topicState(row), await postingContext(c))) throw forbidden();
      }
      await hub.setPresence(
        id,
        { id: user.id, username: user.username, displayName: user.displayName },
        state,
      );
      return c.body(null, 204);
    });
}
