import type { Queryable } from '@parvis/db';
import { type Locale, translate } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import { listEmailChoices, type NotificationKinds, setEmailChoices } from '../mail/kinds';

/** The signed-in member's email choice per notification kind (in-app notifications are always on). */
export function notificationPreferenceRoutes(kinds: NotificationKinds) {
  // Only kinds that exist may be set: anything else is a 400 naming the field.
  const choices = z
    .object(Object.fromEntries([...kinds.keys()].map((kind) => [kind, z.boolean().optional()])))
    .strict();
  const update = z.object({ email: choices });

  const describe = async (db: Queryable, userId: number, locale: Locale) =>
    (await listEmailChoices(db, kinds, userId)).map((choice) => ({
      ...choice,
      label: translate(locale, `notification.kind.${choice.kind}`),
    }));

  return new Hono<HostEnv>()
    .get('/', async (c) => {
      const me = requireUser(c);
      return c.json({ preferences: await describe(c.get('services').db, me.id, c.get('locale')) }, 200);
    })
    .put('/', validate('json', update), async (c) => {
      const me = requireUser(c);
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const wanted: Record<string, boolean> = {};
      for (const [kind, email] of Object.entries(c.req.valid('json').email)) {
        if (typeof email === 'boolean') wanted[kind] = email;
      }
      await setEmailChoices(db, me.id, wanted);
      return c.json({ preferences: await describe(db, me.id, c.get('locale')) }, 200);
    });
}
