import { type Database, getUserByLogin, recordEvent, users } from '@parvis/db';
import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { z } from 'zod';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../auth/password';
import { clear, enforce, hit, limits, peek } from '../auth/rate-limit';
import { createSession, invalidateAllSessions, invalidateSession } from '../auth/sessions';
import { AppError, fieldError } from '../http/errors';
import { clearSessionCookie, clientIp, requireUser, writeSessionCookie } from '../http/middleware';
import { validate } from '../http/validate';
import { locales, recordEventOutside, usernamePattern } from './_shared';
import { publicUser } from './views';

export const signUpSchema = z.object({
  username: z.string().trim().min(3).max(30).regex(usernamePattern),
  email: z.email().max(254),
  password: z.string().min(10).max(256),
  displayName: z.string().trim().min(1).max(60).optional(),
  locale: z.enum(locales),
});

export const signInSchema = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export interface AuthOptions {
  publicUrl?: string | undefined;
  trustProxy: boolean;
}

async function findConflict(db: Database, username: string, email: string) {
  if (await getUserByLogin(db, username))
    return fieldError('username', 'error.username_taken', undefined, 'conflict');
  if (await getUserByLogin(db, email)) return fieldError('email', 'error.email_taken', undefined, 'conflict');
  return null;
}

export function authRoutes(options: AuthOptions) {
  return new Hono<HostEnv>()
    .post('/sign-up', validate('json', signUpSchema), async (c) => {
      // Signing up, in or out changes what this person sees, not what guests see.
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const input = c.req.valid('json');
      await enforce(db, `sign-up:ip:${clientIp(c, options.trustProxy)}`, limits.signUpPerIp);
      const conflict = await findConflict(db, input.username, input.email);
      if (conflict) throw conflict;
      const passwordHash = await hashPassword(input.password);
      const user = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            username: input.username,
            email: input.email.toLowerCase(),
            displayName: input.displayName || input.username,
            passwordHash,
            locale: input.locale,
          })
          .onConflictDoNothing()
          .returning();
        if (!created) return null;
        await recordEvent(tx, 'user.registered', created.id, {
          userId: created.id,
          username: created.username,
          locale: created.locale,
        });
        return created;
      });
      // Lost a race with an identical sign-up: report it the same way as the check above.
      if (!user) throw (await findConflict(db, input.username, input.email)) ?? new AppError('conflict');
      const session = await createSession(db, user.id);
      writeSessionCookie(c, session.token, session.expiresAt, options.publicUrl);
      return c.json({ user: publicUser(user) }, 201);
    })
    .post('/sign-in', validate('json', signInSchema), async (c) => {
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const { login, password } = c.req.valid('json');
      const accountKey = `sign-in:account:${login.toLowerCase()}`;
      await enforce(db, `sign-in:ip:${clientIp(c, options.trustProxy)}`, limits.signInPerIp);
      // The per-account limit applies whether or not the account exists, so it reveals nothing.
      const wait = await peek(db, accountKey, limits.signInPerAccount);
      if (wait > 0) throw new AppError('rate_limited', 'error.rate_limited', undefined, wait);
      const user = await getUserByLogin(db, login);
      const valid = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyAgainstDecoy(password);
      if (!user || !valid) {
        await hit(db, accountKey, limits.signInPerAccount);
        throw new AppError('invalid_credentials');
      }
      await clear(db, accountKey);
      const session = await createSession(db, user.id);
      await recordEventOutside(db, 'user.signed_in', user.id, { userId: user.id });
      writeSessionCookie(c, session.token, session.expiresAt, options.publicUrl);
      return c.json({ user: publicUser(user) }, 200);
    })
    .post('/sign-out', async (c) => {
      c.set('keepGuestCaches', true);
      const sessionId = c.get('sessionId');
      if (sessionId) await invalidateSession(c.get('services').db, sessionId);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .post('/sign-out-everywhere', async (c) => {
      c.set('keepGuestCaches', true);
      const user = requireUser(c);
      await invalidateAllSessions(c.get('services').db, user.id);
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}
