import { categories, getUserByUsername, recordEvent, updateSiteSettings, users } from '@parvis/db';
import {
  audiences,
  canManageCategories,
  canManageSettings,
  canManageUsers,
  roles,
  type SiteSettings,
  slugify,
} from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { createCategory } from '../forum/commands';
import { AppError, fieldError, forbidden, notFound } from '../http/errors';
import { requireUser } from '../http/middleware';
import { validate } from '../http/validate';
import { idParam } from './_shared';
import { usernameParam } from './account';
import { publicUser } from './views';

export const categoryFields = z.object({
  name: z.string().trim().min(2).max(60),
  slug: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .optional(),
  description: z.string().trim().max(500).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  readAudience: z.enum(audiences).optional(),
  postAudience: z.enum(audiences).optional(),
});

export const userListQuery = z.object({
  q: z.string().trim().max(60).default(''),
  role: z.enum(roles).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const roleInput = z.object({ role: z.enum(roles) });
/** Any of the site's settings; unknown names are refused rather than ignored. */
export const settingsInput = z
  .strictObject({ requireConfirmedEmailToPost: z.boolean() } satisfies Record<keyof SiteSettings, z.ZodType>)
  .partial();

function requireAdmin(c: Context<HostEnv>, can: typeof canManageCategories) {
  requireUser(c);
  if (!can(c.get('actor'))) throw forbidden();
  return c.get('actor')!;
}

/** Staff tools. Every change records an event naming who did it: the audit trail. */
export function adminRoutes() {
  return new Hono<HostEnv>()
    .get('/users', validate('query', userListQuery), async (c) => {
      requireAdmin(c, canManageUsers);
      const { q, role, limit } = c.req.valid('query');
      const conditions = [];
      if (q) {
        const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
      }
      if (role) conditions.push(eq(users.role, role));
      const rows = await c
        .get('services')
        .db.select()
        .from(users)
        .where(and(...conditions))
        // Staff first: the people an admin most often comes here to change.
        .orderBy(
          sql`case ${users.role} when 'admin' then 0 when 'moderator' then 1 else 2 end`,
          asc(users.username),
        )
        .limit(limit);
      return c.json(
        { users: rows.map((user) => ({ ...publicUser(user), createdAt: user.createdAt.toISOString() })) },
        200,
      );
    })
    .get('/settings', async (c) => {
      requireAdmin(c, canManageSettings);
      const settings: SiteSettings = await c.get('services').settings.get();
      return c.json({ settings }, 200);
    })
    .patch('/settings', validate('json', settingsInput), async (c) => {
      const actor = requireAdmin(c, canManageSettings);
      const input = c.req.valid('json');
      if (Object.keys(input).length === 0) throw new AppError('validation');
      const { db, settings: cache } = c.get('services');
      const settings: SiteSettings = await db.transaction(async (tx) => {
        const result = await updateSiteSettings(tx, input, actor.id);
        if (result.changes.length > 0) {
          await recordEvent(tx, 'settings.updated', actor.id, { changes: result.changes });
        }
        return result.settings;
      });
      // Other instances forget theirs when the event reaches them.
      cache.invalidate();
      return c.json({ settings }, 200);
    })
    .post('/categories', validate('json', categoryFields), async (c) => {
      const actor = requireAdmin(c, canManageCategories);
      const input = c.req.valid('json');
      const slug = input.slug ?? slugify(input.name);
      const [taken] = await c.get('services').db.select().from(categories).where(eq(categories.slug, slug));
      if (taken) throw fieldError('slug', 'field.invalid', undefined, 'conflict');
      const category = await createCategory(c.get('services').db, { ...input, slug }, actor.id);
      return c.json({ category }, 201);
    })
    .patch(
      '/categories/:id',
      validate('param', idParam),
      validate('json', categoryFields.partial()),
      async (c) => {
        const actor = requireAdmin(c, canManageCategories);
        const { id } = c.req.valid('param');
        const changes = c.req.valid('json');
        if (Object.keys(changes).length === 0) throw new AppError('validation');
        const { db } = c.get('services');
        const category = await db.transaction(async (tx) => {
          const [updated] = await tx.update(categories).set(changes).where(eq(categories.id, id)).returning();
          if (!updated) throw notFound();
          await recordEvent(tx, 'category.updated', actor.id, {
            categoryId: id,
            changes: Object.keys(changes),
          });
          return updated;
        });
        return c.json({ category }, 200);
      },
    )
    .put(
      '/users/:username/role',
      validate('param', usernameParam),
      validate('json', roleInput),
      async (c) => {
        const actor = requireAdmin(c, canManageUsers);
        const { db } = c.get('services');
        const user = await getUserByUsername(db, c.req.valid('param').username);
        if (!user) throw notFound();
        const { role } = c.req.valid('json');
        // An admin cannot demote themselves: there must always be someone able to undo mistakes.
        if (user.id === actor.id && role !== 'admin')
          throw fieldError('role', 'field.invalid', undefined, 'conflict');
        const updated = await db.transaction(async (tx) => {
          const [row] = await tx.update(users).set({ role }).where(eq(users.id, user.id)).returning();
          if (user.role !== role) {
            await recordEvent(tx, 'user.role_changed', actor.id, {
              userId: user.id,
              from: user.role,
              to: role,
            });
          }
          return row!;
        });
        return c.json({ user: publicUser(updated) }, 200);
      },
    );
}
