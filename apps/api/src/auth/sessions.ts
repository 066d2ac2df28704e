import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getSessionWithUser, type Queryable, sessions } from '@parvis/db';
import type { SessionUser } from '@parvis/plugin-sdk';
import { eq } from 'drizzle-orm';
import type { SessionCache } from './session-cache';

const day = 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * day;
/** A session used in its second half of life is extended, so active people stay signed in. */
const renewWhenLeftMs = 15 * day;
export const sessionCookie = 'parvis_session';

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database keeps only this hash: a leaked sessions table signs nobody in. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Queryable, userId: number) {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.insert(sessions).values({ id: sessionIdFromToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  unreadNotifications: number;
  expiresAt: Date;
  /** The expiry moved: the cookie must be written again. */
  renewed: boolean;
}

export async function validateSessionToken(
  db: Queryable,
  token: string,
  cache?: SessionCache,
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const now = Date.now();
  const cached = cache?.get(id);
  // One that is due for renewal goes to the database, whose update then drops it from memory.
  if (cached && cached.expiresAt.getTime() - now >= renewWhenLeftMs) {
    return { sessionId: id, ...cached, renewed: false };
  }
  const readStartedAt = cache?.readStarts() ?? 0;
  const row = await getSessionWithUser(db, id);
  if (!row) return null;
  if (row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now < renewWhenLeftMs) {
    expiresAt = new Date(now + sessionLifetimeMs);
    renewed = true;
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  const { user: u, unreadNotifications } = row;
  const user: SessionUser = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    locale: u.locale,
    email: u.email,
    emailVerifiedAt: u.emailVerifiedAt,
  };
  if (!renewed) cache?.store(id, { user, unreadNotifications, expiresAt }, readStartedAt);
  return { sessionId: id, user, unreadNotifications, expiresAt, renewed };
}

export async function invalidateSession(db: Queryable, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(db: Queryable, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
