import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getSessionWithUser, type Queryable, sessions } from '@parvis/db';
import { eq } from 'drizzle-orm';

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

export async function validateSessionToken(db: Queryable, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const row = await getSessionWithUser(db, id);
  if (!row) return null;
  const now = Date.now();
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
  return { sessionId: id, user: row.user, unreadNotifications: row.unreadNotifications, expiresAt, renewed };
}

export async function invalidateSession(db: Queryable, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(db: Queryable, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
