import {
  accountTokens,
  getUserByUsername,
  getVerifiedUserByEmail,
  listAccountsByLogin,
  type Queryable,
  recordEvent,
  type UserRow,
  users,
} from '@parvis/db';
import type { HostEnv } from '@parvis/plugin-sdk';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { consumeAccountToken, createAccountToken } from '../auth/account-tokens';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../auth/password';
import { clear, enforce, hit, limits, peek } from '../auth/rate-limit';
import { createSession, invalidateAllSessions, invalidateSession } from '../auth/sessions';
import { AppError, fieldError } from '../http/errors';
import { clearSessionCookie, clientIp, requireUser, writeSessionCookie } from '../http/middleware';
import { validate } from '../http/validate';
import { queueAccountEmail } from '../mail/outbox';
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

const token = z.string().trim().min(1).max(100);
export const verifyEmailSchema = z.object({ token });
export const passwordResetRequestSchema = z.object({ email: z.email().max(254) });
export const passwordResetSchema = z.object({ token, password: signUpSchema.shape.password });

export interface AuthOptions {
  publicUrl?: string | undefined;
  trustProxy: boolean;
}

const usernameTaken = () => fieldError('username', 'error.username_taken', undefined, 'conflict');

/** Postgres' unique_violation, e.g. two accounts confirming one address at the same moment. */
function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } })?.cause ?? error;
  return (cause as { code?: unknown })?.code === '23505';
}

/**
 * Sends a new confirmation link to a member's address. When another account already confirmed
 * that address, its owner is told someone tried to use it instead: whoever signs up sees the
 * same answer either way, so sign-up never says whether an address has an account.
 */
async function queueAddressConfirmation(tx: Queryable, user: Pick<UserRow, 'id' | 'email'>) {
  const owner = await getVerifiedUserByEmail(tx, user.email);
  if (owner && owner.id !== user.id) {
    await queueAccountEmail(tx, { userId: owner.id, kind: 'account.email_taken' });
    return;
  }
  const accountTokenId = await createAccountToken(tx, {
    userId: user.id,
    purpose: 'verify_email',
    email: user.email,
  });
  await queueAccountEmail(tx, { userId: user.id, kind: 'account.verify_email', accountTokenId });
}

/** Marks the address confirmed unless another account has it; the unique index settles races. */
async function confirmAddress(tx: Queryable, user: UserRow): Promise<boolean> {
  if (user.emailVerifiedAt) return true;
  const owner = await getVerifiedUserByEmail(tx, user.email);
  if (owner && owner.id !== user.id) return false;
  await tx
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)));
  await recordEvent(tx, 'user.email_verified', user.id, { userId: user.id });
  return true;
}

export function authRoutes(options: AuthOptions) {
  return new Hono<HostEnv>()
    .post('/sign-up', validate('json', signUpSchema), async (c) => {
      // Signing up, in or out changes what this person sees, not what guests see.
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const input = c.req.valid('json');
      await enforce(db, `sign-up:ip:${clientIp(c, options.trustProxy)}`, limits.signUpPerIp);
      if (await getUserByUsername(db, input.username)) throw usernameTaken();
      // Hashing happens whether or not the address has an account, so timing tells nothing either.
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
        await queueAddressConfirmation(tx, created);
        return created;
      });
      // Only the username is unique at sign-up: losing a race for it reads like the check above.
      if (!user) throw usernameTaken();
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
      let user: UserRow | null = null;
      const candidates = await listAccountsByLogin(db, login);
      for (const candidate of candidates) {
        if (await verifyPassword(candidate.passwordHash, password)) {
          user = candidate;
          break;
        }
      }
      if (candidates.length === 0) await verifyAgainstDecoy(password);
      if (!user) {
        await hit(db, accountKey, limits.signInPerAccount);
        throw new AppError('invalid_credentials');
      }
      await clear(db, accountKey);
      const session = await createSession(db, user.id);
      await recordEventOutside(db, 'user.signed_in', user.id, { userId: user.id });
      writeSessionCookie(c, session.token, session.expiresAt, options.publicUrl);
      return c.json({ user: publicUser(user) }, 200);
    })
    .post('/verify-email', validate('json', verifyEmailSchema), async (c) => {
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      await enforce(db, `link:ip:${clientIp(c, options.trustProxy)}`, limits.linksPerIp);
      const { token } = c.req.valid('json');
      const outcome = await db
        .transaction(async (tx) => {
          const link = await consumeAccountToken(tx, token, 'verify_email');
          if (!link) return { error: new AppError('invalid_link') };
          const [user] = await tx.select().from(users).where(eq(users.id, link.userId));
          // The member changed address since: this link confirms the old one, so it is void.
          if (!user || user.email !== link.email) return { error: new AppError('invalid_link') };
          if (!(await confirmAddress(tx, user))) throw new AppError('conflict', 'error.email_claimed');
          return { user };
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new AppError('conflict', 'error.email_claimed');
          throw error;
        });
      if (outcome.error) throw outcome.error;
      return c.json({ user: publicUser(outcome.user), emailVerified: true }, 200);
    })
    .post('/verify-email/resend', async (c) => {
      c.set('keepGuestCaches', true);
      const me = requireUser(c);
      const { db } = c.get('services');
      if (me.emailVerifiedAt) return c.json({ email: me.email, emailVerified: true }, 200);
      await enforce(db, `verify-resend:user:${me.id}`, limits.verifyResendPerUser);
      await db.transaction((tx) => queueAddressConfirmation(tx, me));
      return c.json({ email: me.email, emailVerified: false }, 202);
    })
    .post('/password-reset/request', validate('json', passwordResetRequestSchema), async (c) => {
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      const email = c.req.valid('json').email.toLowerCase();
      await enforce(db, `reset:ip:${clientIp(c, options.trustProxy)}`, limits.resetRequestsPerIp);
      // Counted per address whether or not it has an account, so the limit reveals nothing.
      await enforce(db, `reset:email:${email}`, limits.resetRequestsPerEmail);
      // The confirmed owner of the address, else its newest unconfirmed account: the link proves
      // the inbox, so using it confirms the address too.
      const [account] = await listAccountsByLogin(db, email, 1);
      if (account) {
        await db.transaction(async (tx) => {
          const accountTokenId = await createAccountToken(tx, {
            userId: account.id,
            purpose: 'reset_password',
            email: account.email,
          });
          await queueAccountEmail(tx, { userId: account.id, kind: 'account.reset_password', accountTokenId });
          await recordEvent(tx, 'user.password_reset_requested', null, { userId: account.id });
        });
      }
      // The same answer with or without an account: the mail says the rest to the inbox's owner.
      // The few milliseconds of queueing a mail could only be told apart over many tries, and
      // the per-address limit allows three an hour.
      return c.json({ email }, 202);
    })
    .post('/password-reset', validate('json', passwordResetSchema), async (c) => {
      c.set('keepGuestCaches', true);
      const { db } = c.get('services');
      await enforce(db, `link:ip:${clientIp(c, options.trustProxy)}`, limits.linksPerIp);
      const input = c.req.valid('json');
      const passwordHash = await hashPassword(input.password);
      const user = await db
        .transaction(async (tx) => {
          const link = await consumeAccountToken(tx, input.token, 'reset_password');
          if (!link) return null;
          const [found] = await tx.select().from(users).where(eq(users.id, link.userId));
          if (!found || found.email !== link.email) return null;
          await tx.update(users).set({ passwordHash }).where(eq(users.id, found.id));
          await confirmAddress(tx, found);
          // Whoever knew the old password is signed out, and older reset links die with it.
          await invalidateAllSessions(tx, found.id);
          await tx
            .delete(accountTokens)
            .where(and(eq(accountTokens.userId, found.id), isNull(accountTokens.usedAt)));
          await recordEvent(tx, 'user.password_reset', found.id, { userId: found.id });
          return found;
        })
        .catch((error: unknown) => {
          // Another account confirmed the address meanwhile: the new password still counts.
          if (isUniqueViolation(error)) throw new AppError('conflict', 'error.email_claimed');
          throw error;
        });
      if (!user) throw new AppError('invalid_link');
      await clear(db, `sign-in:account:${user.username.toLowerCase()}`);
      await clear(db, `sign-in:account:${user.email.toLowerCase()}`);
      const session = await createSession(db, user.id);
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
